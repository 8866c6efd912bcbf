import {
  envError,
  envValue,
  MODULE_ENV_DEFAULTS,
  type ModuleEnv,
  readModuleEnv,
  requireEnvUrl,
  requireEnvValue,
} from '@passerelle/core';

/** What `npm run module:prestashop` runs with (DESIGN §8): the `PASSERELLE_*` variables and PrestaShop's. */
export interface PrestashopModuleConfig extends ModuleEnv {
  prestashopUrl: string;
  /** Never printed: the banner and errors name the variable, not the value. */
  webserviceKey: string;
  shopId: string | null;
}

export const DEFAULTS = { ...MODULE_ENV_DEFAULTS, db: './passerelle-prestashop.db' } as const;

/**
 * Reads and checks every variable before anything is opened.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readPrestashopConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): PrestashopModuleConfig {
  const prestashopUrl = requireEnvUrl(env, 'PRESTASHOP_URL', 'https://shop.example');
  const webserviceKey = requireEnvValue(
    env,
    'PRESTASHOP_WEBSERVICE_KEY',
    '<32 characters from Advanced Parameters > Webservice>',
  );
  if (!/^[A-Za-z0-9]{32}$/.test(webserviceKey)) {
    throw envError(
      'PRESTASHOP_WEBSERVICE_KEY',
      `expected the 32 letters and digits PrestaShop generates (got ${webserviceKey.length} characters)`,
    );
  }
  const shopId = envValue(env, 'PRESTASHOP_SHOP_ID') ?? null;
  if (shopId !== null && !/^\d+$/.test(shopId))
    throw envError('PRESTASHOP_SHOP_ID', `expected a shop id such as 1, got ${JSON.stringify(shopId)}`);

  return { ...readModuleEnv(env, cwd, DEFAULTS), prestashopUrl, webserviceKey, shopId };
}
