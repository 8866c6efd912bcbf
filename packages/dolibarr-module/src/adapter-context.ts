import type { ConcurrencyLimit } from '@passerelle/core';
import type { DolibarrClient } from './client.js';
import type { KeyedLock } from './keyed-lock.js';
import type { Lookups } from './lookups.js';
import type { ProductMapContext } from './map/product.js';
import { type DolibarrSettings, dolibarrSettingsOf } from './settings.js';

/** What the resources share: the client, cached lookups, the per-key lock and the settings in force. */
export interface AdapterContext {
  client: DolibarrClient;
  lookups: Lookups;
  lock: KeyedLock;
  /** The whole module settings object (core sections and `platform.dolibarr`). */
  settings(): Promise<unknown>;
  now(): Date;
  /**
   * Stock movements this process posted, per product id: a level read before a movement of the same
   * product is read again rather than trusted (two requests writing one product's stock at once).
   */
  stockWrites: Map<number, number>;
  /** The slots `writeConcurrency` bounds, shared by every batch: Dolibarr gets that many writes at once. */
  writeSlots: ConcurrencyLimit;
}

/**
 * One write per item, at most `writeConcurrency` at once across every batch of this adapter, answers in
 * input order. Dolibarr has no batch endpoint; more than a handful of calls at once saturates a small PHP host.
 */
export function forEachWrite<T, R>(
  context: AdapterContext,
  settings: DolibarrSettings,
  items: readonly T[],
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  return context.writeSlots.map(items, settings.writeConcurrency, task);
}

export async function dolibarrSettings(context: AdapterContext, fromWrite?: unknown): Promise<DolibarrSettings> {
  return dolibarrSettingsOf(fromWrite ?? (await context.settings()));
}

/** The core settings the ERP side reads: the guest account and how order lines are laid out. */
export interface CoreView {
  guestAccount: string | null;
  referenceTarget: 'orderRef' | 'refClient' | 'both';
  discountLineMode: 'perDiscount' | 'single';
}

export function coreViewOf(settings: unknown): CoreView {
  const orders = (
    settings as {
      orders?: {
        read?: { guestAccount?: unknown };
        lines?: { shopReferenceTarget?: unknown; discountLineMode?: unknown };
      };
    } | null
  )?.orders;
  const target = orders?.lines?.shopReferenceTarget;
  const mode = orders?.lines?.discountLineMode;
  return {
    guestAccount: typeof orders?.read?.guestAccount === 'string' ? orders.read.guestAccount : null,
    referenceTarget: target === 'orderRef' || target === 'both' ? target : 'refClient',
    discountLineMode: mode === 'single' ? 'single' : 'perDiscount',
  };
}

export function productMapContext(settings: DolibarrSettings): ProductMapContext {
  return {
    language: settings.defaultLanguage,
    priceLevel: settings.priceLevel,
    timeZone: settings.timeZone,
    stockType: settings.stockType,
  };
}

/** Dolibarr `ref_ext` of what a shop sent: `pas-<shop>-o<order id>`. No colon: the legacy filter syntax forbids it. */
export function externalRef(shopId: string, kind: 'o' | 'i' | 'p', id: string): string {
  // The shop part has no hyphen, so the first hyphen after it always ends it (ids may hold hyphens).
  const shop = shopId.replace(/[^A-Za-z0-9_.]/g, '_');
  return `pas-${shop}-${kind}${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`.slice(0, 255);
}

/** The shop and the shop's id a `ref_ext` written by {@link externalRef} names; null for any other value. */
export function parseExternalRef(value: unknown): { shopId: string; kind: 'o' | 'i' | 'p'; id: string } | null {
  if (typeof value !== 'string') return null;
  const match = /^pas-([^-]+)-([oip])(.+)$/.exec(value);
  if (!match) return null;
  return { shopId: match[1] as string, kind: match[2] as 'o' | 'i' | 'p', id: match[3] as string };
}

/** A failure as a write outcome: the platform's message, retryable when the platform says so. */
export function failure(key: string, error: unknown): { key: string; ok: false; error: string; retryable: boolean } {
  const message = error instanceof Error ? error.message : 'the Dolibarr write failed';
  const retryable =
    typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
  return { key, ok: false, error: message, retryable };
}
