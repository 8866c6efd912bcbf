import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { assertUsablePassword, ValidationError } from '@passerelle/core';
import { apiBaseOf } from '@passerelle/dolibarr-module';

/** What `npm run module:dolibarr` runs with, from the environment (DESIGN §8). */
export interface DolibarrModuleConfig {
  port: number;
  host: string;
  dbPath: string;
  password: string | null;
  settings: Record<string, unknown> | null;
  settingsPath: string | null;
  dolibarrUrl: string;
  apiKey: string;
  entity: string | null;
}

export const DEFAULTS = { port: 8787, host: '127.0.0.1', db: './passerelle-dolibarr.db' } as const;

/** A refused variable: the message names it, so it says what to fix. */
export function configError(variable: string, message: string): ValidationError {
  return new ValidationError(`${variable}: ${message}`, [{ path: variable, message }]);
}

function value(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

export function readPort(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const text = value(env, name);
  if (text === undefined) return fallback;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535)
    throw configError(name, `expected a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

export function readSettingsFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw configError('PASSERELLE_SETTINGS', `no settings file at ${path}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw configError(
      'PASSERELLE_SETTINGS',
      `${path} is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw configError('PASSERELLE_SETTINGS', `${path} must hold a JSON object of settings sections`);
  return parsed as Record<string, unknown>;
}

/** The Dolibarr connection: `DOLIBARR_URL`, `DOLIBARR_API_KEY`, `DOLIBARR_ENTITY`. */
export function readDolibarrConnection(env: Readonly<Record<string, string | undefined>>): {
  dolibarrUrl: string;
  apiKey: string;
  entity: string | null;
} {
  const url = value(env, 'DOLIBARR_URL');
  if (!url)
    throw configError('DOLIBARR_URL', 'is required: the address of your Dolibarr, e.g. https://erp.example.com');
  try {
    apiBaseOf(url);
  } catch (error) {
    throw configError(
      'DOLIBARR_URL',
      error instanceof Error ? error.message.replace(/^DOLIBARR_URL /, '') : 'is not a URL',
    );
  }
  const apiKey = value(env, 'DOLIBARR_API_KEY');
  if (!apiKey)
    throw configError(
      'DOLIBARR_API_KEY',
      'is required: the API key on the Dolibarr user card (module API REST enabled)',
    );
  const entity = value(env, 'DOLIBARR_ENTITY') ?? null;
  if (entity !== null && !/^\d+$/.test(entity))
    throw configError('DOLIBARR_ENTITY', `expected a Multicompany entity id such as 1, got ${JSON.stringify(entity)}`);
  return { dolibarrUrl: url, apiKey, entity };
}

/**
 * Reads and checks every variable up front, so a bad one stops start-up before anything is opened.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readDolibarrModuleConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): DolibarrModuleConfig {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  const port = readPort(env, 'PASSERELLE_PORT', DEFAULTS.port);
  const host = value(env, 'PASSERELLE_HOST') ?? DEFAULTS.host;
  if (/\s|\/|^\[|\]$/.test(host))
    throw configError(
      'PASSERELLE_HOST',
      `expected a host name or IP address such as 127.0.0.1, got ${JSON.stringify(host)}`,
    );
  const password = value(env, 'PASSERELLE_PASSWORD') ?? null;
  if (password !== null) {
    try {
      assertUsablePassword(password);
    } catch (error) {
      throw configError('PASSERELLE_PASSWORD', error instanceof Error ? error.message : 'is not usable');
    }
  }
  const settingsPath = value(env, 'PASSERELLE_SETTINGS') ? at(value(env, 'PASSERELLE_SETTINGS') as string) : null;
  return {
    port,
    host,
    dbPath: at(value(env, 'PASSERELLE_DB') ?? DEFAULTS.db),
    password,
    settings: settingsPath ? readSettingsFile(settingsPath) : null,
    settingsPath,
    ...readDolibarrConnection(env),
  };
}
