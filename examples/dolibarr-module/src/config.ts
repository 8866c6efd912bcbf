import { envError, envValue, MODULE_ENV_DEFAULTS, type ModuleEnv, readModuleEnv } from '@passerelle/core';
import { apiBaseOf } from '@passerelle/dolibarr-module';

/** What `npm run module:dolibarr` runs with, from the environment (DESIGN §8). */
export interface DolibarrModuleConfig extends Omit<ModuleEnv, 'adminPassword'> {
  dolibarrUrl: string;
  apiKey: string;
  entity: string | null;
}

export const DEFAULTS = { ...MODULE_ENV_DEFAULTS, db: './passerelle-dolibarr.db' } as const;

/** The Dolibarr connection: `DOLIBARR_URL`, `DOLIBARR_API_KEY`, `DOLIBARR_ENTITY`. */
export function readDolibarrConnection(env: Readonly<Record<string, string | undefined>>): {
  dolibarrUrl: string;
  apiKey: string;
  entity: string | null;
} {
  const url = envValue(env, 'DOLIBARR_URL');
  if (!url) throw envError('DOLIBARR_URL', 'is required: the address of your Dolibarr, e.g. https://erp.example.com');
  try {
    apiBaseOf(url);
  } catch (error) {
    throw envError(
      'DOLIBARR_URL',
      error instanceof Error ? error.message.replace(/^DOLIBARR_URL /, '') : 'is not a URL',
    );
  }
  const apiKey = envValue(env, 'DOLIBARR_API_KEY');
  if (!apiKey)
    throw envError('DOLIBARR_API_KEY', 'is required: the API key on the Dolibarr user card (module API REST enabled)');
  const entity = envValue(env, 'DOLIBARR_ENTITY') ?? null;
  if (entity !== null && !/^\d+$/.test(entity))
    throw envError('DOLIBARR_ENTITY', `expected a Multicompany entity id such as 1, got ${JSON.stringify(entity)}`);
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
  // This example keeps the admin page closed: PASSERELLE_ADMIN_PASSWORD is left unread.
  const { adminPassword: _closed, ...moduleEnv } = readModuleEnv(
    { ...env, PASSERELLE_ADMIN_PASSWORD: undefined },
    cwd,
    DEFAULTS,
  );
  return { ...moduleEnv, ...readDolibarrConnection(env) };
}
