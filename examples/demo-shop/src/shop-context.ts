import type { DemoDatabase } from './database.js';
import type { ShopClock } from './shop-clock.js';

/** What every part of the shop works with: its database and its clock. */
export interface ShopContext {
  db: DemoDatabase;
  clock: ShopClock;
}

/** Ids are integers in the database and strings in the contracts. */
export function toRowId(id: string | null | undefined): number | null {
  if (id === null || id === undefined || !/^\d{1,15}$/.test(id)) return null;
  return Number(id);
}

/** Drops `undefined` members so JSON columns and contract objects hold only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = member;
  return out as T;
}

/** A URL slug per language from a name: `"Café & Thé"` -> `"cafe-the"`. */
export function slugify(text: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [language, value] of Object.entries(text)) {
    out[language] = value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  }
  return out;
}
