import { categorySchema, customerSchema, orderSchema, productSchema, stockLevelSchema } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { toAddress } from '../src/map/address.js';
import { toCategory } from '../src/map/category.js';
import { toCustomer } from '../src/map/customer.js';
import { fromWooGmt, isAtOrAfter, wooAfter } from '../src/map/dates.js';
import { divideDecimal, percentOf, wooDecimal } from '../src/map/decimal-math.js';
import type { MapContext } from '../src/map/map-context.js';
import { toOrder } from '../src/map/order.js';
import { chooseWooStatus, toOrderStatus } from '../src/map/order-status.js';
import { toProduct } from '../src/map/product.js';
import { toStockLevel } from '../src/map/stock.js';
import { convertLength, convertWeight } from '../src/map/units.js';
import { readPlatformSettings } from '../src/settings.js';
import type {
  WooCategory,
  WooCustomer,
  WooOrder,
  WooOrderNote,
  WooProduct,
  WooRefund,
  WooVariation,
} from '../src/woo.types.js';
import { docsSeed, fixture } from './fake/seed.js';

const context: MapContext = {
  facts: {
    wcVersion: '9.8.0',
    wpVersion: '6.8',
    homeUrl: 'https://shop.test',
    language: 'en',
    currency: 'USD',
    baseCountry: 'US',
    weightUnit: 'kg',
    dimensionUnit: 'cm',
    pricesIncludeTax: false,
    plugins: [],
  },
  platform: readPlatformSettings({}),
  categoriesFindBy: 'name',
  includeRaw: false,
  statusSlugByName: new Map([
    ['on hold', 'on-hold'],
    ['completed', 'completed'],
    ['processing', 'processing'],
    ['pending payment', 'pending'],
  ]),
  now: () => new Date('2025-06-01T12:00:00Z'),
};

describe('golden mapping: documented payloads -> contract', () => {
  it('the documented variable product and its variations pass the product contract', () => {
    const product = fixture<WooProduct>('product-variable');
    product.sku = 'SHIP';
    const variations = fixture<WooVariation[]>('variations');
    const mapped = toProduct(product, variations, context);
    expect(productSchema.safeParse(mapped).success).toBe(true);
    expect(mapped).toMatchObject({
      id: '799',
      reference: 'SHIP',
      name: { en: 'Ship Your Idea' },
      active: true,
      defaultCategory: 'Clothing',
      categories: ['T-shirts'],
      tracksStock: false,
      sourceUpdatedAt: '2017-03-23T20:03:12Z',
    });
    expect(mapped.price).toBeUndefined();
    expect(mapped.variants).toHaveLength(2);
    expect(mapped.variants?.[0]).toMatchObject({
      id: '733',
      productId: '799',
      productReference: 'SHIP',
      price: '9.00',
      options: [{ name: 'Color', value: 'Green' }],
    });
  });

  it('the documented simple product: regular price, images with the cover first, dimensions left out when blank', () => {
    const mapped = toProduct(fixture<WooProduct>('product-simple'), undefined, context);
    expect(productSchema.safeParse(mapped).success).toBe(true);
    expect(mapped).toMatchObject({ id: '794', price: '21.99', currency: 'USD', taxClass: 'standard' });
    expect(mapped.images?.map((image) => [image.position, image.cover])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(mapped.width).toBeUndefined();
    expect(mapped.reference).toBeUndefined();
  });

  it('the documented order: line subtotals, tax lines with rates, shipping, guest, rounding delta', () => {
    const order = fixture<WooOrder>('order');
    for (const line of order.tax_lines) line.rate_percent = 7.5;
    const mapped = toOrder(order, {}, context);
    expect(orderSchema.safeParse(mapped).success).toBe(true);
    expect(mapped).toMatchObject({
      id: '727',
      reference: '727',
      guest: true,
      currency: 'USD',
      taxInclusive: false,
      roundingDelta: '0.00',
    });
    expect(mapped.status).toEqual({ status: 'processing', rawStatus: 'processing' });
    expect(mapped.customer).toMatchObject({ email: 'john.doe@example.com', isGuest: true });
    expect(mapped.lines[0]).toMatchObject({
      quantity: 2,
      unitPriceExcl: '3.00',
      unitPriceIncl: '3.225',
      totalExcl: '6.00',
      totalIncl: '6.45',
      taxLines: [{ name: 'State Tax', rate: '7.5', amount: '0.45' }],
    });
    expect(mapped.lines[1]).toMatchObject({
      productId: '22',
      variantId: '23',
      reference: 'Bar3',
      name: 'Ship Your Idea – Color: Black, Size: M Test',
    });
    expect(mapped.shipping).toEqual([
      {
        name: 'Flat Rate',
        carrier: { id: 'flat_rate', name: 'Flat Rate' },
        totalExcl: '10.00',
        totalIncl: '10.00',
        taxLines: [],
      },
    ]);
    expect(mapped.totals).toMatchObject({
      productsExcl: '18.00',
      shippingIncl: '10.00',
      taxTotal: '1.35',
      totalExcl: '28.00',
      totalIncl: '29.35',
      paid: '29.35',
    });
    expect(mapped.payments).toEqual([
      expect.objectContaining({
        id: 'order-727',
        module: 'bacs',
        name: 'Direct Bank Transfer',
        amount: { amount: '29.35', currency: 'USD' },
        paidAt: '2017-03-22T19:28:08Z',
        status: 'completed',
      }),
    ]);
    expect(mapped.billingAddress).toMatchObject({ state: 'US-CA', country: 'US', address1: '969 Market' });
  });

  it('a documented order with refunds: the refunds are negative payments dated by their refund', () => {
    const order = fixture<WooOrder[]>('orders').find((entry) => entry.id === 723) as WooOrder;
    const refund = fixture<WooRefund>('refund');
    const mapped = toOrder(order, { notes: fixture<WooOrderNote[]>('order-notes'), refunds: [refund] }, context);
    expect(orderSchema.safeParse(mapped).success).toBe(true);
    const refunds = mapped.payments.filter((payment) => payment.status === 'refunded');
    expect(refunds.map((payment) => [payment.id, payment.amount.amount, payment.paidAt])).toEqual([
      ['refund-726', '-10.00', '2017-03-21T20:07:11Z'],
      ['refund-724', '-9.00', mapped.updatedAt],
    ]);
    expect(mapped.statusHistory.at(-1)).toMatchObject({
      status: 'completed',
      rawStatus: 'completed',
      at: '2017-03-21T19:16:58Z',
    });
    expect(mapped.messages.every((message) => message.author === 'system' && message.private)).toBe(true);
  });

  it('the Québec order: one line with GST and QST, and WooCommerce’s one cent reported, not fixed', () => {
    const order = docsSeed().orders.find((entry) => entry.id === 800) as WooOrder;
    const mapped = toOrder(order, {}, context);
    expect(orderSchema.safeParse(mapped).success).toBe(true);
    expect(mapped.lines[0]?.taxLines).toEqual([
      { name: 'GST', rate: '5', amount: '0.50' },
      { name: 'QST', rate: '9.975', amount: '1.00' },
    ]);
    expect(mapped.lines[0]).toMatchObject({ unitPriceExcl: '3.333333', unitPriceIncl: '3.833333' });
    expect(mapped.roundingDelta).toBe('-0.01');
    expect(mapped.guest).toBe(false);
    expect(mapped.customer.id).toBe('25');
  });

  it('coupons travel once, as order discounts, with what lines lost beyond coupons as a plain discount', () => {
    const order = fixture<WooOrder>('order');
    order.coupon_lines = [{ id: 1, code: 'summer', discount: '1.00', discount_tax: '0.08' }];
    order.discount_total = '1.50';
    order.discount_tax = '0.08';
    const mapped = toOrder(order, {}, context);
    expect(mapped.discounts).toEqual([
      { name: 'summer', code: 'summer', totalExcl: '1.00', totalIncl: '1.08' },
      { name: 'Discount', totalExcl: '0.50', totalIncl: '0.50' },
    ]);
  });

  it('fee lines are lines of kind fee; an order without items still travels', () => {
    const order = fixture<WooOrder>('order');
    order.fee_lines = [
      {
        id: 9,
        name: 'Gift wrap',
        tax_class: '',
        tax_status: 'taxable',
        total: '2.00',
        total_tax: '0.15',
        taxes: [{ id: 75, total: '0.15' }],
      },
    ];
    const mapped = toOrder(order, {}, context);
    expect(mapped.lines.at(-1)).toMatchObject({ kind: 'fee', productId: null, name: 'Gift wrap', totalIncl: '2.15' });
    const empty = toOrder(
      { ...fixture<WooOrder>('order'), line_items: [], billing: { ...fixture<WooOrder>('order').billing, email: '' } },
      {},
      context,
    );
    expect(orderSchema.safeParse(empty).success).toBe(true);
    expect(empty.lines).toHaveLength(1);
    expect(empty.customer.email).toBe('order-727@no-email.invalid');
  });

  it('a customer: addresses, the ERP code and B2B data from the bridge’s meta, no sourceUpdatedAt', () => {
    const customer = fixture<WooCustomer>('customer');
    customer.meta_data = [
      { id: 1, key: 'passerelle_customer_code', value: 'CL00004' },
      { id: 2, key: 'passerelle_vat_number', value: 'FR12345678901' },
      { id: 3, key: 'passerelle_max_payment_days', value: '30' },
    ];
    const mapped = toCustomer(customer, context);
    expect(customerSchema.safeParse(mapped).success).toBe(true);
    expect(mapped).toMatchObject({
      id: '25',
      reference: 'CL00004',
      vatNumber: 'FR12345678901',
      maxPaymentDays: 30,
      hasOrders: false,
      createdAt: '2017-03-21T19:09:28Z',
    });
    expect(mapped.addresses?.map((address) => address.type)).toEqual(['billing', 'shipping']);
    expect(mapped.sourceUpdatedAt).toBeUndefined();
  });

  it('categories: the slug is the reference, the parent is named by its slug', () => {
    const all = fixture<WooCategory[]>('categories');
    const slugs = new Map(all.map((category) => [category.id, category.slug]));
    const hoodies = all.find((category) => category.slug === 'hoodies') as WooCategory;
    const mapped = toCategory(hoodies, slugs, context);
    expect(categorySchema.safeParse(mapped).success).toBe(true);
    expect(mapped).toMatchObject({ reference: 'hoodies', parent: { reference: 'clothing' }, name: { en: 'Hoodies' } });
  });

  it('stock: available quantity, untracked items read 0, variations name their parent', () => {
    const simple = docsSeed().products.find((product) => product.id === 794) as WooProduct;
    expect(stockLevelSchema.parse(toStockLevel(simple, null, context))).toMatchObject({
      reference: 'WOO-PQ-794',
      productId: '794',
      quantity: 12,
      tracked: true,
      quantityType: 'available',
    });
    const variation = fixture<WooVariation[]>('variations')[0] as WooVariation;
    expect(toStockLevel(variation, 799, context)).toMatchObject({
      productId: '799',
      variantId: '733',
      quantity: 0,
      tracked: false,
    });
  });
});

describe('platform quirks are normalised in map/', () => {
  it('dates: _gmt without a zone becomes ISO UTC; zero dates are absent', () => {
    expect(fromWooGmt('2017-03-23T20:03:12')).toBe('2017-03-23T20:03:12Z');
    expect(fromWooGmt('0000-00-00T00:00:00')).toBeUndefined();
    expect(fromWooGmt(null)).toBeUndefined();
    expect(wooAfter('2025-06-01T00:00:00.000Z')).toBe('2025-05-31T23:59:59');
    expect(isAtOrAfter('2025-06-01T00:00:00', '2025-06-01T00:00:00Z')).toBe(true);
    expect(isAtOrAfter('2025-05-31T23:59:59', '2025-06-01T00:00:00Z')).toBe(false);
  });

  it('money: blank is unset, division and percentages are exact decimals', () => {
    expect(wooDecimal('')).toBeUndefined();
    expect(wooDecimal('21.99')).toBe('21.99');
    expect(wooDecimal('1,99')).toBeUndefined();
    expect(divideDecimal('10.00', 3)).toBe('3.333333');
    expect(divideDecimal('0.10', 3, 2)).toBe('0.03');
    expect(divideDecimal('-6.00', 4)).toBe('-1.50');
    expect(percentOf('80.00', '12.5')).toBe('10.00');
    expect(percentOf('19.99', '33')).toBe('6.60');
  });

  it('units: exact conversions between the contract’s units and the shop’s', () => {
    expect(convertWeight('1', 'kg', 'lb')).toBe('2.2046');
    expect(convertWeight('2', 'lb', 'g')).toBe('907.1847');
    expect(convertWeight('500', 'g', 'kg')).toBe('0.5');
    expect(convertLength('10', 'in', 'cm')).toBe('25.4');
    expect(convertLength('1', 'yd', 'in')).toBe('36');
  });

  it('addresses: the state gets its country prefix (ISO 3166-2); a blank country is the store’s', () => {
    const address = toAddress(
      {
        first_name: 'A',
        last_name: 'B',
        company: '',
        address_1: '1 rue X',
        address_2: '',
        city: 'Lyon',
        state: '',
        postcode: '69001',
        country: '',
      },
      'billing',
      'FR',
    );
    expect(address).toMatchObject({ country: 'FR', city: 'Lyon' });
    expect(address.state).toBeUndefined();
  });

  it('statuses: core and plug-in slugs read as contract statuses; the admin’s map wins', () => {
    expect(toOrderStatus('wc-on-hold')).toEqual({ status: 'on_hold', rawStatus: 'on-hold' });
    expect(toOrderStatus('pending')).toEqual({ status: 'awaiting_payment', rawStatus: 'pending' });
    expect(toOrderStatus('awaiting-shipment')).toEqual({ status: 'unknown', rawStatus: 'awaiting-shipment' });
    expect(toOrderStatus('awaiting-shipment', { 'awaiting-shipment': 'processing' }).status).toBe('processing');
  });

  it('writing a status the shop lacks falls back to the closest core one and says so', () => {
    const core = new Set(['pending', 'processing', 'completed', 'on-hold', 'cancelled', 'refunded', 'failed']);
    expect(chooseWooStatus('shipped', null, core)).toEqual({
      slug: 'completed',
      note: 'the shop has no "shipped" status: written as "completed"',
    });
    expect(chooseWooStatus('shipped', null, new Set([...core, 'shipped']))).toEqual({ slug: 'shipped' });
    expect(chooseWooStatus('shipped', 'wc-sent', core)).toEqual({ slug: 'sent' });
    expect(chooseWooStatus('shipped', null, new Set([...core, 'sent']), { sent: 'shipped' })).toEqual({ slug: 'sent' });
    expect(chooseWooStatus('partially_refunded', null, core)).toMatchObject({ slug: null });
    expect(chooseWooStatus('paid', null, core)).toEqual({ slug: 'processing' });
  });
});
