import { isAbsolute, resolve } from 'node:path';
import { envError, envValue, MODULE_ENV_DEFAULTS, type ModuleEnv, readModuleEnv } from '@passerelle/core';

/** What `npm start` runs with, from the environment (DESIGN §8). */
export interface DemoConfig extends ModuleEnv {
  /** The demo shop's own data. */
  demoDataPath: string;
}

export const DEFAULTS = {
  ...MODULE_ENV_DEFAULTS,
  db: './passerelle-demo-shop.db',
  demoData: './demo-shop-data.db',
} as const;

/**
 * Reads and checks every variable up front, so a bad one stops start-up before anything is opened.
 * @throws ValidationError whose single issue's `path` is the variable's name
 */
export function readDemoConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): DemoConfig {
  const config = readModuleEnv(env, cwd, DEFAULTS);
  const demoData = envValue(env, 'PASSERELLE_DEMO_DATA') ?? DEFAULTS.demoData;
  const demoDataPath = isAbsolute(demoData) ? demoData : resolve(cwd, demoData);
  if (config.dbPath === demoDataPath) {
    throw envError(
      'PASSERELLE_DEMO_DATA',
      'must be another file than PASSERELLE_DB: the shop and the module keep separate databases',
    );
  }
  return { ...config, demoDataPath };
}
