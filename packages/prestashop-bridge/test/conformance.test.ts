import { runAdapterConformance, runModuleConformance } from '@passerelle/core/testing';
import { prestashopSettingsSchema } from '../src/index.js';
import { testShop } from './subject.js';

runAdapterConformance('prestashop', () => testShop(), {
  settings: prestashopSettingsSchema.parse({}),
  skip: {
    'stock.updatedSince':
      'PrestaShop stock_availables have no date_upd: the sweep reads stock whole and compares content hashes',
  },
});

runModuleConformance('prestashop', () => testShop(), { settingsSchema: prestashopSettingsSchema });
