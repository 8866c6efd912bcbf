import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  WooCategory,
  WooCustomer,
  WooOrder,
  WooOrderNote,
  WooProduct,
  WooRefund,
  WooTaxRate,
  WooVariation,
  WooWebhook,
} from '../../src/woo.types.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A documented sample, parsed fresh (callers mutate their copy). */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as T;
}

/** What the fake shop holds at start. */
export interface FakeSeed {
  products: WooProduct[];
  variations: Map<number, WooVariation[]>;
  categories: WooCategory[];
  customers: WooCustomer[];
  orders: WooOrder[];
  notes: Map<number, WooOrderNote[]>;
  refunds: Map<number, WooRefund[]>;
  taxRates: WooTaxRate[];
  webhooks: WooWebhook[];
}

/** SKUs the conformance suite and the tests name. */
export const SEED_SKUS = {
  simple: 'WOO-PQ-794',
  variable: 'WOO-SHIP-799',
  variationBlack: 'WOO-SHIP-799-BLACK',
  variationGreen: 'WOO-SHIP-799-GREEN',
} as const;

/**
 * The documentation samples, made coherent as one shop: the samples leave SKUs empty and point the
 * order's variation at product 22, so the seed gives every product a SKU, re-parents the variations
 * under the variable product 799 and the order line under it, and adds what the samples lack (a
 * multi-tax order from Québec with WooCommerce's one-cent rounding, a few more simple products so
 * listings span pages, one customer with an ERP code).
 */
export function docsSeed(): FakeSeed {
  const simple = fixture<WooProduct>('product-simple');
  simple.sku = SEED_SKUS.simple;
  simple.manage_stock = true;
  simple.stock_quantity = 12;
  simple.related_ids = [];
  const variable = fixture<WooProduct>('product-variable');
  variable.sku = SEED_SKUS.variable;
  variable.date_modified_gmt = variable.date_modified_gmt ?? '2017-03-23T20:03:12';
  const variations = fixture<WooVariation[]>('variations');
  const [green, black] = variations as [WooVariation, WooVariation];
  black.sku = SEED_SKUS.variationBlack;
  green.sku = SEED_SKUS.variationGreen;
  black.manage_stock = true;
  black.stock_quantity = 4;
  variable.variations = variations.map((variation) => variation.id).sort((a, b) => a - b);

  const extras: WooProduct[] = [1, 2, 3].map((index) => {
    const product = fixture<WooProduct>('product-simple');
    product.id = 900 + index;
    product.sku = `WOO-EXTRA-${index}`;
    product.name = `Extra product ${index}`;
    product.slug = `extra-product-${index}`;
    product.regular_price = `${10 + index}.50`;
    product.price = product.regular_price;
    product.images = [];
    product.manage_stock = index !== 3;
    product.stock_quantity = index === 3 ? null : index * 5;
    product.related_ids = [];
    return product;
  });

  const orders = fixture<WooOrder[]>('orders');
  const guest = orders.find((order) => order.id === 727) as WooOrder;
  const variationLine = guest.line_items.find((line) => line.variation_id !== 0);
  if (variationLine) {
    variationLine.product_id = variable.id;
    variationLine.variation_id = black.id;
    variationLine.sku = SEED_SKUS.variationBlack;
  }
  const simpleLine = guest.line_items.find((line) => line.variation_id === 0);
  if (simpleLine) {
    simpleLine.product_id = simple.id;
    simpleLine.sku = SEED_SKUS.simple;
  }
  // The docs' sample carries no rate; WooCommerce 5.7+ adds it to each tax line.
  for (const line of guest.tax_lines) line.rate_percent = 7.5;
  orders.push(multiTaxOrder(guest));

  const customers = fixture<WooCustomer[]>('customers');
  const withCode = customers.find((customer) => customer.id === 25);
  if (withCode) withCode.meta_data = [{ id: 1, key: 'passerelle_customer_code', value: 'CL00025' }];

  const refund = fixture<WooRefund>('refund');
  return {
    products: [simple, variable, ...extras].sort((a, b) => a.id - b.id),
    variations: new Map([[variable.id, variations.sort((a, b) => a.id - b.id)]]),
    categories: fixture<WooCategory[]>('categories').sort((a, b) => a.id - b.id),
    customers: customers.sort((a, b) => a.id - b.id),
    orders: orders.sort((a, b) => a.id - b.id),
    notes: new Map([[723, fixture<WooOrderNote[]>('order-notes')]]),
    refunds: new Map([
      [723, [refund, { ...refund, id: 724, amount: '9.00', date_created_gmt: '2017-03-21T20:05:00' }]],
    ]),
    taxRates: fixture<WooTaxRate[]>('tax-rates'),
    webhooks: fixture<WooWebhook[]>('webhooks'),
  };
}

/**
 * A Québec order: one line taxed twice (GST 5 % and QST 9.975 %) and WooCommerce's "round at subtotal"
 * leaving the total one cent under the sum of its parts.
 */
function multiTaxOrder(template: WooOrder): WooOrder {
  const order = structuredClone(template);
  order.id = 800;
  order.number = '800';
  order.status = 'processing';
  order.currency = 'CAD';
  order.customer_id = 25;
  order.date_created_gmt = '2017-03-24T10:00:00';
  order.date_modified_gmt = '2017-03-24T10:05:00';
  order.billing = { ...order.billing, city: 'Montréal', state: 'QC', postcode: 'H2X 1Y4', country: 'CA' };
  order.shipping = { ...order.shipping, city: 'Montréal', state: 'QC', postcode: 'H2X 1Y4', country: 'CA' };
  order.line_items = [
    {
      id: 801,
      name: 'Premium Quality',
      product_id: 794,
      variation_id: 0,
      quantity: 3,
      tax_class: '',
      subtotal: '10.00',
      subtotal_tax: '1.50',
      total: '10.00',
      total_tax: '1.50',
      taxes: [
        { id: 90, total: '0.50', subtotal: '0.50' },
        { id: 91, total: '1.00', subtotal: '1.00' },
      ],
      meta_data: [],
      sku: 'WOO-PQ-794',
      price: 3.3333333,
    },
  ];
  order.tax_lines = [
    {
      id: 802,
      rate_code: 'CA-QC-GST-1',
      rate_id: 90,
      label: 'GST',
      compound: false,
      tax_total: '0.50',
      shipping_tax_total: '0.00',
      rate_percent: 5,
    },
    {
      id: 803,
      rate_code: 'CA-QC-QST-2',
      rate_id: 91,
      label: 'QST',
      compound: false,
      tax_total: '1.00',
      shipping_tax_total: '0.00',
      rate_percent: 9.975,
    },
  ];
  order.shipping_lines = [];
  order.shipping_total = '0.00';
  order.shipping_tax = '0.00';
  order.cart_tax = '1.50';
  order.total_tax = '1.50';
  order.total = '11.49';
  order.refunds = [];
  order.payment_method = 'stripe';
  order.payment_method_title = 'Credit card';
  order.transaction_id = 'ch_3Px1';
  return order;
}
