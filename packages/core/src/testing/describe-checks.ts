import { expect } from 'vitest';
import type { LookupItem } from '../adapter.js';
import { DECIMAL_PATTERN, orderStatuses } from '../contracts/index.js';
import type { AdapterCheck } from './adapter-check-context.js';

const ISO_4217 = /^[A-Z]{3}$/;
const ISO_3166 = /^[A-Z]{2}$/;

/** The lists of `{ id, name }` items `GET /configuration` may hold. */
const lookupLists = [
  'orderStates',
  'carriers',
  'taxes',
  'shops',
  'customerGroups',
  'features',
  'attributes',
  'warehouses',
];

function expectLookupItems(list: unknown, name: string): void {
  expect(Array.isArray(list), `configuration.${name} must be an array`).toBe(true);
  (list as LookupItem[]).forEach((item, index) => {
    const where = `configuration.${name}[${index}]`;
    expect(typeof item?.id === 'string' && item.id !== '', `${where}.id must be a non-empty string`).toBe(true);
    expect(typeof item?.name, `${where}.name must be a string`).toBe('string');
  });
}

export const describeChecks: AdapterCheck[] = [
  {
    title: 'describe(): names the platform and the API version it pins',
    keys: ['describe'],
    async run({ adapter }) {
      const description = await adapter.describe();
      expect(typeof description.platform === 'string' && description.platform !== '', 'describe().platform').toBe(true);
      expect(typeof description.apiVersion === 'string' && description.apiVersion !== '', 'describe().apiVersion').toBe(
        true,
      );
      expect('platformVersion' in description, 'describe().platformVersion must be present (null when unknown)').toBe(
        true,
      );
    },
  },
  {
    title: 'configuration(): lookups are lists of { id, name }, currencies in ISO 4217',
    keys: ['configuration'],
    async run({ adapter }) {
      const configuration = await adapter.configuration();
      expect(configuration !== null && typeof configuration === 'object', 'configuration() must be an object').toBe(
        true,
      );
      for (const name of lookupLists) {
        if (configuration[name] !== undefined) expectLookupItems(configuration[name], name);
      }
      configuration.orderStates?.forEach((state, index) => {
        if (state.status === undefined) return;
        expect(orderStatuses, `configuration.orderStates[${index}].status`).toContain(state.status);
      });
      configuration.taxes?.forEach((tax, index) => {
        expect(tax.rate, `configuration.taxes[${index}].rate must be a decimal string`).toMatch(DECIMAL_PATTERN);
      });
      if (configuration.currencies !== undefined) {
        const { currencies } = configuration;
        expect(currencies.default, 'configuration.currencies.default must be ISO 4217').toMatch(ISO_4217);
        expect(Array.isArray(currencies.items), 'configuration.currencies.items must be an array').toBe(true);
        for (const item of currencies.items)
          expect(item.code, 'configuration.currencies.items[].code').toMatch(ISO_4217);
        expect(
          currencies.items.map((item) => item.code),
          'the default currency is among configuration.currencies.items',
        ).toContain(currencies.default);
      }
      configuration.paymentModules?.forEach((payment, index) => {
        expect(payment.module, `configuration.paymentModules[${index}].module`).toMatch(/\S/);
        for (const code of payment.currencies) {
          expect(code, `configuration.paymentModules[${index}].currencies`).toMatch(ISO_4217);
        }
      });
      configuration.countries?.forEach((country, index) => {
        expect(country.code, `configuration.countries[${index}].code must be ISO 3166-1 alpha-2`).toMatch(ISO_3166);
        expect(typeof country.name, `configuration.countries[${index}].name`).toBe('string');
      });
      configuration.languages?.forEach((language, index) => {
        expect(language.code, `configuration.languages[${index}].code`).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
        expect(typeof language.name, `configuration.languages[${index}].name`).toBe('string');
      });
    },
  },
];
