import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { assertUsablePassword, ValidationError } from '@passerelle/core';
import type { WooAuthMode } from '@passerelle/woocommerce-bridge';

/** What `npm run module:woocommerce` runs with (DESIGN §8). */
export interface WooModuleConfig {
  port: number;
  host: string;
  dbPath: string;
  password: string | null;
  adminPassword: string | null;
  settings: Record<string, unknown> | null;
  settingsPath: string | null;
  woocommerce: { url: string; consumerKey: string; consumerSecret: string; auth: WooAuthMode; timeoutMs: number };
  webhooks: { secret: string; deliveryUrl: string | null } | null;
}

export const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  db: './passerelle-woocommerce.db',
  timeoutMs: 30_000,
} as const;

/** A refused variable: the error names it, so the message says what to fix. */
export function configError(variable: string, message: string): ValidationError {
  return new ValidationError(`${variable}: ${message}`, [{ path: variable, message }]);
}

function value(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function required(env: Readonly<Record<string, string | undefined>>, name: string, example: string): string {
  const found = value(env, name);
  if (found === undefined)
    throw configError(name, `is not set (e.g. ${name}=${example}); put it in the environment or in .env`);
  return found;
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
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw configError('PASSERELLE_SETTINGS', `${path} must hold a JSON object of settings sections`);
  return parsed as Record<string, unknown>;
}

/**
 * Reads and checks every variable before anything opens, so a missing or malformed one stops start-up
 * with its name. Secrets are checked for shape only and never echoed.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readWooModuleConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): WooModuleConfig {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));

  const portText = value(env, 'PASSERELLE_PORT');
  const port = portText === undefined ? DEFAULTS.port : /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535)
    throw configError('PASSERELLE_PORT', `expected a port number from 0 to 65535, got ${JSON.stringify(portText)}`);
  const host = value(env, 'PASSERELLE_HOST') ?? DEFAULTS.host;
  if (/\s|\//.test(host))
    throw configError(
      'PASSERELLE_HOST',
      `expected a host name or IP address such as 127.0.0.1, got ${JSON.stringify(host)}`,
    );

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
  if (adminPassword !== null && adminPassword.length < 12)
    throw configError('PASSERELLE_ADMIN_PASSWORD', 'must be at least 12 characters');

  const settingsName = value(env, 'PASSERELLE_SETTINGS');
  const settingsPath = settingsName === undefined ? null : at(settingsName);

  const url = required(env, 'WOOCOMMERCE_URL', 'https://shop.example');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw configError(
      'WOOCOMMERCE_URL',
      `expected the shop's address such as https://shop.example, got ${JSON.stringify(url)}`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw configError('WOOCOMMERCE_URL', 'must start with https:// (or http:// for a shop without TLS)');
  if (parsed.search || parsed.username)
    throw configError('WOOCOMMERCE_URL', 'must be the bare shop address, without a query string or credentials');
  const consumerKey = required(env, 'WOOCOMMERCE_CONSUMER_KEY', 'ck_…');
  if (!/^ck_[A-Za-z0-9]{8,}$/.test(consumerKey))
    throw configError(
      'WOOCOMMERCE_CONSUMER_KEY',
      'expected a WooCommerce consumer key starting with ck_ (WooCommerce > Settings > Advanced > REST API)',
    );
  const consumerSecret = required(env, 'WOOCOMMERCE_CONSUMER_SECRET', 'cs_…');
  if (!/^cs_[A-Za-z0-9]{8,}$/.test(consumerSecret))
    throw configError('WOOCOMMERCE_CONSUMER_SECRET', 'expected a WooCommerce consumer secret starting with cs_');
  const auth = (value(env, 'WOOCOMMERCE_AUTH') ?? 'auto') as WooAuthMode;
  if (!['auto', 'basic', 'query', 'oauth1'].includes(auth))
    throw configError('WOOCOMMERCE_AUTH', 'expected auto, basic, query or oauth1');
  if (parsed.protocol === 'http:' && (auth === 'basic' || auth === 'query')) {
    throw configError(
      'WOOCOMMERCE_AUTH',
      `"${auth}" would send the consumer secret in clear over http; use oauth1 (or leave it unset)`,
    );
  }
  const timeoutText = value(env, 'WOOCOMMERCE_TIMEOUT_MS');
  const timeoutMs = timeoutText === undefined ? DEFAULTS.timeoutMs : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 600_000)
    throw configError('WOOCOMMERCE_TIMEOUT_MS', 'expected milliseconds between 1000 and 600000');

  const webhookSecret = value(env, 'WOOCOMMERCE_WEBHOOK_SECRET');
  if (webhookSecret !== undefined && webhookSecret.length < 8)
    throw configError(
      'WOOCOMMERCE_WEBHOOK_SECRET',
      'must be at least 8 characters (the secret set on the WooCommerce webhooks)',
    );
  const deliveryUrl = value(env, 'WOOCOMMERCE_WEBHOOK_URL') ?? null;

  return {
    port,
    host,
    dbPath: at(value(env, 'PASSERELLE_DB') ?? DEFAULTS.db),
    password,
    adminPassword,
    settings: settingsPath === null ? null : readSettingsFile(settingsPath),
    settingsPath,
    woocommerce: { url, consumerKey, consumerSecret, auth, timeoutMs },
    webhooks: webhookSecret === undefined ? null : { secret: webhookSecret, deliveryUrl },
  };
}
