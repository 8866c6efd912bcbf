import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { assertUsablePassword, ValidationError } from '@passerelle/core';

/** What `npm start` runs with, from the environment (DESIGN §8). */
export interface DemoConfig {
  port: number;
  host: string;
  /** The module's state store (settings, bindings, journal). */
  dbPath: string;
  /** The demo shop's own data. */
  demoDataPath: string;
  password: string | null;
  /** The admin page's own password; the page stays closed without it. */
  adminPassword: string | null;
  /** The settings file's content, parsed; validated when applied. */
  settings: Record<string, unknown> | null;
  settingsPath: string | null;
}

export const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  db: './passerelle-demo-shop.db',
  demoData: './demo-shop-data.db',
} as const;

/** A refused variable: the error names it, so the message says what to fix. */
export function configError(variable: string, message: string): ValidationError {
  return new ValidationError(`${variable}: ${message}`, [{ path: variable, message }]);
}

function value(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const raw = env[name];
  // `KEY=` in a .env file means "not set", as in every dotenv convention.
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}

function readSettingsFile(path: string): Record<string, unknown> {
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
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw configError('PASSERELLE_SETTINGS', `${path} must hold a JSON object of settings sections`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads and checks every variable up front, so a bad one stops start-up before anything is opened.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readDemoConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): DemoConfig {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));

  const portText = value(env, 'PASSERELLE_PORT');
  let port: number = DEFAULTS.port;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText.trim()) ? Number(portText.trim()) : Number.NaN;
    if (!Number.isInteger(port) || port > 65_535) {
      throw configError('PASSERELLE_PORT', `expected a port number from 0 to 65535, got ${JSON.stringify(portText)}`);
    }
  }

  const host = value(env, 'PASSERELLE_HOST')?.trim() ?? DEFAULTS.host;
  if (/\s|\/|^\[|\]$/.test(host)) {
    throw configError(
      'PASSERELLE_HOST',
      `expected a host name or IP address such as 127.0.0.1 or ::1, got ${JSON.stringify(host)}`,
    );
  }

  const dbPath = at(value(env, 'PASSERELLE_DB') ?? DEFAULTS.db);
  const demoDataPath = at(value(env, 'PASSERELLE_DEMO_DATA') ?? DEFAULTS.demoData);
  if (dbPath === demoDataPath) {
    throw configError(
      'PASSERELLE_DEMO_DATA',
      'must be another file than PASSERELLE_DB: the shop and the module keep separate databases',
    );
  }

  const password = value(env, 'PASSERELLE_PASSWORD') ?? null;
  if (password !== null) {
    try {
      assertUsablePassword(password);
    } catch (error) {
      throw configError(
        'PASSERELLE_PASSWORD',
        error instanceof Error ? error.message.replace(/^The endpoint password /, 'the password ') : 'unusable',
      );
    }
  }

  const adminPassword = value(env, 'PASSERELLE_ADMIN_PASSWORD') ?? null;
  if (adminPassword !== null && (adminPassword.length < 12 || adminPassword !== adminPassword.trim())) {
    throw configError('PASSERELLE_ADMIN_PASSWORD', 'must be at least 12 characters, without spaces at either end');
  }
  if (adminPassword !== null && adminPassword === password) {
    throw configError(
      'PASSERELLE_ADMIN_PASSWORD',
      'must differ from PASSERELLE_PASSWORD: the admin page and the endpoint have separate credentials',
    );
  }

  const settingsName = value(env, 'PASSERELLE_SETTINGS');
  const settingsPath = settingsName === undefined ? null : at(settingsName);
  const settings = settingsPath === null ? null : readSettingsFile(settingsPath);

  return { port, host, dbPath, demoDataPath, password, adminPassword, settings, settingsPath };
}
