import type { OrderStatus, PlatformConfiguration } from '@passerelle/core';

/**
 * The demo shop's fixed lookups: order states, payment modules, carriers, taxes, currencies,
 * countries, languages, features, attributes, warehouses. A real shop keeps these in tables the
 * merchant edits; here they are constants, because no write route changes them.
 */

export const SHOP_ID = '1';
export const SHOP_NAME = 'Passerelle Demo Shop';
export const DEFAULT_CURRENCY = 'EUR';
export const DEFAULT_LANGUAGE = 'en';
export const DEFAULT_WAREHOUSE = 'paris';

/** A shop order state, with the flags a shop attaches to it (PrestaShop `OrderState` style). */
export interface OrderState {
  id: string;
  name: string;
  status: Exclude<OrderStatus, 'unknown'>;
  /** Reaching the state records the payment date. */
  paid: boolean;
  /** Reaching the state issues the invoice when the order has none. */
  invoice: boolean;
  color: string;
}

export const ORDER_STATES: readonly OrderState[] = [
  { id: 'new', name: 'New order', status: 'pending', paid: false, invoice: false, color: '#4169E1' },
  {
    id: 'awaiting_bank_wire',
    name: 'Awaiting bank wire payment',
    status: 'awaiting_payment',
    paid: false,
    invoice: false,
    color: '#34209E',
  },
  {
    id: 'awaiting_check',
    name: 'Awaiting check payment',
    status: 'awaiting_payment',
    paid: false,
    invoice: false,
    color: '#34209E',
  },
  { id: 'payment_accepted', name: 'Payment accepted', status: 'paid', paid: true, invoice: true, color: '#3498D8' },
  {
    id: 'preparation',
    name: 'Processing in progress',
    status: 'processing',
    paid: true,
    invoice: true,
    color: '#FF8C00',
  },
  {
    id: 'ready_for_pickup',
    name: 'Ready for pick-up in store',
    status: 'processing',
    paid: true,
    invoice: true,
    color: '#FFA500',
  },
  { id: 'shipped', name: 'Shipped', status: 'shipped', paid: true, invoice: true, color: '#8A2BE2' },
  { id: 'delivered', name: 'Delivered', status: 'delivered', paid: true, invoice: true, color: '#108510' },
  { id: 'completed', name: 'Completed', status: 'completed', paid: true, invoice: true, color: '#01B887' },
  { id: 'on_backorder', name: 'On backorder', status: 'on_hold', paid: false, invoice: false, color: '#F4C20D' },
  { id: 'canceled', name: 'Canceled', status: 'cancelled', paid: false, invoice: false, color: '#2C3E50' },
  { id: 'refunded', name: 'Refunded', status: 'refunded', paid: true, invoice: true, color: '#EC2E15' },
  {
    id: 'partial_refund',
    name: 'Partially refunded',
    status: 'partially_refunded',
    paid: true,
    invoice: true,
    color: '#E67E22',
  },
  { id: 'payment_error', name: 'Payment error', status: 'failed', paid: false, invoice: false, color: '#8F0621' },
];

/** The state a contract status lands on when the caller names no platform state. */
export function defaultStateFor(status: string): OrderState | undefined {
  return ORDER_STATES.find((state) => state.status === status);
}

/** A platform state by id or by name, case-insensitively (`statusMap` values are typed by admins). */
export function findState(idOrName: string): OrderState | undefined {
  const wanted = idOrName.trim().toLowerCase();
  return ORDER_STATES.find((state) => state.id === wanted || state.name.toLowerCase() === wanted);
}

export const PAYMENT_MODULES = [
  { module: 'ps_wirepayment', name: 'Bank wire', currencies: ['EUR', 'CHF'] },
  { module: 'ps_checkpayment', name: 'Check', currencies: ['EUR'] },
  { module: 'stripe_official', name: 'Credit card (Stripe)', currencies: ['EUR', 'CHF'] },
  { module: 'paypal', name: 'PayPal', currencies: ['EUR', 'CHF'] },
  { module: 'twint', name: 'TWINT', currencies: ['CHF'] },
] as const;

export const CARRIERS = [
  { id: '1', name: 'Click & Collect', trackingUrl: null },
  { id: '2', name: 'Colissimo', trackingUrl: 'https://www.laposte.fr/outils/suivre-vos-envois?code=@' },
  { id: '3', name: 'Chronopost', trackingUrl: 'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=@' },
  { id: '4', name: 'Swiss Post', trackingUrl: 'https://service.post.ch/ekp-web/ui/entry/search/@' },
  { id: '5', name: 'DHL Express', trackingUrl: 'https://www.dhl.com/en/express/tracking.html?AWB=@' },
] as const;

export function findCarrier(idOrName: string): (typeof CARRIERS)[number] | undefined {
  const wanted = idOrName.trim().toLowerCase();
  return CARRIERS.find((carrier) => carrier.id === wanted || carrier.name.toLowerCase() === wanted);
}

export const TAXES = [
  { id: 'FR-VAT-20', name: 'TVA FR 20%', rate: '20', country: 'FR' },
  { id: 'FR-VAT-10', name: 'TVA FR 10%', rate: '10', country: 'FR' },
  { id: 'FR-VAT-5.5', name: 'TVA FR 5.5%', rate: '5.5', country: 'FR' },
  { id: 'FR-ECO', name: 'Éco-participation', rate: '0', country: 'FR', fixedAmount: true },
  { id: 'BE-VAT-21', name: 'BTW BE 21%', rate: '21', country: 'BE' },
  { id: 'CH-VAT-8.1', name: 'MWST CH 8.1%', rate: '8.1', country: 'CH' },
  { id: 'CH-VAT-2.6', name: 'MWST CH 2.6%', rate: '2.6', country: 'CH' },
  { id: 'CA-GST', name: 'GST 5%', rate: '5', country: 'CA' },
  { id: 'CA-QC-QST', name: 'QST 9.975%', rate: '9.975', country: 'CA' },
] as const;

/** The tax class a product's rate belongs to, for `taxClass` on products. */
export function taxClassForRate(rate: string): string | undefined {
  return TAXES.find((tax) => tax.country === 'FR' && Number(tax.rate) === Number(rate) && !('fixedAmount' in tax))?.id;
}

export const CURRENCIES = {
  default: DEFAULT_CURRENCY,
  items: [
    { code: 'EUR', name: 'Euro', conversionRate: '1.000000' },
    // Order currency per shop currency: 1 EUR = 0.9412 CHF.
    { code: 'CHF', name: 'Swiss franc', conversionRate: '0.941200' },
  ],
} as const;

export function conversionRateOf(currency: string): string {
  return CURRENCIES.items.find((item) => item.code === currency)?.conversionRate ?? '1.000000';
}

export const COUNTRIES = [
  { code: 'FR', name: 'France' },
  { code: 'BE', name: 'Belgium' },
  {
    code: 'CH',
    name: 'Switzerland',
    states: [
      { code: 'CH-GE', name: 'Genève' },
      { code: 'CH-VD', name: 'Vaud' },
      { code: 'CH-ZH', name: 'Zürich' },
      { code: 'CH-BE', name: 'Bern' },
      { code: 'CH-TI', name: 'Ticino' },
    ],
  },
  {
    code: 'US',
    name: 'United States',
    states: [
      { code: 'US-CA', name: 'California' },
      { code: 'US-NY', name: 'New York' },
      { code: 'US-TX', name: 'Texas' },
      { code: 'US-WA', name: 'Washington' },
      { code: 'US-MA', name: 'Massachusetts' },
    ],
  },
  {
    code: 'CA',
    name: 'Canada',
    states: [
      { code: 'CA-QC', name: 'Québec' },
      { code: 'CA-ON', name: 'Ontario' },
      { code: 'CA-BC', name: 'British Columbia' },
    ],
  },
];

export const LANGUAGES = [
  { code: 'en', name: 'English', default: true },
  { code: 'fr', name: 'Français' },
];

export const FEATURES = [
  { id: '1', name: 'Material' },
  { id: '2', name: 'Capacity' },
  { id: '3', name: 'Made in' },
  { id: '4', name: 'Paper' },
];

export const ATTRIBUTES = [
  { id: '1', name: 'Size', values: ['XS', 'S', 'M', 'L', 'XL'] },
  { id: '2', name: 'Colour', values: ['Black', 'White', 'Navy', 'Sage', 'Terracotta', 'Mustard'] },
];

export const WAREHOUSES = [
  { id: 'paris', name: 'Paris - Saint-Ouen', country: 'FR' },
  { id: 'geneva', name: 'Genève - Meyrin', country: 'CH' },
];

/** Everything `GET /configuration` shows but the customer groups, which live in the database. */
export function staticConfiguration(): PlatformConfiguration {
  return {
    orderStates: ORDER_STATES.map((state) => ({ ...state })),
    paymentModules: PAYMENT_MODULES.map((module) => ({ ...module, currencies: [...module.currencies] })),
    carriers: CARRIERS.map((carrier) => ({ ...carrier })),
    taxes: TAXES.map((tax) => ({ ...tax })),
    currencies: { default: CURRENCIES.default, items: CURRENCIES.items.map((item) => ({ ...item })) },
    countries: COUNTRIES.map((country) => ({ ...country, ...(country.states ? { states: [...country.states] } : {}) })),
    shops: [{ id: SHOP_ID, name: SHOP_NAME }],
    languages: LANGUAGES.map((language) => ({ ...language })),
    features: FEATURES.map((feature) => ({ ...feature })),
    attributes: ATTRIBUTES.map((attribute) => ({ ...attribute, values: [...attribute.values] })),
    warehouses: WAREHOUSES.map((warehouse) => ({ ...warehouse })),
  };
}
