import type { WebserviceDescription } from './client.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const READ: Method[] = ['GET'];
const UPDATE: Method[] = ['GET', 'PUT', 'PATCH'];
const UPSERT: Method[] = ['GET', 'POST', 'PUT', 'PATCH'];

/**
 * The rights the webservice key needs, per resource (Advanced Parameters > Webservice). PUT is listed
 * beside PATCH: the bridge falls back to read-modify-write PUTs where PATCH is refused (PrestaShop 1.7).
 */
export const REQUIRED_PERMISSIONS: Readonly<Record<string, readonly Method[]>> = {
  products: UPSERT,
  combinations: UPSERT,
  stock_availables: UPDATE,
  specific_prices: ['GET', 'POST', 'DELETE'],
  categories: UPSERT,
  images: ['GET', 'POST', 'DELETE'],
  product_features: ['GET', 'POST'],
  product_feature_values: ['GET', 'POST'],
  product_options: UPSERT,
  product_option_values: ['GET', 'POST'],
  manufacturers: ['GET', 'POST'],
  suppliers: ['GET', 'POST'],
  customers: UPSERT,
  addresses: [...UPSERT, 'DELETE'],
  groups: UPSERT,
  orders: UPDATE,
  order_details: READ,
  order_histories: ['GET', 'POST'],
  order_carriers: UPSERT,
  order_payments: UPDATE,
  order_invoices: READ,
  order_cart_rules: READ,
  cart_rules: READ,
  order_states: READ,
  customer_threads: READ,
  customer_messages: READ,
  messages: ['GET', 'POST'],
  carriers: READ,
  currencies: READ,
  countries: READ,
  states: READ,
  taxes: READ,
  tax_rules: READ,
  tax_rule_groups: READ,
  shops: READ,
  languages: READ,
  configurations: READ,
  translated_configurations: READ,
};

/** What the key lacks: `resource: METHOD, METHOD` lines, empty when it has every right the bridge uses. */
export function missingPermissions(description: WebserviceDescription): string[] {
  return Object.entries(REQUIRED_PERMISSIONS).flatMap(([resource, methods]) => {
    const granted = new Set(description.permissions[resource] ?? []);
    const missing = methods.filter((method) => !granted.has(method));
    return missing.length ? [`${resource}: ${missing.join(', ')}`] : [];
  });
}
