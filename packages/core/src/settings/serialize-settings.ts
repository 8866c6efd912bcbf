import type { z } from 'zod';
import { settingsSchema } from './schema.js';
import { getAt, isPlainObject, unwrap, walkSchema } from './schema-introspection.js';

/** Settings without their secret fields: what an admin page, a log or an export may show. */
export type PublicSettings = Record<string, unknown>;

function secretPaths(schema: z.ZodType): string[][] {
  const paths: string[][] = [];
  walkSchema(schema, {
    object: ({ path, schema: node }) => {
      if (path.length > 0 && unwrap(node).meta.secret === true) paths.push(path);
    },
    leaf: ({ path, schema: field }) => {
      if (unwrap(field).meta.secret === true) paths.push(path);
    },
  });
  return paths;
}

function withoutPath(value: unknown, path: readonly string[]): unknown {
  const [key, ...rest] = path;
  if (key === undefined || !isPlainObject(value) || !(key in value)) return value;
  const copy: Record<string, unknown> = { ...value };
  if (rest.length === 0) delete copy[key];
  else copy[key] = withoutPath(copy[key], rest);
  return copy;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (isPlainObject(value)) for (const item of Object.values(value)) collectStrings(item, into);
}

/**
 * Settings for display or export: every field marked `secret` (the password hashes, the HMAC
 * secret, a bridge's API keys) is removed; the password fingerprint stays so the admin can
 * recognise the password. For a file export wrap it with `toStoredSettings` (it carries the version);
 * re-importing it with `applySettingsPatch` keeps the secrets in place, since absent keys are left
 * unchanged.
 *
 * As a last guard it checks that no secret value and no password hash appears anywhere in the
 * output (a secret copied into a non-secret field, say) and throws rather than leak it.
 */
export function serializeSettings(settings: unknown, schema: z.ZodType = settingsSchema): PublicSettings {
  const paths = secretPaths(schema);
  let output: unknown = structuredClone(settings);
  for (const path of paths) output = withoutPath(output, path);

  const secrets: string[] = [];
  for (const path of paths) collectStrings(getAt(settings, path), secrets);
  const shown: string[] = [];
  collectStrings(output, shown);
  const leaked = shown.some(
    (text) => text.includes('scrypt$') || secrets.some((secret) => secret.length >= 8 && text.includes(secret)),
  );
  if (leaked) throw new Error('serializeSettings: a secret value is held by a non-secret setting; refusing to export.');
  return isPlainObject(output) ? output : {};
}
