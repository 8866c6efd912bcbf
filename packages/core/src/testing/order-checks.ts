import { expect } from 'vitest';
import { capabilitiesOf, type OrderOperations, type StatusWritePlan } from '../adapter.js';
import { compareDecimals, computeRoundingDelta, type Order, orderSchema, type Product } from '../contracts/index.js';
import type { AdapterCheck, AdapterCheckContext } from './adapter-check-context.js';
import { requireFixture } from './adapter-check-context.js';
import { describeIssues, findByReference, walkPages } from './read-entities.js';
import type { CheckHooks } from './register-checks.js';

const TRACKING_NUMBER = 'CONF-TRACK-0001';

async function ordersOrAbsent(context: AdapterCheckContext, hooks: CheckHooks): Promise<OrderOperations | null> {
  if (context.adapter.orders) return context.adapter.orders;
  expect(capabilitiesOf(context.adapter).read.orders, 'capabilities.read.orders').toBe(false);
  await hooks.note('the adapter does not read orders; capabilities agree');
  return null;
}

async function orderById(orders: OrderOperations, id: string): Promise<Order> {
  const order = await orders.get(id);
  expect(order, `orders.get(${id}) found nothing`).not.toBeNull();
  const parsed = orderSchema.safeParse(order);
  const issues = parsed.success ? [] : describeIssues(parsed.error);
  expect(issues.length, `order ${id} breaks the order contract: ${issues.join('; ')}`).toBe(0);
  return order as Order;
}

export const variantsCheck: AdapterCheck = {
  title: 'variants: each has its own id, reference and options; order lines name productId and variantId',
  keys: ['products', 'variants', 'products.variants'],
  async run(context, hooks) {
    const products = context.adapter.products;
    if (!products) {
      expect(capabilitiesOf(context.adapter).read.products, 'capabilities.read.products').toBe(false);
      return hooks.note('the adapter does not read products; capabilities agree');
    }
    const reference = requireFixture(context, 'productWithVariants', 'variants');
    const product = (await findByReference(products, reference)) as Product | undefined;
    expect(product, `no product with reference "${reference}"`).toBeDefined();
    const variants = product?.variants ?? [];
    expect(variants.length, `product "${reference}" must list its variants`).toBeGreaterThanOrEqual(2);
    variants.forEach((variant, index) => {
      const where = `${reference}.variants[${index}]`;
      expect(variant.id, `${where}.id`).toBeTruthy();
      expect(variant.reference, `${where}.reference`).toBeTruthy();
      expect(variant.options.length, `${where}.options`).toBeGreaterThan(0);
      for (const option of variant.options) {
        expect(option.name, `${where}.options[].name`).toMatch(/\S/);
        expect(option.value, `${where}.options[].value`).toMatch(/\S/);
      }
      if (variant.productId !== undefined) expect(variant.productId, `${where}.productId`).toBe(product?.id);
    });
    const variantIds = new Set(variants.map((variant) => variant.id));
    expect(variantIds.size, `variants of "${reference}" share an id`).toBe(variants.length);

    const orders = context.adapter.orders;
    if (!orders) return hooks.note('the adapter does not read orders: order lines not checked');
    const { items } = await walkPages((options) => orders.list(options), { limit: 100 });
    const lines = items.flatMap((order) => order.lines);
    const line = lines.find((entry) => entry.productId === product?.id && entry.variantId !== null);
    expect(line, `no order line names a variant of "${reference}": the fake needs an order of one`).toBeDefined();
    expect(variantIds.has(line?.variantId as string), `order line variantId ${String(line?.variantId)}`).toBe(true);
  },
};

export const guestOrderCheck: AdapterCheck = {
  title: 'orders: a guest order says guest, and its customer isGuest',
  keys: ['orders', 'guestOrder', 'orders.guestOrder'],
  async run(context, hooks) {
    const orders = await ordersOrAbsent(context, hooks);
    if (!orders) return;
    const order = await orderById(orders, requireFixture(context, 'guestOrderId', 'guestOrder'));
    expect(order.guest, 'order.guest').toBe(true);
    expect(order.customer.isGuest, 'order.customer.isGuest').toBe(true);
  },
};

export const multiTaxCheck: AdapterCheck = {
  title: 'orders: a line carries several taxes and roundingDelta is what the parts do not add up to',
  keys: ['orders', 'multiTax', 'orders.multiTax'],
  async run(context, hooks) {
    const orders = await ordersOrAbsent(context, hooks);
    if (!orders) return;
    const order = await orderById(orders, requireFixture(context, 'multiTaxOrderId', 'multiTax'));
    const line = order.lines.find((entry) => entry.taxLines.length >= 2);
    expect(line, `order ${order.id} has no line with two or more tax lines`).toBeDefined();
    const expected = computeRoundingDelta(order);
    expect(compareDecimals(expected, '0'), `order ${order.id} must have a non-zero rounding delta`).not.toBe(0);
    expect(
      compareDecimals(order.roundingDelta, expected),
      `order ${order.id} roundingDelta ${order.roundingDelta}, parts say ${expected}`,
    ).toBe(0);
  },
};

export const orderStatusCheck: AdapterCheck = {
  title: 'orders.setStatus: the status and the tracking number are written and read back',
  keys: ['orders', 'orderStatus', 'orders.orderStatus'],
  async run(context, hooks) {
    const orders = await ordersOrAbsent(context, hooks);
    if (!orders) return;
    const setStatus = orders.setStatus?.bind(orders);
    if (!setStatus) {
      expect(capabilitiesOf(context.adapter).write.orderStatus, 'capabilities.write.orderStatus').toBe(false);
      return hooks.note('the adapter does not write order statuses; capabilities agree');
    }
    const id = requireFixture(context, 'statusOrderId', 'orderStatus');
    const before = await orderById(orders, id);
    const status = before.status.status === 'shipped' ? 'delivered' : 'shipped';
    const plan: StatusWritePlan = {
      key: id,
      orderId: id,
      status,
      rawStatus: null,
      trackingNumber: TRACKING_NUMBER,
      carrier: null,
      replaceReferenceWith: null,
      documentNumber: null,
      notifyCustomer: false,
      at: null,
    };
    const outcomes = await setStatus([plan], context.write);
    expect(outcomes, 'one outcome for one status write').toHaveLength(1);
    expect(outcomes[0], 'the status write').toMatchObject({ key: id, ok: true });

    const after = await orderById(orders, id);
    expect(after.status.status, `order ${id} status read back`).toBe(status);
    const shipments = context.adapter.shipments;
    const shipped = shipments
      ? (await walkPages((options) => shipments.list(options), { limit: 100 })).items
          .filter((shipment) => shipment.orderId === id)
          .map((shipment) => shipment.trackingNumber)
      : [];
    expect([...(after.trackingNumbers ?? []), ...shipped], `order ${id} tracking numbers read back`).toContain(
      TRACKING_NUMBER,
    );
  },
};
