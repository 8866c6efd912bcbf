import type { z } from 'zod';
import type { UpdateToggle } from '../settings/update-toggles.js';

/**
 * What a contract field says about itself. Exactly one of `updateToggle`,
 * `createOnly`, `readOnly` or `key` governs how an update treats it:
 * - `updateToggle`: written on update only when that settings toggle is on;
 * - `createOnly`: written when the entity is created, never on update;
 * - `readOnly`: the platform owns it; writes ignore it;
 * - `key`: identifies the entity (reference, id); never overwritten.
 */
export interface FieldMeta {
  label: string;
  description?: string;
  updateToggle?: UpdateToggle;
  createOnly?: true;
  readOnly?: true;
  key?: true;
}

declare module 'zod' {
  interface GlobalMeta {
    label?: string;
    updateToggle?: UpdateToggle;
    createOnly?: true;
    readOnly?: true;
    key?: true;
  }
}

/** Reads the field metadata attached with `.meta()`; `undefined` when the field carries none. */
export function readFieldMeta(schema: z.ZodType): FieldMeta | undefined {
  const meta = schema.meta();
  if (!meta || typeof meta.label !== 'string') return undefined;
  return meta as FieldMeta;
}
