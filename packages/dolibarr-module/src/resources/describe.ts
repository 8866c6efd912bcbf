import type { PlatformConfiguration, PlatformDescription } from '@passerelle/core';
import { type AdapterContext, dolibarrSettings } from '../adapter-context.js';
import { DOLIBARR_ORDER_STATES } from '../map/order-status.js';

/** The API this module is written against: Dolibarr's REST API (Restler, `api/index.php`), 19 to 22. */
export const DOLIBARR_API_VERSION = 'dolibarr-rest-v1';

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  it: 'Italiano',
  nl: 'Nederlands',
};

export async function describeDolibarr(context: AdapterContext): Promise<PlatformDescription> {
  const version = await context.client.version().catch(() => null);
  return {
    platform: 'dolibarr',
    platformVersion: version && version.text !== 'unknown' ? version.text : null,
    apiVersion: DOLIBARR_API_VERSION,
    name: new URL(context.client.apiBase).origin,
  };
}

export async function configurationOf(context: AdapterContext): Promise<PlatformConfiguration> {
  const { lookups } = context;
  const settings = await dolibarrSettings(context);
  const [warehouses, methods, paymentTypes, currencies, countries, bankAccounts] = await Promise.all([
    lookups.warehouses(),
    lookups.shippingMethods(),
    lookups.paymentTypes(),
    lookups.currencies(),
    lookups.countries(),
    lookups.bankAccounts().catch(() => []),
  ]);
  const items = currencies.some((currency) => currency.code === settings.mainCurrency)
    ? currencies.map((currency) => ({
        code: currency.code,
        ...(currency.name ? { name: currency.name } : {}),
        ...(currency.rate ? { conversionRate: currency.rate } : {}),
      }))
    : [{ code: settings.mainCurrency }, ...currencies.map((currency) => ({ code: currency.code }))];
  return {
    orderStates: DOLIBARR_ORDER_STATES.map((state) => ({ ...state })),
    carriers: methods.map((method) => ({ id: String(method.id), name: method.label, code: method.code })),
    currencies: { default: settings.mainCurrency, items },
    countries: countries.map((country) => ({ code: country.code, name: country.label })),
    languages: [
      {
        code: settings.defaultLanguage,
        name: LANGUAGE_NAMES[settings.defaultLanguage.split('-')[0] ?? ''] ?? settings.defaultLanguage,
        default: true,
      },
    ],
    warehouses: warehouses.map((warehouse) => ({
      id: String(warehouse.id),
      name: warehouse.ref,
      open: warehouse.open,
    })),
    paymentTypes: paymentTypes.map((type) => ({ id: String(type.id), name: type.label, code: type.code })),
    bankAccounts: bankAccounts.map((account) => ({
      id: String(account.id),
      name: account.label || account.ref,
      currency: account.currency,
      open: account.open,
    })),
  };
}
