import { z } from 'zod';
import './settings-meta.js';

/**
 * Walks the settings schema the way the admin page, the patcher and the serializer need it: a
 * tree of objects (sections and groups) whose leaves are settings. Wrappers that do not change
 * what a setting is (default, prefault, nullable, optional, preprocess pipes) are seen through.
 */

export interface UnwrappedSchema {
  /** The schema under every wrapper. */
  core: z.ZodType;
  /** Metadata of every layer merged, the outermost winning (`.meta()` sits on the outer layer). */
  meta: z.GlobalMeta;
  nullable: boolean;
  /** The outermost default, if any (`undefined` when the field has none). */
  defaultValue: unknown;
  hasDefault: boolean;
}

export function unwrap(schema: z.ZodType): UnwrappedSchema {
  let current: z.ZodType = schema;
  const metas: z.GlobalMeta[] = [];
  let nullable = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (;;) {
    const meta = current.meta();
    if (meta) metas.push(meta);
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = current.def.defaultValue;
      }
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodNullable) {
      nullable = true;
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodOptional) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      // A preprocess is `transform -> schema`: the schema on the output side says what is stored.
      current = (current.def.in instanceof z.ZodTransform ? current.def.out : current.def.in) as z.ZodType;
    } else {
      break;
    }
  }
  const meta = Object.assign({}, ...metas.reverse()) as z.GlobalMeta;
  return { core: current, meta, nullable, defaultValue, hasDefault };
}

/** The shape of an object schema under its wrappers, or `null` when the schema is a leaf. */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const { core } = unwrap(schema);
  return core instanceof z.ZodObject ? (core.shape as Record<string, z.ZodType>) : null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export interface LeafVisit {
  path: string[];
  schema: z.ZodType;
  /** The nearest `section` found on this field or an enclosing object. */
  section: string;
}

export interface ObjectVisit extends LeafVisit {
  shape: Record<string, z.ZodType>;
}

/** Visits every object and leaf of `schema` in declaration order. */
export function walkSchema(
  schema: z.ZodType,
  visit: { object?: (node: ObjectVisit) => void; leaf?: (node: LeafVisit) => void },
  path: string[] = [],
  inheritedSection = '',
): void {
  const { meta } = unwrap(schema);
  const section = typeof meta.section === 'string' ? meta.section : inheritedSection;
  const shape = objectShape(schema);
  if (shape === null) {
    visit.leaf?.({ path, schema, section });
    return;
  }
  visit.object?.({ path, schema, section, shape });
  for (const [key, child] of Object.entries(shape)) walkSchema(child, visit, [...path, key], section);
}

export function getAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Structural equality of JSON-like values (what settings hold). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
    const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
    return keysA.length === keysB.length && keysA.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}
