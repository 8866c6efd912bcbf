import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { assertUsablePassword, ValidationError } from '@passerelle/core';

/** What `npm run module:prestashop` runs with (DESIGN §8). */
export interface PrestashopModuleConfig {
  port: number;
  host: string;
  dbPath: string;
  password: string | null;
  adminPassword: string | null;
  settings: Record<string, unknown> | null;
  settingsPath: string | null;
  prestashopUrl: string;
  /** Never printed: the banner and errors name the variable, not the value. */
  webserviceKey: string;
  shopId: string | null;
}

export const DEFAULTS = { port: 8787, host: '127.0.0.1', db: './passerelle-prestashop.db' } as const;

/** A refused variable: the error names it, never its value when it is a secret. */
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
    throw configError(name, `is not set (e.g. ${name}=${example}, in the environment or in .env)`);
  return found;
}

/**
 * Reads and checks every variable before anything is opened.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readPrestashopConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): PrestashopModuleConfig {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));

  const prestashopUrl = required(env, 'PRESTASHOP_URL', 'https://shop.example');
  let parsed: URL;
  try {
    parsed = new URL(prestashopUrl);
  } catch {
    throw configError(
      'PRESTASHOP_URL',
      `expected the shop's address such as https://shop.example, got ${JSON.stringify(prestashopUrl)}`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw configError('PRESTASHOP_URL', 'must start with https:// (or http:// on a local shop)');
  if (parsed.username || parsed.password || parsed.search) {
    throw configError('PRESTASHOP_URL', 'must not carry a key or a query: put the key in PRESTASHOP_WEBSERVICE_KEY');
  }
  const webserviceKey = required(
    env,
    'PRESTASHOP_WEBSERVICE_KEY',
    '<32 characters from Advanced Parameters > Webservice>',
  );
  if (!/^[A-Za-z0-9]{32}$/.test(webserviceKey)) {
    throw configError(
      'PRESTASHOP_WEBSERVICE_KEY',
      `expected the 32 letters and digits PrestaShop generates (got ${webserviceKey.length} characters)`,
    );
  }
  const shopId = value(env, 'PRESTASHOP_SHOP_ID') ?? null;
  if (shopId !== null && !/^\d+$/.test(shopId))
    throw configError('PRESTASHOP_SHOP_ID', `expected a shop id such as 1, got ${JSON.stringify(shopId)}`);

  const portText = value(env, 'PASSERELLE_PORT');
  const port = portText === undefined ? DEFAULTS.port : /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535)
    throw configError('PASSERELLE_PORT', `expected a port number from 0 to 65535, got ${JSON.stringify(portText)}`);
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
      throw configError('PASSERELLE_PASSWORD', error instanceof Error ? error.message : 'unusable');
    }
  }
  const adminPassword = value(env, 'PASSERELLE_ADMIN_PASSWORD') ?? null;

  const settingsName = value(env, 'PASSERELLE_SETTINGS');
  const settingsPath = settingsName === undefined ? null : at(settingsName);
  let settings: Record<string, unknown> | null = null;
  if (settingsPath !== null) {
    if (!existsSync(settingsPath)) throw configError('PASSERELLE_SETTINGS', `no settings file at ${settingsPath}`);
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(settingsPath, 'utf8'));
    } catch (error) {
      throw configError(
        'PASSERELLE_SETTINGS',
        `${settingsPath} is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`,
      );
    }
    if (content === null || typeof content !== 'object' || Array.isArray(content)) {
      throw configError('PASSERELLE_SETTINGS', `${settingsPath} must hold a JSON object of settings sections`);
    }
    settings = content as Record<string, unknown>;
  }

  return {
    port,
    host,
    dbPath: at(value(env, 'PASSERELLE_DB') ?? DEFAULTS.db),
    password,
    adminPassword,
    settings,
    settingsPath,
    prestashopUrl,
    webserviceKey,
    shopId,
  };
}
