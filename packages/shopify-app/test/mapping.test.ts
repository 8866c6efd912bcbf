import { readFileSync } from 'node:fs';
import { computeRoundingDelta, orderSchema, productSchema } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import type { OrderNode, ProductNode } from '../src/graphql/shopify.types.js';
import { toGid } from '../src/map/gid.js';
import { divideDecimals, multiplyDecimals, numberToDecimal, ratePercent } from '../src/map/money.js';
import { toOrder } from '../src/map/order.js';
import { toOrderStatus } from '../src/map/order-status.js';
import { toProduct, toProductSetInput } from '../src/map/product.js';
import { complianceCustomer, inventoryLevelOf, parseShopifyJson, payloadGid } from '../src/map/webhook-payload.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
const product = fixture<{ data: { product: ProductNode } }>('graphql-product.json').data.product;
const order = fixture<{ data: { order: OrderNode } }>('graphql-order.json').data.order;
const orderContext = {
  shopId: 'shop.myshopify.com',
  side: 'shop' as const,
  advancedTaxes: true,
  taxesByCountry: false,
};

describe('product mapping (fixture: the docs sample product query)', () => {
  const mapped = toProduct(product, { shopId: 'shop.myshopify.com', language: 'en', currency: 'USD' });

  it('passes the product contract, with first-class variants', () => {
    expect(productSchema.safeParse(mapped).success).toBe(true);
    expect(mapped.reference).toBe('ipod-nano');
    expect(mapped.variants?.map((variant) => [variant.reference, variant.options, variant.price])).toEqual([
      ['IPOD2008PINK', [{ name: 'Color', value: 'Pink' }], '199.00'],
      ['IPOD2008RED', [{ name: 'Color', value: 'Red' }], '199.00'],
    ]);
    expect(mapped.variants?.[0]?.productId).toBe(product.id);
    expect(mapped.images).toEqual([
      { url: 'https://cdn.shopify.com/s/files/1/ipod-nano.png', position: 0, cover: true },
    ]);
    expect(mapped.sourceUpdatedAt).toBe('2025-04-02T16:29:59.000Z');
  });

  it('a product without variants carries its one variant as product fields; the ERP reference wins', () => {
    const single = toProduct(
      {
        ...product,
        hasOnlyDefaultVariant: true,
        reference: { value: 'ERP-42' },
        variants: { nodes: [product.variants.nodes[0] as ProductNode['variants']['nodes'][number]] },
      },
      { shopId: 's', language: 'fr', currency: 'EUR' },
    );
    expect(single).toMatchObject({
      reference: 'ERP-42',
      price: '199.00',
      currency: 'EUR',
      barcode: '1234_pink',
      quantity: 10,
      variants: [],
    });
    expect(single.weight).toEqual({ value: '200', unit: 'g' });
    expect(single.name).toEqual({ fr: 'IPod Nano - 8GB' });
  });

  it('a creation sends every variant and its options to productSet', () => {
    const input = toProductSetInput(
      {
        reference: 'TEE',
        name: { en: 'Tee' },
        variants: [
          { reference: 'TEE-S', options: [{ name: 'Size', value: 'S' }], price: '10.00' },
          { reference: 'TEE-M', options: [{ name: 'Size', value: 'M' }], price: '11.00' },
        ],
      },
      'en',
      null,
    );
    expect(input.productOptions).toEqual([{ name: 'Size', values: [{ name: 'S' }, { name: 'M' }] }]);
    expect(input.variants.map((variant) => variant.sku)).toEqual(['TEE-S', 'TEE-M']);
    expect(input.metafields).toEqual([
      { namespace: 'passerelle', key: 'reference', type: 'single_line_text_field', value: 'TEE' },
    ]);
  });
});

describe('order mapping (fixture: the docs sample order query)', () => {
  it('passes the contract, keeps the shop numbers and states the rounding delta', () => {
    const mapped = toOrder(order, order.lineItems.nodes, orderContext);
    expect(orderSchema.safeParse(mapped).success).toBe(true);
    expect(mapped.status).toEqual({ status: 'partially_refunded', rawStatus: 'PARTIALLY_REFUNDED/UNFULFILLED' });
    const [line] = mapped.lines;
    expect(line).toMatchObject({
      reference: 'IPOD2008GREEN',
      unitPriceExcl: '199.00',
      totalExcl: '195.66',
      totalIncl: '199.64',
      discounts: [{ name: 'TENOFF', amount: '3.34' }],
      taxLines: [{ name: 'State Tax', rate: '6', amount: '3.98' }],
      productId: 'gid://shopify/Product/632910392',
      variantId: 'gid://shopify/ProductVariant/39072856',
      weight: '0.2',
    });
    expect(mapped.totals).toMatchObject({
      totalIncl: '598.94',
      taxTotal: '11.94',
      totalExcl: '587.00',
      paid: '598.94',
    });
    expect(mapped.roundingDelta).toBe(computeRoundingDelta(mapped));
    expect(mapped.trackingNumbers).toEqual(['1Z1234512345123456']);
    expect(mapped.paymentMethod).toEqual({ module: 'bogus', name: 'Bogus' });
    expect(mapped.payments[0]).toMatchObject({ status: 'completed', amount: { amount: '598.94', currency: 'USD' } });
    expect(mapped.guest).toBe(false);
  });

  it('presentment currency: amounts in what the customer paid, with the rate to the shop currency', () => {
    const eur = (usd: string, eur: string) => ({
      shopMoney: { amount: usd, currencyCode: 'USD' },
      presentmentMoney: { amount: eur, currencyCode: 'EUR' },
    });
    const mapped = toOrder(
      { ...order, presentmentCurrencyCode: 'EUR', totalPriceSet: eur('598.94', '550.00') },
      order.lineItems.nodes,
      { ...orderContext, side: 'presentment' },
    );
    expect(mapped.currency).toBe('EUR');
    expect(mapped.totals.totalIncl).toBe('550.00');
    expect(mapped.conversionRate).toBe(divideDecimals('550.00', '598.94', 6));
  });

  it('advanced tax retrieval off merges a line’s taxes; taxes by country suffix the destination', () => {
    const line = {
      ...(order.lineItems.nodes[0] as OrderNode['lineItems']['nodes'][number]),
      taxLines: [
        {
          title: 'GST',
          rate: 0.05,
          priceSet: {
            shopMoney: { amount: '0.50', currencyCode: 'CAD' },
            presentmentMoney: { amount: '0.50', currencyCode: 'CAD' },
          },
        },
        {
          title: 'QST',
          rate: 0.09975,
          priceSet: {
            shopMoney: { amount: '1.00', currencyCode: 'CAD' },
            presentmentMoney: { amount: '1.00', currencyCode: 'CAD' },
          },
        },
      ],
    };
    const merged = toOrder(order, [line], { ...orderContext, advancedTaxes: false });
    expect(merged.lines[0]?.taxLines).toEqual([{ name: 'GST + QST', rate: '14.975', amount: '1.50' }]);
    const byCountry = toOrder(order, [line], { ...orderContext, taxesByCountry: true });
    expect(byCountry.lines[0]?.taxLines.map((tax) => tax.name)).toEqual(['GST US', 'QST US']);
  });

  it('statuses follow the most telling fact', () => {
    const status = (financial: string | null, fulfillment: string, extra: Partial<OrderNode> = {}, delivered = false) =>
      toOrderStatus({
        displayFinancialStatus: financial,
        displayFulfillmentStatus: fulfillment,
        cancelledAt: null,
        closedAt: null,
        fulfillments: delivered ? [{ displayStatus: 'DELIVERED' }] : [],
        ...extra,
      }).status;
    expect(status('PAID', 'UNFULFILLED')).toBe('paid');
    expect(status('PENDING', 'UNFULFILLED')).toBe('awaiting_payment');
    expect(status('PAID', 'FULFILLED')).toBe('shipped');
    expect(status('PAID', 'FULFILLED', {}, true)).toBe('delivered');
    expect(status('PAID', 'FULFILLED', { closedAt: '2025-01-01T00:00:00Z' })).toBe('completed');
    expect(status('PAID', 'PARTIALLY_FULFILLED')).toBe('processing');
    expect(status('PAID', 'UNFULFILLED', { cancelledAt: '2025-01-01T00:00:00Z' })).toBe('cancelled');
    expect(status('REFUNDED', 'FULFILLED')).toBe('refunded');
    expect(status(null, 'ON_HOLD')).toBe('on_hold');
    expect(status('EXPIRED', 'UNFULFILLED')).toBe('failed');
  });
});

describe('decimal helpers (money never goes through floats)', () => {
  it('multiplies and divides exactly', () => {
    expect(multiplyDecimals('0.1', '0.2')).toBe('0.02');
    expect(divideDecimals('10', '3', 2)).toBe('3.33');
    expect(divideDecimals('2', '3', 2)).toBe('0.67');
    expect(ratePercent(0.09975)).toBe('9.975');
    expect(numberToDecimal(1e-7, 10)).toBe('0.0000001');
  });
});

describe('webhook payloads (REST shape, docs samples)', () => {
  it('keeps REST ids beyond 2^53 exact', () => {
    const text = readFileSync(new URL('./fixtures/webhook-products-update.json', import.meta.url), 'utf8');
    expect((parseShopifyJson(text) as { id: unknown }).id).toBe('788032119674292922');
    expect(String(JSON.parse(text).id)).not.toBe('788032119674292922');
    expect(parseShopifyJson('{"a":[1, 12345678901234567],"b":"x 12345678901234567"}')).toEqual({
      a: [1, '12345678901234567'],
      b: 'x 12345678901234567',
    });
  });

  it('reads the GID of the resource, the inventory level and the compliance customer', () => {
    expect(payloadGid(fixture('webhook-products-update.json'), 'Product')).toBe(
      'gid://shopify/Product/788032119674292922',
    );
    expect(payloadGid({ order_id: '820982911946154508' }, 'Order', 'order_id')).toBe(
      'gid://shopify/Order/820982911946154508',
    );
    expect(payloadGid({ id: 450789469 }, 'Order')).toBe(toGid('Order', 450789469));
    expect(payloadGid({ id: 'x' }, 'Order')).toBeNull();
    expect(inventoryLevelOf(fixture('webhook-inventory-levels-update.json'))).toEqual({
      inventoryItemId: 'gid://shopify/InventoryItem/271878346596884015',
      locationId: 'gid://shopify/Location/24826418',
    });
    expect(complianceCustomer(fixture('webhook-customers-data-request.json'))).toEqual({
      id: 'gid://shopify/Customer/191167',
      ordersIds: ['gid://shopify/Order/299938', 'gid://shopify/Order/280263', 'gid://shopify/Order/220458'],
      requestId: '9999',
    });
  });
});
