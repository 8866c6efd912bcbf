import {
  envError,
  envValue,
  MODULE_ENV_DEFAULTS,
  type ModuleEnv,
  readModuleEnv,
  requireEnvUrl,
  requireEnvValue,
} from '@passerelle/core';
import type { WooAuthMode } from '@passerelle/woocommerce-bridge';

/** What `npm run module:woocommerce` runs with (DESIGN §8). */
export interface WooModuleConfig extends ModuleEnv {
  woocommerce: { url: string; consumerKey: string; consumerSecret: string; auth: WooAuthMode; timeoutMs: number };
  webhooks: { secret: string; deliveryUrl: string | null } | null;
}

export const DEFAULTS = { ...MODULE_ENV_DEFAULTS, db: './passerelle-woocommerce.db', timeoutMs: 30_000 } as const;

/**
 * Reads and checks every variable before anything opens, so a missing or malformed one stops start-up
 * with its name. Secrets are checked for shape only and never echoed.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readWooModuleConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): WooModuleConfig {
  const moduleEnv = readModuleEnv(env, cwd, DEFAULTS);

  const url = requireEnvUrl(env, 'WOOCOMMERCE_URL', 'https://shop.example');
  const consumerKey = requireEnvValue(env, 'WOOCOMMERCE_CONSUMER_KEY', 'ck_…');
  if (!/^ck_[A-Za-z0-9]{8,}$/.test(consumerKey))
    throw envError(
      'WOOCOMMERCE_CONSUMER_KEY',
      'expected a WooCommerce consumer key starting with ck_ (WooCommerce > Settings > Advanced > REST API)',
    );
  const consumerSecret = requireEnvValue(env, 'WOOCOMMERCE_CONSUMER_SECRET', 'cs_…');
  if (!/^cs_[A-Za-z0-9]{8,}$/.test(consumerSecret))
    throw envError('WOOCOMMERCE_CONSUMER_SECRET', 'expected a WooCommerce consumer secret starting with cs_');
  const auth = (envValue(env, 'WOOCOMMERCE_AUTH') ?? 'auto') as WooAuthMode;
  if (!['auto', 'basic', 'query', 'oauth1'].includes(auth))
    throw envError('WOOCOMMERCE_AUTH', 'expected auto, basic, query or oauth1');
  if (new URL(url).protocol === 'http:' && (auth === 'basic' || auth === 'query')) {
    throw envError(
      'WOOCOMMERCE_AUTH',
      `"${auth}" would send the consumer secret in clear over http; use oauth1 (or leave it unset)`,
    );
  }
  const timeoutText = envValue(env, 'WOOCOMMERCE_TIMEOUT_MS');
  const timeoutMs = timeoutText === undefined ? DEFAULTS.timeoutMs : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 600_000)
    throw envError('WOOCOMMERCE_TIMEOUT_MS', 'expected milliseconds between 1000 and 600000');

  const webhookSecret = envValue(env, 'WOOCOMMERCE_WEBHOOK_SECRET');
  if (webhookSecret !== undefined && webhookSecret.length < 8)
    throw envError(
      'WOOCOMMERCE_WEBHOOK_SECRET',
      'must be at least 8 characters (the secret set on the WooCommerce webhooks)',
    );
  const deliveryUrl = envValue(env, 'WOOCOMMERCE_WEBHOOK_URL') ?? null;

  return {
    ...moduleEnv,
    woocommerce: { url, consumerKey, consumerSecret, auth, timeoutMs },
    webhooks: webhookSecret === undefined ? null : { secret: webhookSecret, deliveryUrl },
  };
}
