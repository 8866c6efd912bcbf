import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { updateToggles } from '../settings/update-toggles.js';
import { categorySchema, categoryWriteSchema } from './category.js';
import { changeSchema } from './change.js';
import { customerSchema, customerWriteSchema } from './customer.js';
import { customerGroupSchema, customerGroupWriteSchema } from './customer-group.js';
import { invoiceSchema } from './invoice.js';
import { readFieldMeta } from './meta.js';
import { orderSchema } from './order.js';
import { orderLineSchema } from './order-line.js';
import { paymentSchema } from './payment.js';
import { priceSchema, priceWriteSchema, specificPriceSchema } from './price.js';
import { productSchema, productWriteSchema } from './product.js';
import { shipmentSchema } from './shipment.js';
import { stockLevelSchema, stockWriteSchema } from './stock.js';
import { variantSchema, variantWriteSchema } from './variant.js';
import { writableEntitySchemas } from './writable-entities.js';

type Shaped = { shape: Record<string, z.ZodType> };

const writable: Record<string, Shaped> = {
  product: productSchema,
  productWrite: productWriteSchema,
  variant: variantSchema,
  variantWrite: variantWriteSchema,
  category: categorySchema,
  categoryWrite: categoryWriteSchema,
  customer: customerSchema,
  customerWrite: customerWriteSchema,
  customerGroup: customerGroupSchema,
  customerGroupWrite: customerGroupWriteSchema,
  stockLevel: stockLevelSchema,
  stockWrite: stockWriteSchema,
  price: priceSchema,
  priceWrite: priceWriteSchema,
  specificPrice: specificPriceSchema,
};

const readSide: Record<string, Shaped> = {
  order: orderSchema,
  orderLine: orderLineSchema,
  payment: paymentSchema,
  invoice: invoiceSchema,
  shipment: shipmentSchema,
  change: changeSchema,
};

const flags = ['updateToggle', 'createOnly', 'readOnly', 'key'] as const;

function fieldsOf(schemas: Record<string, Shaped>): [string, string, z.ZodType][] {
  return Object.entries(schemas).flatMap(([name, schema]) =>
    Object.entries(schema.shape).map(
      ([field, fieldSchema]) => [name, field, fieldSchema] as [string, string, z.ZodType],
    ),
  );
}

describe('field governance of writable entities', () => {
  it.each(fieldsOf(writable))('%s.%s has a label and exactly one governance flag', (_entity, _field, fieldSchema) => {
    const meta = readFieldMeta(fieldSchema);
    expect(meta?.label).toBeTruthy();
    const set = flags.filter((flag) => meta?.[flag] !== undefined);
    expect(set).toHaveLength(1);
  });

  it('every update toggle a contract names is a known settings toggle', () => {
    const used = new Set(
      fieldsOf(writable)
        .map(([, , fieldSchema]) => readFieldMeta(fieldSchema)?.updateToggle)
        .filter((toggle): toggle is NonNullable<typeof toggle> => toggle !== undefined),
    );
    expect(used.size).toBeGreaterThan(20);
    for (const toggle of used) expect(updateToggles).toContain(toggle);
  });

  it('every settings toggle governs at least one contract field', () => {
    const used = new Set(fieldsOf(writable).map(([, , fieldSchema]) => readFieldMeta(fieldSchema)?.updateToggle));
    expect(updateToggles.filter((toggle) => !used.has(toggle))).toEqual([]);
  });
});

describe('read-side entities', () => {
  it.each(fieldsOf(readSide))('%s.%s is labelled and read-only or a key', (_entity, _field, fieldSchema) => {
    const meta = readFieldMeta(fieldSchema);
    expect(meta?.label).toBeTruthy();
    expect(flags.filter((flag) => meta?.[flag] !== undefined)).toHaveLength(1);
    expect(meta?.readOnly === true || meta?.key === true).toBe(true);
  });
});

describe('write schemas', () => {
  it.each(Object.entries(writableEntitySchemas))('%s keeps the field metadata of its full schema', (_name, schema) => {
    for (const fieldSchema of Object.values(schema.shape as Record<string, z.ZodType>)) {
      expect(readFieldMeta(fieldSchema)).toBeDefined();
    }
  });

  it.each(Object.entries(writableEntitySchemas))('%s requires reference and omits platform ids', (_name, schema) => {
    const shape = schema.shape as Record<string, z.ZodType>;
    expect(shape.reference?.safeParse(undefined).success).toBe(false);
    expect(readFieldMeta(shape.reference as z.ZodType)?.key).toBe(true);
    for (const omitted of ['id', 'shopId', 'raw', 'hasOrders', 'createdAt', 'productId']) {
      expect(Object.keys(shape)).not.toContain(omitted);
    }
  });

  it('shares field schemas with the full schema, so meta read on one is the meta of the other', () => {
    expect(productWriteSchema.shape.price).toBe(productSchema.shape.price);
    expect(readFieldMeta(productWriteSchema.shape.price)).toEqual({
      label: 'Price excl. tax',
      updateToggle: 'products.update.price',
    });
    expect(readFieldMeta(customerWriteSchema.shape.email)?.updateToggle).toBe('customers.update.email');
  });

  it('variants nested in a product write are variant write inputs', () => {
    const meta = readFieldMeta(productWriteSchema.shape.variants);
    expect(meta?.updateToggle).toBe('products.update.attributes');
    const result = productWriteSchema.safeParse({
      reference: 'P1',
      name: { en: 'Shirt' },
      variants: [{ options: [{ name: 'Size', value: 'M' }] }],
    });
    expect(result.error?.issues[0]?.path).toEqual(['variants', 0, 'reference']);
  });
});
