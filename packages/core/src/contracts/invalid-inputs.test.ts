import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { customerWriteSchema } from './customer.js';
import { orderSchema } from './order.js';
import { orderLineSchema } from './order-line.js';
import { orderStatusSchema } from './order-status.js';
import { priceWriteSchema } from './price.js';
import { productWriteSchema } from './product.js';
import { stockWriteSchema } from './stock.js';

const validOrder = JSON.parse(
  readFileSync(new URL('../../test/fixtures/contracts/woocommerce-order-multi-tax.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { lines: Record<string, unknown>[] };

const validLine = validOrder.lines[0] as Record<string, unknown>;
const { quantity: _quantity, ...lineWithoutQuantity } = validLine;

function withLine(line: Record<string, unknown>) {
  return { ...validOrder, lines: [line, ...validOrder.lines.slice(1)] };
}

interface Case {
  name: string;
  schema: z.ZodType;
  input: unknown;
  path: PropertyKey[];
  message?: RegExp;
}

const cases: Case[] = [
  {
    name: 'a price sent as a float',
    schema: priceWriteSchema,
    input: { reference: 'demo_1', price: 19.9, currency: 'EUR' },
    path: ['price'],
    message: /decimal string/,
  },
  {
    name: 'a price with a decimal comma',
    schema: priceWriteSchema,
    input: { reference: 'demo_1', price: '19,90', currency: 'EUR' },
    path: ['price'],
  },
  {
    name: 'a 2-letter currency',
    schema: priceWriteSchema,
    input: { reference: 'demo_1', price: '19.90', currency: 'EU' },
    path: ['currency'],
    message: /ISO 4217/,
  },
  {
    name: 'a float unit price on an order line',
    schema: orderSchema,
    input: withLine({ ...validLine, unitPriceExcl: 45.5 }),
    path: ['lines', 0, 'unitPriceExcl'],
  },
  {
    name: 'a negative quantity on an order line',
    schema: orderLineSchema,
    input: { ...validLine, quantity: -1 },
    path: ['quantity'],
    message: /at least 1/,
  },
  {
    name: 'a negative quantity on a line inside an order',
    schema: orderSchema,
    input: withLine({ ...validLine, quantity: -2 }),
    path: ['lines', 0, 'quantity'],
  },
  {
    name: 'a zero quantity on an order line',
    schema: orderLineSchema,
    input: { ...validLine, quantity: 0 },
    path: ['quantity'],
  },
  {
    name: 'a fractional quantity on an order line',
    schema: orderLineSchema,
    input: { ...validLine, quantity: 1.5 },
    path: ['quantity'],
  },
  {
    name: 'an order line without quantity',
    schema: orderLineSchema,
    input: lineWithoutQuantity,
    path: ['quantity'],
    message: /required/,
  },
  {
    name: 'an unknown status without rawStatus',
    schema: orderStatusSchema,
    input: { status: 'unknown' },
    path: ['rawStatus'],
    message: /rawStatus is required/,
  },
  {
    name: 'an order whose unknown status lacks rawStatus',
    schema: orderSchema,
    input: { ...validOrder, status: { status: 'unknown' } },
    path: ['status', 'rawStatus'],
  },
  {
    name: 'an empty rawStatus',
    schema: orderStatusSchema,
    input: { status: 'unknown', rawStatus: '' },
    path: ['rawStatus'],
  },
  {
    name: 'a status outside the closed set',
    schema: orderStatusSchema,
    input: { status: 'wc-processing', rawStatus: 'wc-processing' },
    path: ['status'],
  },
  {
    name: 'an invalid customer email',
    schema: customerWriteSchema,
    input: { reference: 'C000123', email: 'claire.martin@' },
    path: ['email'],
    message: /valid email/,
  },
  {
    name: 'an order customer with an invalid email',
    schema: orderSchema,
    input: { ...validOrder, customer: { ...(validOrder.customer as object), email: 'not-an-email' } },
    path: ['customer', 'email'],
  },
  {
    name: 'a write without reference',
    schema: productWriteSchema,
    input: { name: { en: 'Shirt' } },
    path: ['reference'],
  },
  {
    name: 'a stock quantity that is not an integer',
    schema: stockWriteSchema,
    input: { reference: 'demo_1', quantity: '12' },
    path: ['quantity'],
  },
  {
    name: 'an order without lines',
    schema: orderSchema,
    input: { ...validOrder, lines: [] },
    path: ['lines'],
  },
  {
    name: 'an order without shipping destination',
    schema: orderSchema,
    input: { ...validOrder, shippingDestinations: [] },
    path: ['shippingDestinations'],
  },
  {
    name: 'a date with a time-zone offset',
    schema: orderSchema,
    input: { ...validOrder, createdAt: '2024-05-21T10:05:32-04:00' },
    path: ['createdAt'],
    message: /UTC/,
  },
];

describe('invalid inputs fail at the exact path', () => {
  it.each(cases)('$name -> $path', ({ schema, input, path, message }) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
    if (message) expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('the base fixture is valid, so each case fails for its own reason only', () => {
    expect(orderSchema.safeParse(validOrder).success).toBe(true);
    expect(orderLineSchema.safeParse(validLine).success).toBe(true);
  });
});

describe('unknown fields on write schemas', () => {
  it.each([
    ['product', productWriteSchema, { reference: 'demo_1', name: { en: 'Shirt' }, prise: '19.90' }, 'prise'],
    ['customer', customerWriteSchema, { reference: 'C1', hasOrders: true }, 'hasOrders'],
    ['stock', stockWriteSchema, { reference: 'demo_1', quantity: 3, warehouse: '2' }, 'warehouse'],
    ['price', priceWriteSchema, { reference: 'demo_1', price: '1.00', currency: 'EUR', id: '1' }, 'id'],
  ] as const)('%s: names the unknown field', (_entity, schema, input, field) => {
    const result = (schema as z.ZodType).safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: [], keys: [field] });
    expect(result.error?.issues[0]?.message).toBe(`Unknown field: ${field}`);
  });

  it('refuses unknown fields inside nested write objects too', () => {
    const result = productWriteSchema.safeParse({
      reference: 'demo_1',
      name: { en: 'Shirt' },
      weight: { value: '0.3', unit: 'kg', gross: '0.4' },
    });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['weight'],
      keys: ['gross'],
      message: 'Unknown field: gross',
    });
  });
});
