import type { z } from 'zod';
import { type FieldMeta, readFieldMeta } from '../contracts/meta.js';
import type { Settings } from '../settings/index.js';
import { isToggleOn } from '../settings/index.js';
import { sameValue } from './decimal-equal.js';

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface FieldPlan<T> {
  action: PlanAction;
  /** The fields to write: everything on create, only allowed and changed fields on update. */
  data: Partial<T>;
  /** Fields that will be written (on update: differed and their toggle is on). */
  changed: string[];
  /** Fields that differed but a rule kept back (toggle off, or create-only), so the caller knows. */
  withheld: string[];
}

export interface PlanFieldsInput<T> {
  /** A write schema whose fields carry `.meta()` (contracts). */
  schema: z.ZodObject;
  incoming: T;
  /** What the platform has now; `null` when the entity does not exist yet. */
  existing: Partial<Record<keyof T, unknown>> | null;
  settings: Settings;
  /** Filled in on create where the incoming item leaves a field out. */
  creationDefaults?: Partial<T>;
  /** Fields the caller plans itself (nested entities such as product variants). */
  exclude?: readonly string[];
  /** When set and `products.update.allLanguages` is off, updates of translated fields touch this language only. */
  mainLanguage?: string;
}

/**
 * A contract field's metadata, read from zod once per field schema: `.meta()` looks it up in zod's registry and
 * copies it on every call, which is most of planning a batch when it is done for every field of every item.
 * Contract schemas are module constants whose metadata is attached where they are declared.
 */
const metaCache = new WeakMap<z.ZodType, FieldMeta | null>();
function fieldMeta(schema: z.ZodType): FieldMeta | undefined {
  let meta = metaCache.get(schema);
  if (meta === undefined) {
    meta = readFieldMeta(schema) ?? null;
    metaCache.set(schema, meta);
  }
  return meta ?? undefined;
}

function isRecordField(schema: z.ZodType | undefined): boolean {
  let current: unknown = schema;
  // Walk through optional/nullable/default wrappers to the value's own type.
  for (let depth = 0; depth < 5 && current; depth++) {
    const def = (current as { _zod?: { def?: { type?: string; innerType?: unknown } } })._zod?.def;
    if (!def) return false;
    if (def.type === 'record') return true;
    if (def.innerType === undefined) return false;
    current = def.innerType;
  }
  return false;
}

/**
 * The one place that decides, field by field, what a write may touch. It reads the
 * governance from the contract metadata, so a new field is governed the day it is
 * added to a contract, with no second list to keep in step.
 */
export function planFields<T extends Record<string, unknown>>(input: PlanFieldsInput<T>): FieldPlan<T> {
  const { schema, incoming, existing, settings } = input;
  const shape = schema.shape as Record<string, z.ZodType>;
  const exclude = new Set(input.exclude ?? []);

  if (existing === null) {
    // Copied key by key: V8 makes objects grown from a spread copy slowly, and this runs for every item created.
    const data: Record<string, unknown> = {};
    const defaults = (input.creationDefaults ?? {}) as Record<string, unknown>;
    for (const field of Object.keys(defaults)) data[field] = defaults[field];
    for (const [field, value] of Object.entries(incoming)) {
      if (value !== undefined && !exclude.has(field)) data[field] = value;
    }
    const changed = Object.keys(data).filter((field) => !fieldMeta(shape[field] as z.ZodType)?.key);
    return { action: 'create', data: data as Partial<T>, changed: changed.sort(), withheld: [] };
  }

  const data: Record<string, unknown> = {};
  const changed: string[] = [];
  const withheld: string[] = [];
  const onlyMainLanguage = input.mainLanguage !== undefined && !(settings.products.update.allLanguages as boolean);

  for (const [field, value] of Object.entries(incoming)) {
    if (value === undefined || exclude.has(field)) continue;
    const fieldSchema = shape[field];
    const meta = fieldSchema ? fieldMeta(fieldSchema) : undefined;
    if (!meta || meta.key || meta.readOnly) continue;

    let next: unknown = value;
    const current = existing[field as keyof T];
    if (onlyMainLanguage && isRecordField(fieldSchema) && value && typeof value === 'object') {
      const main = (value as Record<string, unknown>)[input.mainLanguage as string];
      if (main === undefined) continue;
      next = { ...((current as Record<string, unknown> | undefined) ?? {}), [input.mainLanguage as string]: main };
    }
    if (sameValue(next, current)) continue;

    const allowed = meta.updateToggle !== undefined && isToggleOn(settings, meta.updateToggle);
    if (allowed) {
      data[field] = next;
      changed.push(field);
    } else {
      withheld.push(field);
    }
  }

  return {
    action: changed.length > 0 ? 'update' : 'unchanged',
    data: data as Partial<T>,
    changed: changed.sort(),
    withheld: withheld.sort(),
  };
}
