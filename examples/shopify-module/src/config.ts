import { envError, envValue, MODULE_ENV_DEFAULTS, type ModuleEnv, readModuleEnv } from '@passerelle/core';
import { isApiVersion, normaliseShopDomain, SHOPIFY_API_VERSION } from '@passerelle/shopify-app';

/** What `npm run module:shopify` runs with (DESIGN §8). */
export interface ShopifyModuleConfig extends ModuleEnv {
  /** The shop served from the start; null in install-only mode (shops come through OAuth). */
  shop: { domain: string; accessToken: string | null } | null;
  /** The app's credentials: client credentials for `shop`, and the install flow when `appUrl` is set. */
  app: { clientId: string; clientSecret: string; appUrl: string | null } | null;
  apiVersion: string;
}

export const DEFAULTS = { ...MODULE_ENV_DEFAULTS, db: './passerelle-shopify.db' } as const;

/**
 * Reads and checks every variable before anything opens. Secrets are checked for shape only and
 * never echoed in a message.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readShopifyModuleConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ShopifyModuleConfig {
  const moduleEnv = readModuleEnv(env, cwd, DEFAULTS);

  const apiVersion = envValue(env, 'SHOPIFY_API_VERSION') ?? SHOPIFY_API_VERSION;
  if (!isApiVersion(apiVersion))
    throw envError(
      'SHOPIFY_API_VERSION',
      `expected a version such as ${SHOPIFY_API_VERSION}, got ${JSON.stringify(apiVersion)}`,
    );

  const clientId = envValue(env, 'SHOPIFY_CLIENT_ID');
  const clientSecret = envValue(env, 'SHOPIFY_CLIENT_SECRET');
  if (clientId && !clientSecret) throw envError('SHOPIFY_CLIENT_SECRET', 'is not set; it goes with SHOPIFY_CLIENT_ID');
  if (clientSecret && !clientId) throw envError('SHOPIFY_CLIENT_ID', 'is not set; it goes with SHOPIFY_CLIENT_SECRET');
  const appUrl = envValue(env, 'SHOPIFY_APP_URL') ?? null;
  if (appUrl !== null) {
    if (!/^https:\/\/[^\s/]+/.test(appUrl))
      throw envError('SHOPIFY_APP_URL', `expected the app's public https URL, got ${JSON.stringify(appUrl)}`);
    if (!clientId) throw envError('SHOPIFY_CLIENT_ID', 'is needed for installs through SHOPIFY_APP_URL');
  }

  const shopText = envValue(env, 'SHOPIFY_SHOP');
  const accessToken = envValue(env, 'SHOPIFY_ACCESS_TOKEN') ?? null;
  let shop: ShopifyModuleConfig['shop'] = null;
  if (shopText !== undefined) {
    const domain = normaliseShopDomain(shopText);
    if (!domain)
      throw envError(
        'SHOPIFY_SHOP',
        `expected the shop's myshopify.com domain (e.g. my-shop.myshopify.com), got ${JSON.stringify(shopText)}`,
      );
    if (!accessToken && !clientId) {
      throw envError(
        'SHOPIFY_ACCESS_TOKEN',
        'is not set: give SHOPIFY_ACCESS_TOKEN, or SHOPIFY_CLIENT_ID and SHOPIFY_CLIENT_SECRET (client credentials)',
      );
    }
    shop = { domain, accessToken };
  } else if (!appUrl) {
    throw envError(
      'SHOPIFY_SHOP',
      'is not set (e.g. SHOPIFY_SHOP=my-shop.myshopify.com); put it in the environment or in .env',
    );
  }

  return {
    ...moduleEnv,
    shop,
    app: clientId && clientSecret ? { clientId, clientSecret, appUrl } : null,
    apiVersion,
  };
}
