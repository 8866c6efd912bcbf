import type { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { type Settings, settingsSchema } from './schema.js';
import { deepEqual, getAt, isPlainObject, objectShape, walkSchema } from './schema-introspection.js';
import { settingsValidationError, toFieldIssues } from './settings-issues.js';

/**
 * Validates a whole settings document. Missing fields take their defaults; unknown keys and
 * invalid values are refused, all of them reported at once with their dotted paths, and nothing
 * of an invalid document is kept.
 * @throws ValidationError
 */
export function parseSettings<S extends z.ZodType = typeof settingsSchema>(input: unknown, schema?: S): z.output<S> {
  const result = (schema ?? settingsSchema).safeParse(input);
  if (!result.success) throw settingsValidationError(toFieldIssues(result.error.issues));
  return result.data as z.output<S>;
}

/**
 * Merges a partial change into current settings: sections (objects of the schema) merge key by
 * key, every setting (lists and maps included) is replaced whole by the value the patch gives.
 * Keys the schema does not know are carried over so that the parse refuses them.
 */
function mergeBySchema(schema: z.ZodType, current: unknown, patch: unknown): unknown {
  const shape = objectShape(schema);
  if (shape === null || !isPlainObject(patch) || !isPlainObject(current)) return patch;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const child = shape[key];
    merged[key] = child === undefined ? value : mergeBySchema(child, current[key], value);
  }
  return merged;
}

/** Dotted paths of the settings whose values differ, in schema order. */
export function diffSettings(schema: z.ZodType, before: unknown, after: unknown): string[] {
  const changed: string[] = [];
  walkSchema(schema, {
    leaf: ({ path }) => {
      if (path.length > 0 && !deepEqual(getAt(before, path), getAt(after, path))) changed.push(path.join('.'));
    },
  });
  return changed;
}

export interface SettingsPatchResult<T> {
  settings: T;
  /**
   * The settings that changed (`products.update.price`), for the admin page and the journal. A
   * secret setting is named like any other; its value is not in this list.
   */
  changedPaths: string[];
}

/**
 * Applies a partial change (what the admin page or a settings file sends) to the current settings
 * and validates the result whole: either every field of the patch is applied, or a
 * `ValidationError` lists every problem and the current settings stay as they are.
 * @throws ValidationError
 */
export function applySettingsPatch<S extends z.ZodType = typeof settingsSchema>(
  current: z.output<S> | Settings,
  patch: unknown,
  schema?: S,
): SettingsPatchResult<z.output<S>> {
  const target = (schema ?? settingsSchema) as z.ZodType;
  if (!isPlainObject(patch)) {
    const message = 'A settings change must be an object of sections and values.';
    throw new ValidationError(message, [{ path: '', message }]);
  }
  const merged = mergeBySchema(target, current, patch);
  const settings = parseSettings(merged, target) as z.output<S>;
  return { settings, changedPaths: diffSettings(target, current, settings) };
}
