import { type CreateModuleOptions, createModule, type PasserelleModule } from '@passerelle/core';
import { createPrestashopAdapter, type PrestashopAdapter, type PrestashopAdapterOptions } from './adapter.js';
import { referenceBookFromStore } from './reference-book.js';
import { type PrestashopModuleSettings, prestashopSettingsSchema } from './settings.js';

/** When the daily full sweep runs (cron, the module's time zone): 04:43. */
export const FULL_SWEEP_SCHEDULE = '43 4 * * *';

export interface CreatePrestashopModuleOptions extends Omit<CreateModuleOptions, 'adapter' | 'settingsSchema'> {
  /** The Webservice connection (URL, key, shop) and adapter options. */
  prestashop: PrestashopAdapterOptions;
}

export interface PrestashopModule extends PasserelleModule {
  adapter: PrestashopAdapter;
}

/**
 * A Passerelle module over a PrestaShop 8/9 shop: core's module (endpoint, rules, store, journal, jobs)
 * with the PrestaShop adapter and the `platform.prestashop` settings section. References of categories,
 * groups and customers are kept in the module's binding table, and `platform.prestashop` changes apply
 * at once (shop context, custom order states, write concurrency). A daily full sweep (`full-sweep` job)
 * catches combination changes, which PrestaShop does not date.
 */
export async function createPrestashopModule(options: CreatePrestashopModuleOptions): Promise<PrestashopModule> {
  const { prestashop, ...moduleOptions } = options;
  const shopId = moduleOptions.shopId ?? 'default';
  const adapter = createPrestashopAdapter({
    references: referenceBookFromStore(moduleOptions.store, shopId),
    ...prestashop,
  });
  const module = await createModule({ ...moduleOptions, adapter, settingsSchema: prestashopSettingsSchema });
  const apply = async () => {
    const { settings } = await module.settings.current();
    const section = (settings as unknown as PrestashopModuleSettings).platform.prestashop;
    adapter.configure({
      shopId: section.shopId || null,
      shopGroupId: section.shopGroupId || null,
      orderStates: section.orderStates,
      concurrency: section.writeConcurrency,
    });
  };
  await apply();
  module.events.on('settings-changed', () => {
    apply().catch((error: unknown) => {
      moduleOptions.logger?.warn('PrestaShop settings not applied', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
  });
  // Combinations and stock_availables have no date_upd: a combination edited without its product being
  // saved is only seen by a full read compared by content hash, once a day at a quiet hour.
  module.jobs.register({
    name: 'full-sweep',
    schedule: FULL_SWEEP_SCHEDULE,
    run: async (signal) => void (await module.detector.sweep(undefined, { full: true, signal })),
  });
  return Object.assign(module, { adapter });
}
