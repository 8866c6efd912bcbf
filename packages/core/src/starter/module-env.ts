import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ADMIN_PASSWORD_MIN_LENGTH } from '../admin/admin-limits.js';
import { ValidationError } from '../errors/index.js';
import { assertUsablePassword } from '../settings/index.js';

/** An environment to read: `process.env`, or it with a `.env` file underneath (`withDotenv`). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** What every module start-up reads from the `PASSERELLE_*` variables (DESIGN §8). */
export interface ModuleEnv {
  /** `PASSERELLE_PORT`: 0 picks a free port. */
  port: number;
  /** `PASSERELLE_HOST`. */
  host: string;
  /** `PASSERELLE_DB`, absolute: the module's SQLite state store. */
  dbPath: string;
  /** `PASSERELLE_PASSWORD`, or null: one is then generated on the first start and printed once. */
  password: string | null;
  /** `PASSERELLE_ADMIN_PASSWORD`, or null: the admin page stays closed. */
  adminPassword: string | null;
  /** The JSON object of the `PASSERELLE_SETTINGS` file; validated when applied (`applySettingsFile`). */
  settings: Record<string, unknown> | null;
  /** `PASSERELLE_SETTINGS`, absolute. */
  settingsPath: string | null;
}

/** Where a module listens when `PASSERELLE_PORT` and `PASSERELLE_HOST` are unset. */
export const MODULE_ENV_DEFAULTS = { port: 8787, host: '127.0.0.1' } as const;

export interface ModuleEnvOptions {
  /** `PASSERELLE_DB` when unset, relative to `cwd` (e.g. `./passerelle-prestashop.db`). */
  db: string;
}

/**
 * A refused variable: the message starts with its name and the single issue's `path` is that name,
 * so it says what to fix. Never put a secret's value in `message`.
 */
export function envError(variable: string, message: string): ValidationError {
  return new ValidationError(`${variable}: ${message}`, [{ path: variable, message }]);
}

/** The variable, trimmed; blank counts as unset (`KEY=` in a `.env` file means "not set"). */
export function envValue(env: EnvSource, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

/**
 * The variable, which must be set.
 * @param example a value to show in the message, e.g. `https://shop.example` (never a real secret)
 * @throws ValidationError `NAME: is not set (e.g. NAME=example); put it in the environment or in .env`
 */
export function requireEnvValue(env: EnvSource, name: string, example: string): string {
  const found = envValue(env, name);
  if (found === undefined)
    throw envError(name, `is not set (e.g. ${name}=${example}); put it in the environment or in .env`);
  return found;
}

/**
 * A required `https://` (or `http://`) address, bare: no credentials and no query string, since a key
 * goes in a variable of its own.
 * @param example an address to show in the message, e.g. `https://shop.example`
 * @throws ValidationError naming the variable: unset, not a URL, another scheme, credentials or a query
 */
export function requireEnvUrl(env: EnvSource, name: string, example: string): string {
  const text = requireEnvValue(env, name, example);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw envError(name, `expected an address such as ${example}, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw envError(name, 'must start with https:// (or http:// on a local network)');
  if (url.username || url.password || url.search)
    throw envError(
      name,
      'must be the bare address, without credentials or a query string: keys have variables of their own',
    );
  return text;
}

const portSchema = z
  .string()
  .refine((text) => /^\d{1,5}$/.test(text) && Number(text) <= 65_535, {
    error: (issue) => `expected a port number from 0 to 65535, got ${JSON.stringify(issue.input)}`,
  })
  .transform(Number);

const hostSchema = z.string().refine((host) => !/\s|\/|^\[|\]$/.test(host), {
  error: (issue) => `expected a host name or IP address such as 127.0.0.1 or ::1, got ${JSON.stringify(issue.input)}`,
});

// The message of `assertUsablePassword`, never the password itself.
const passwordSchema = z.string().superRefine((password, context) => {
  try {
    assertUsablePassword(password);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unusable';
    context.addIssue({ code: 'custom', message: message.replace(/^The endpoint password /, 'the password ') });
  }
});

const adminPasswordSchema = z
  .string()
  .min(ADMIN_PASSWORD_MIN_LENGTH, `must be at least ${ADMIN_PASSWORD_MIN_LENGTH} characters`);

// Only the file's shape is checked here; its sections are validated when applied (`applySettingsFile`).
function readSettingsFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw envError('PASSERELLE_SETTINGS', `no settings file at ${path}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw envError(
      'PASSERELLE_SETTINGS',
      `${path} is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw envError('PASSERELLE_SETTINGS', `${path} must hold a JSON object of settings sections`);
  return parsed as Record<string, unknown>;
}

function read<T>(env: EnvSource, name: string, schema: z.ZodType<T, string>): T | undefined {
  const text = envValue(env, name);
  if (text === undefined) return undefined;
  const parsed = schema.safeParse(text);
  if (!parsed.success) throw envError(name, parsed.error.issues[0]?.message ?? 'is not valid');
  return parsed.data;
}

/**
 * Reads and checks the `PASSERELLE_*` variables up front, so a bad one stops start-up before anything
 * is opened: `PASSERELLE_PORT`, `PASSERELLE_HOST`, `PASSERELLE_DB`, `PASSERELLE_PASSWORD`,
 * `PASSERELLE_ADMIN_PASSWORD` (12 characters or more, not the endpoint password) and
 * `PASSERELLE_SETTINGS` (a JSON file, read here). Paths are resolved against `cwd`. A platform's own
 * variables are the caller's: read them with `envValue`, `requireEnvValue` and `envError`.
 * @throws ValidationError whose single issue's `path` is the variable's name; a password is never echoed
 */
export function readModuleEnv(env: EnvSource, cwd: string, options: ModuleEnvOptions): ModuleEnv {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  const port = read(env, 'PASSERELLE_PORT', portSchema) ?? MODULE_ENV_DEFAULTS.port;
  const host = read(env, 'PASSERELLE_HOST', hostSchema) ?? MODULE_ENV_DEFAULTS.host;
  const dbPath = at(envValue(env, 'PASSERELLE_DB') ?? options.db);
  const password = read(env, 'PASSERELLE_PASSWORD', passwordSchema) ?? null;
  const adminPassword = read(env, 'PASSERELLE_ADMIN_PASSWORD', adminPasswordSchema) ?? null;
  if (adminPassword !== null && adminPassword === password)
    throw envError(
      'PASSERELLE_ADMIN_PASSWORD',
      'must differ from PASSERELLE_PASSWORD: the admin page and the endpoint have separate credentials',
    );
  const settingsName = envValue(env, 'PASSERELLE_SETTINGS');
  const settingsPath = settingsName === undefined ? null : at(settingsName);
  const settings = settingsPath === null ? null : readSettingsFile(settingsPath);
  return { port, host, dbPath, password, adminPassword, settings, settingsPath };
}
