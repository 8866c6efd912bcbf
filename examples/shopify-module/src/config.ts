import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { assertUsablePassword, ValidationError } from '@passerelle/core';
import { isApiVersion, normaliseShopDomain, SHOPIFY_API_VERSION } from '@passerelle/shopify-app';

/** What `npm run module:shopify` runs with (DESIGN §8). */
export interface ShopifyModuleConfig {
  port: number;
  host: string;
  dbPath: string;
  password: string | null;
  adminPassword: string | null;
  settings: Record<string, unknown> | null;
  settingsPath: string | null;
  /** The shop served from the start; null in install-only mode (shops come through OAuth). */
  shop: { domain: string; accessToken: string | null } | null;
  /** The app's credentials: client credentials for `shop`, and the install flow when `appUrl` is set. */
  app: { clientId: string; clientSecret: string; appUrl: string | null } | null;
  apiVersion: string;
}

export const DEFAULTS = { port: 8787, host: '127.0.0.1', db: './passerelle-shopify.db' } as const;

/** A refused variable: the error names it, so the message says what to fix. */
export function configError(variable: string, message: string): ValidationError {
  return new ValidationError(`${variable}: ${message}`, [{ path: variable, message }]);
}

function value(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
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

function usablePassword(variable: string, password: string | undefined): string | null {
  if (password === undefined) return null;
  try {
    assertUsablePassword(password);
  } catch (error) {
    throw configError(
      variable,
      error instanceof Error ? error.message.replace(/^The endpoint password /, 'the password ') : 'unusable',
    );
  }
  return password;
}

/**
 * Reads and checks every variable before anything opens. Secrets are checked for shape only and
 * never echoed in a message.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readShopifyModuleConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ShopifyModuleConfig {
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

  const password = usablePassword('PASSERELLE_PASSWORD', value(env, 'PASSERELLE_PASSWORD'));
  const adminPassword = value(env, 'PASSERELLE_ADMIN_PASSWORD') ?? null;
  if (adminPassword !== null && adminPassword.length < 12)
    throw configError('PASSERELLE_ADMIN_PASSWORD', 'must be at least 12 characters');
  const settingsName = value(env, 'PASSERELLE_SETTINGS');
  const settingsPath = settingsName === undefined ? null : at(settingsName);

  const apiVersion = value(env, 'SHOPIFY_API_VERSION') ?? SHOPIFY_API_VERSION;
  if (!isApiVersion(apiVersion))
    throw configError(
      'SHOPIFY_API_VERSION',
      `expected a version such as ${SHOPIFY_API_VERSION}, got ${JSON.stringify(apiVersion)}`,
    );

  const clientId = value(env, 'SHOPIFY_CLIENT_ID');
  const clientSecret = value(env, 'SHOPIFY_CLIENT_SECRET');
  if (clientId && !clientSecret)
    throw configError('SHOPIFY_CLIENT_SECRET', 'is not set; it goes with SHOPIFY_CLIENT_ID');
  if (clientSecret && !clientId)
    throw configError('SHOPIFY_CLIENT_ID', 'is not set; it goes with SHOPIFY_CLIENT_SECRET');
  const appUrl = value(env, 'SHOPIFY_APP_URL') ?? null;
  if (appUrl !== null) {
    if (!/^https:\/\/[^\s/]+/.test(appUrl))
      throw configError('SHOPIFY_APP_URL', `expected the app's public https URL, got ${JSON.stringify(appUrl)}`);
    if (!clientId) throw configError('SHOPIFY_CLIENT_ID', 'is needed for installs through SHOPIFY_APP_URL');
  }

  const shopText = value(env, 'SHOPIFY_SHOP');
  const accessToken = value(env, 'SHOPIFY_ACCESS_TOKEN') ?? null;
  let shop: ShopifyModuleConfig['shop'] = null;
  if (shopText !== undefined) {
    const domain = normaliseShopDomain(shopText);
    if (!domain)
      throw configError(
        'SHOPIFY_SHOP',
        `expected the shop's myshopify.com domain (e.g. my-shop.myshopify.com), got ${JSON.stringify(shopText)}`,
      );
    if (!accessToken && !clientId) {
      throw configError(
        'SHOPIFY_ACCESS_TOKEN',
        'is not set: give SHOPIFY_ACCESS_TOKEN, or SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET (client credentials)',
      );
    }
    shop = { domain, accessToken };
  } else if (!appUrl) {
    throw configError(
      'SHOPIFY_SHOP',
      'is not set (e.g. SHOPIFY_SHOP=my-shop.myshopify.com); put it in the environment or in .env',
    );
  }

  return {
    port,
    host,
    dbPath: at(value(env, 'PASSERELLE_DB') ?? DEFAULTS.db),
    password,
    adminPassword,
    settings: settingsPath === null ? null : readSettingsFile(settingsPath),
    settingsPath,
    shop,
    app: clientId && clientSecret ? { clientId, clientSecret, appUrl } : null,
    apiVersion,
  };
}
