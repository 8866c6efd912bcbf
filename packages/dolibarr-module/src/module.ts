import { type CreateModuleOptions, createModule, type PasserelleModule } from '@passerelle/core';
import { createDolibarrAdapter, type DolibarrAdapter, type DolibarrAdapterOptions } from './adapter.js';
import { dolibarrModuleSettingsSchema } from './settings.js';

export interface CreateDolibarrModuleOptions extends Omit<CreateModuleOptions, 'adapter' | 'settingsSchema'> {
  /** Where Dolibarr is and how to call it: `url`, `apiKey`, `entity`, timeouts, retries. */
  dolibarr: Omit<DolibarrAdapterOptions, 'settings'>;
}

export interface DolibarrModule extends PasserelleModule {
  adapter: DolibarrAdapter;
}

/**
 * The Dolibarr module: core's module (endpoint, settings with `platform.dolibarr`, rules, journal,
 * jobs) over the Dolibarr adapter, which reads the module's settings as they are at each call.
 *
 * @example
 * const module = await createDolibarrModule({
 *   store: createSqliteStore({ path: './passerelle-dolibarr.db' }),
 *   dolibarr: { url: process.env.DOLIBARR_URL!, apiKey: process.env.DOLIBARR_API_KEY! },
 * });
 * await module.listen({ port: 8788 });
 */
export async function createDolibarrModule(options: CreateDolibarrModuleOptions): Promise<DolibarrModule> {
  const { dolibarr, ...moduleOptions } = options;
  let module: PasserelleModule | null = null;
  const initial = dolibarrModuleSettingsSchema.parse(options.settings ?? {});
  const adapter = createDolibarrAdapter({
    ...dolibarr,
    settings: async () => (module ? (await module.settings.current()).settings : initial),
  });
  module = await createModule({ ...moduleOptions, adapter, settingsSchema: dolibarrModuleSettingsSchema });
  return Object.assign(module, { adapter });
}
