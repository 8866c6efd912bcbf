import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acknowledgeItemSchema } from './acknowledge-item.js';
import { categoryWriteSchema } from './category.js';
import { changeEntities, changeSchema } from './change.js';
import { customerGroupWriteSchema } from './customer-group.js';
import * as contracts from './index.js';
import { orderStatuses, orderStatusWriteSchema, writableOrderStatuses } from './order-status.js';
import { pageSchema } from './page.js';
import { priceWriteSchema, specificPriceSchema } from './price.js';
import { stockLevelSchema, stockWriteSchema } from './stock.js';
import { variantWriteSchema } from './variant.js';

describe('variantWriteSchema', () => {
  const base = { reference: 'demo_1-S-WHT', options: [{ name: 'Size', value: 'S' }] };

  it('accepts a price impact that lowers the price', () => {
    expect(variantWriteSchema.parse({ ...base, priceImpact: '-2.50' }).priceImpact).toBe('-2.50');
  });

  it('refuses price and priceImpact together', () => {
    const result = variantWriteSchema.safeParse({ ...base, price: '19.90', priceImpact: '1.00' });
    expect(result.error?.issues[0]?.path).toEqual(['priceImpact']);
  });

  it('needs at least one option', () => {
    const result = variantWriteSchema.safeParse({ ...base, options: [] });
    expect(result.error?.issues[0]?.path).toEqual(['options']);
  });
});

describe('specificPriceSchema', () => {
  it('defaults fromQuantity to 1', () => {
    expect(specificPriceSchema.parse({ fixedPrice: '9.90' }).fromQuantity).toBe(1);
  });

  it.each([
    ['neither reduction nor fixed price', { customerGroup: 'PRO' }, ['reduction']],
    [
      'a period that ends before it starts',
      { fixedPrice: '9.90', from: '2024-08-01T00:00:00Z', to: '2024-06-01T00:00:00Z' },
      ['to'],
    ],
    ['a percentage above 100', { reduction: { type: 'percentage', value: '120' } }, ['reduction', 'value']],
    ['a quantity threshold of 0', { fixedPrice: '9.90', fromQuantity: 0 }, ['fromQuantity']],
    ['a negative reduction', { reduction: { type: 'amount', value: '-1.00' } }, ['reduction', 'value']],
  ])('refuses %s', (_case, input, path) => {
    const result = specificPriceSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});

describe('priceWriteSchema', () => {
  it('accepts a base price with its specific prices and an asOf for the stale guard', () => {
    const price = priceWriteSchema.parse({
      reference: 'demo_1',
      price: '23.90',
      priceIncl: '28.68',
      currency: 'EUR',
      taxRate: '20',
      asOf: '2024-05-14T08:00:00Z',
      specificPrices: [{ customerGroup: 'PRO', reduction: { type: 'percentage', value: '10' } }],
    });
    expect(price.specificPrices?.[0]?.fromQuantity).toBe(1);
  });

  it('refuses a negative price', () => {
    expect(
      priceWriteSchema.safeParse({ reference: 'demo_1', price: '-1.00', currency: 'EUR' }).error?.issues[0]?.path,
    ).toEqual(['price']);
  });
});

describe('stock', () => {
  it('accepts a negative quantity on write: the stock policy decides what to send', () => {
    expect(stockWriteSchema.parse({ reference: 'demo_1', quantity: -3 }).quantity).toBe(-3);
  });

  it('says which quantity a stock level counts', () => {
    const level = { reference: 'demo_1', quantity: 12, tracked: true, asOf: '2024-05-14T08:00:00Z' };
    expect(stockLevelSchema.safeParse(level).error?.issues[0]?.path).toEqual(['quantityType']);
    expect(stockLevelSchema.parse({ ...level, quantityType: 'available' }).quantityType).toBe('available');
  });
});

describe('categoryWriteSchema', () => {
  it('takes a parent by reference, by name, or null for a top-level category', () => {
    for (const parent of [{ reference: 'CAT-CLOTHES' }, { name: 'Clothes' }, null]) {
      expect(categoryWriteSchema.safeParse({ reference: 'CAT-MEN', name: { en: 'Men' }, parent }).success).toBe(true);
    }
  });

  it('refuses an empty parent', () => {
    const result = categoryWriteSchema.safeParse({ reference: 'CAT-MEN', name: { en: 'Men' }, parent: {} });
    expect(result.error?.issues[0]?.path).toEqual(['parent']);
  });

  it('refuses a name with no language', () => {
    expect(categoryWriteSchema.safeParse({ reference: 'CAT-MEN', name: {} }).error?.issues[0]?.path).toEqual(['name']);
  });
});

describe('customerGroupWriteSchema', () => {
  it('refuses a reduction above 100 %', () => {
    const result = customerGroupWriteSchema.safeParse({ reference: 'PRO', name: { en: 'Pros' }, reduction: '150' });
    expect(result.error?.issues[0]?.path).toEqual(['reduction']);
  });
});

describe('orderStatusWriteSchema', () => {
  it('accepts a status with tracking and the ERP document number', () => {
    const item = {
      id: '42',
      status: 'shipped',
      trackingNumber: '6A12345678901',
      carrier: 'Colissimo',
      documentNumber: 'BL2405-0007',
      notifyCustomer: true,
      at: '2024-05-23T08:00:00Z',
    };
    expect(orderStatusWriteSchema.parse(item)).toEqual(item);
  });

  it('refuses unknown: an ERP sets a real status', () => {
    expect(writableOrderStatuses).not.toContain('unknown');
    expect(writableOrderStatuses).toHaveLength(orderStatuses.length - 1);
    expect(orderStatusWriteSchema.safeParse({ id: '42', status: 'unknown' }).error?.issues[0]?.path).toEqual([
      'status',
    ]);
  });
});

describe('acknowledgeItemSchema', () => {
  it('takes an order id and an optional document number, nothing else', () => {
    expect(acknowledgeItemSchema.parse({ id: '42', documentNumber: 'CO2405-0012' })).toEqual({
      id: '42',
      documentNumber: 'CO2405-0012',
    });
    expect(acknowledgeItemSchema.safeParse({ id: '42', reference: 'XKBKNABJK' }).error?.issues[0]?.message).toBe(
      'Unknown field: reference',
    );
  });
});

describe('changeSchema', () => {
  it('accepts a journal entry for every entity', () => {
    for (const [index, entity] of changeEntities.entries()) {
      const change = {
        seq: index + 1,
        entity,
        id: '42',
        reference: null,
        op: 'updated',
        at: '2024-05-23T08:00:00Z',
        shopId: null,
      };
      expect(changeSchema.parse(change)).toEqual(change);
    }
  });

  it('refuses a sequence below 1', () => {
    const change = {
      seq: 0,
      entity: 'order',
      id: '42',
      reference: 'XKBKNABJK',
      op: 'updated',
      at: '2024-05-23T08:00:00Z',
      shopId: '1',
    };
    expect(changeSchema.safeParse(change).error?.issues[0]?.path).toEqual(['seq']);
  });
});

describe('pageSchema', () => {
  const page = pageSchema(changeSchema);

  it('wraps items with a nullable cursor', () => {
    expect(page.parse({ items: [], nextCursor: null })).toEqual({ items: [], nextCursor: null });
  });

  it('validates each item', () => {
    const result = page.safeParse({ items: [{ seq: 'x' }], nextCursor: 'abc' });
    expect(result.error?.issues[0]?.path).toEqual(['items', 0, 'seq']);
  });
});

describe('JSON Schema export (the OpenAPI document is built from it)', () => {
  const schemas: [string, z.ZodType][] = [];
  for (const [name, value] of Object.entries(contracts as Record<string, unknown>)) {
    if (name.endsWith('Schema') && value instanceof z.ZodType) schemas.push([name, value]);
  }

  it('covers the exported schemas', () => {
    expect(schemas.length).toBeGreaterThan(30);
  });

  it.each(schemas)('%s converts to JSON Schema, input and output', (_name, schema) => {
    expect(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' })).toBeTypeOf('object');
    expect(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' })).toBeTypeOf('object');
  });

  it('puts the governance metadata in the JSON Schema of a field', () => {
    const json = z.toJSONSchema(contracts.productWriteSchema, { io: 'input' }) as {
      properties: Record<string, Record<string, unknown>>;
      additionalProperties: unknown;
    };
    expect(json.properties.price).toMatchObject({ label: 'Price excl. tax', updateToggle: 'products.update.price' });
    expect(json.additionalProperties).toBe(false);
  });
});

describe('orderStatuses', () => {
  it('is the closed set of DESIGN §3, unknown last', () => {
    expect(orderStatuses).toEqual([
      'pending',
      'awaiting_payment',
      'paid',
      'processing',
      'shipped',
      'delivered',
      'completed',
      'on_hold',
      'cancelled',
      'refunded',
      'partially_refunded',
      'failed',
      'unknown',
    ]);
  });
});
