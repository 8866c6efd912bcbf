import {
  categorySchema,
  compareDecimals,
  computeRoundingDelta,
  customerGroupSchema,
  customerSchema,
  invoiceSchema,
  orderSchema,
  orderStatuses,
  paymentSchema,
  productSchema,
  shipmentSchema,
  stockLevelSchema,
  subtractDecimals,
  sumDecimals,
} from '@passerelle/core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../src/seed.js';
import { openSeededShop } from './demo-shop-fixture.js';

const seed = buildSeed();
const shop = openSeededShop();
afterAll(() => shop.dispose());

async function readAll<T>(
  list: (options: { cursor: string | null; limit: number }) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await list({ cursor, limit: 7 });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

function issuesOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('seed: what it holds', () => {
  it('is deterministic: two builds are the same shop', () => {
    expect(JSON.stringify(buildSeed())).toBe(JSON.stringify(seed));
  });

  it('has at least 50 products, 10 of them with Size/Colour variants that have their own SKU and EAN-13', () => {
    expect(seed.products.length).toBeGreaterThanOrEqual(50);
    const withVariants = seed.products.filter((product) => product.variants?.length);
    expect(withVariants.length).toBeGreaterThanOrEqual(10);
    const variants = withVariants.flatMap((product) => product.variants ?? []);
    expect(new Set(variants.map((variant) => variant.reference)).size).toBe(variants.length);
    for (const variant of variants) {
      expect(variant.ean13).toMatch(/^\d{13}$/);
      expect(variant.options.every((option) => option.name === 'Size' || option.name === 'Colour')).toBe(true);
    }
    expect(variants.some((variant) => variant.options.length === 2)).toBe(true);
  });

  it('has a three-level category tree', () => {
    const byReference = new Map(seed.categories.map((category) => [category.reference, category]));
    const depth = (reference: string | undefined): number => {
      const parent = byReference.get(reference)?.parent?.reference;
      return parent ? 1 + depth(parent) : 1;
    };
    expect(Math.max(...seed.categories.map((category) => depth(category.reference)))).toBe(3);
  });

  it('stocks every sellable item in the two warehouses', () => {
    const locations = new Set(seed.stock.map((level) => level.warehouse));
    expect([...locations].sort()).toEqual(['geneva', 'paris']);
    const sellable = seed.products.reduce((count, product) => count + (product.variants?.length || 1), 0);
    expect(seed.stock).toHaveLength(sellable * 2);
  });

  it('has B2C and B2B customers, French and Swiss addresses, and groups', () => {
    expect(seed.customers.length).toBeGreaterThanOrEqual(20);
    const b2b = seed.customers.filter((customer) => customer.company && customer.vatNumber);
    expect(b2b.length).toBeGreaterThanOrEqual(3);
    const countries = new Set(
      seed.customers.flatMap((customer) => customer.addresses?.map((address) => address.country) ?? []),
    );
    expect(countries.has('FR') && countries.has('CH')).toBe(true);
    expect(new Set(seed.customers.flatMap((customer) => customer.groups ?? [])).size).toBeGreaterThanOrEqual(3);
    expect(seed.customers.some((customer) => customer.hasOrders === false)).toBe(true);
  });

  it('has at least 30 orders across every status, in EUR and CHF', () => {
    expect(seed.orders.length).toBeGreaterThanOrEqual(30);
    const statuses = new Set(seed.orders.map((order) => order.status.status));
    expect([...statuses].sort()).toEqual(orderStatuses.filter((status) => status !== 'unknown').sort());
    const chf = seed.orders.filter((order) => order.currency === 'CHF');
    expect(chf.length).toBeGreaterThan(0);
    expect(chf.every((order) => order.conversionRate === '0.941200')).toBe(true);
    expect(seed.orders.some((order) => order.currency === 'EUR')).toBe(true);
  });

  it('covers the cases an ERP import must handle', () => {
    const lines = seed.orders.flatMap((order) => order.lines);
    expect(lines.some((line) => line.taxLines.some((tax) => tax.name === 'Éco-participation'))).toBe(true);
    expect(lines.some((line) => line.taxLines.map((tax) => tax.rate).join('+') === '5+9.975')).toBe(true);
    expect(lines.some((line) => line.discounts.length > 0)).toBe(true);
    expect(seed.orders.every((order) => order.shipping.length >= 1)).toBe(true);
    expect(seed.orders.some((order) => order.discounts.length > 0)).toBe(true);
    expect(seed.orders.some((order) => order.wrapping !== null)).toBe(true);
    expect(seed.orders.some((order) => order.guest && order.customer.isGuest)).toBe(true);
    const split = seed.orders.find((order) => order.shippingDestinations.length === 2);
    expect(split?.shippingDestinations.flatMap((destination) => destination.lineIds ?? []).sort()).toEqual(
      split?.lines.map((line) => line.id).sort(),
    );
    expect(seed.orders.some((order) => compareDecimals(order.roundingDelta, '0') !== 0)).toBe(true);
  });

  it('keeps every amount exact: totals are the sums of their parts, the delta is what the lines miss', () => {
    for (const order of seed.orders) {
      const { totals } = order;
      for (const line of order.lines) {
        const gross = subtractDecimals(
          line.totalExcl,
          sumDecimals(line.discounts.map((discount) => `-${discount.amount}`)),
        );
        expect(
          compareDecimals(gross, sumDecimals(Array.from({ length: line.quantity }, () => line.unitPriceExcl))),
        ).toBe(0);
        const incl = sumDecimals([line.totalExcl, ...line.taxLines.map((tax) => tax.amount)]);
        expect(compareDecimals(incl, line.totalIncl), `order ${order.id} line ${line.id}`).toBe(0);
      }
      const excl = subtractDecimals(
        sumDecimals([totals.productsExcl, totals.shippingExcl, totals.wrappingExcl]),
        totals.discountsExcl,
      );
      expect(compareDecimals(excl, totals.totalExcl), `order ${order.id} totalExcl`).toBe(0);
      expect(compareDecimals(subtractDecimals(totals.totalIncl, totals.totalExcl), totals.taxTotal)).toBe(0);
      expect(compareDecimals(order.roundingDelta, computeRoundingDelta(order)), `order ${order.id} delta`).toBe(0);
      for (const value of Object.values(totals)) expect(value).toMatch(/^-?\d+\.\d{2}$/);
    }
  });
});

describe('seed: every entity passes its contract', () => {
  it('as built', () => {
    const problems = [
      ...seed.categories.flatMap((item) => issuesOf(categorySchema.safeParse(item))),
      ...seed.products.flatMap((item) => issuesOf(productSchema.safeParse(item))),
      ...seed.customerGroups.flatMap((item) => issuesOf(customerGroupSchema.safeParse(item))),
      ...seed.customers.flatMap((item) => issuesOf(customerSchema.safeParse(item))),
      ...seed.orders.flatMap((item) => issuesOf(orderSchema.safeParse(item))),
    ];
    expect(problems).toEqual([]);
  });

  it('as the adapter reads it back, identical to what was seeded', async () => {
    const { adapter } = shop;
    const entities = {
      categories: await readAll((options) => adapter.categories.list(options)),
      products: await readAll((options) => adapter.products.list(options)),
      stock: await readAll((options) => adapter.stock.list(options)),
      customerGroups: await readAll((options) => adapter.customerGroups.list(options)),
      customers: await readAll((options) => adapter.customers.list(options)),
      orders: await readAll((options) => adapter.orders.list(options)),
      invoices: await readAll((options) => adapter.invoices.list(options)),
      payments: await readAll((options) => adapter.payments.list(options)),
      shipments: await readAll((options) => adapter.shipments.list(options)),
    };
    const problems = [
      ...entities.categories.flatMap((item) => issuesOf(categorySchema.safeParse(item))),
      ...entities.products.flatMap((item) => issuesOf(productSchema.safeParse(item))),
      ...entities.stock.flatMap((item) => issuesOf(stockLevelSchema.safeParse(item))),
      ...entities.customerGroups.flatMap((item) => issuesOf(customerGroupSchema.safeParse(item))),
      ...entities.customers.flatMap((item) => issuesOf(customerSchema.safeParse(item))),
      ...entities.orders.flatMap((item) => issuesOf(orderSchema.safeParse(item))),
      ...entities.invoices.flatMap((item) => issuesOf(invoiceSchema.safeParse(item))),
      ...entities.payments.flatMap((item) => issuesOf(paymentSchema.safeParse(item))),
      ...entities.shipments.flatMap((item) => issuesOf(shipmentSchema.safeParse(item))),
    ];
    expect(problems).toEqual([]);
    expect(entities.categories).toEqual(seed.categories);
    expect(entities.products).toEqual(seed.products);
    expect(entities.customerGroups).toEqual(seed.customerGroups);
    expect(entities.customers).toEqual(seed.customers);
    expect(entities.orders).toEqual(seed.orders);
    expect(entities.stock).toHaveLength(seed.stock.length);
    expect(entities.invoices.map((invoice) => invoice.number).sort()).toEqual(
      seed.orders.flatMap((order) => (order.invoiceNumber ? [order.invoiceNumber] : [])).sort(),
    );
    expect(entities.shipments.map((shipment) => shipment.trackingNumber).sort()).toEqual(
      seed.orders.flatMap((order) => order.trackingNumbers ?? []).sort(),
    );
  });
});
