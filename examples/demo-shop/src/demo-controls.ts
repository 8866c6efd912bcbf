import type { Order, Product } from '@passerelle/core';
import type { ProductRepository } from './catalog/products.js';
import type { StockRepository } from './catalog/stock.js';
import type { CustomerGroupRepository } from './customers/customer-groups.js';
import type { CustomerRepository } from './customers/customers.js';
import type { DemoDatabase } from './database.js';
import { buildOrder, type Sellable, sellablesOf } from './sales/order-builder.js';
import { taxationFor } from './sales/order-pricing.js';
import type { OrderRepository } from './sales/orders.js';
import { ecoTaxOf } from './seed/catalog-data.js';
import { createPrng } from './seed/prng.js';
import type { ShopClock } from './shop-clock.js';
import { findState, PAYMENT_MODULES } from './shop-configuration.js';

export interface SimulateOrderOptions {
  /** The buyer's customer id; a random customer otherwise. */
  customerId?: string;
  /** SKUs and quantities; one to three random items in stock otherwise. */
  lines?: { reference: string; quantity: number }[];
  /** The shop state the order lands in. @default 'payment_accepted' */
  state?: string;
}

/** What tests and demos use to make the shop live: customers ordering, merchants saving products. */
export interface DemoControls {
  /** Places a new order as a customer would (stock goes down); returns it as the adapter reads it. */
  simulateOrder(options?: SimulateOrderOptions): Order;
  /** Saves a product unchanged: only its update date moves. Null when no product has that SKU. */
  touchProduct(reference: string): Product | null;
  /** The shop's own database, for tests that need to look underneath. */
  database: DemoDatabase;
}

interface Dependencies {
  db: DemoDatabase;
  clock: ShopClock;
  products: ProductRepository;
  stock: StockRepository;
  customers: CustomerRepository;
  groups: CustomerGroupRepository;
  orders: OrderRepository;
}

export function createDemoControls(deps: Dependencies): DemoControls {
  const { db, clock, products, stock, customers, groups, orders } = deps;

  const catalog = (): Map<string, { item: Sellable; active: boolean; quantity: number }> => {
    const out = new Map<string, { item: Sellable; active: boolean; quantity: number }>();
    let cursor: string | null = null;
    do {
      const page = products.list({ cursor, limit: 200 });
      for (const product of page.items) {
        for (const item of sellablesOf(product)) {
          if (!item.reference) continue;
          const variant = product.variants?.find((candidate) => candidate.id === item.variantId);
          out.set(item.reference, {
            item: { ...item, ecoTax: ecoTaxOf(product.reference ?? null) },
            active: product.active !== false && variant?.active !== false,
            quantity: variant?.quantity ?? product.quantity ?? 0,
          });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  return {
    database: db,
    simulateOrder(options = {}) {
      return db.transaction(() => {
        const ids = orders.nextIds();
        const prng = createPrng(ids.order * 7919);
        const accounts = customers
          .list({ cursor: null, limit: 500 })
          .items.filter((customer) => customer.active && customer.addresses?.length);
        const buyer = options.customerId ? customers.get(options.customerId) : prng.pick(accounts);
        if (!buyer?.email || !buyer.addresses?.length)
          throw new Error(`no customer with id "${options.customerId}" and an address`);
        const items = catalog();
        const chosen =
          options.lines?.map((line) => {
            const entry = items.get(line.reference);
            if (!entry) throw new Error(`no product or variant with reference "${line.reference}"`);
            return { item: entry.item, quantity: line.quantity };
          }) ??
          (() => {
            const inStock = [...items.values()].filter((entry) => entry.active && entry.quantity > 0);
            const count = prng.int(1, 3);
            const picked = new Map<string, { item: Sellable; quantity: number }>();
            while (picked.size < Math.min(count, inStock.length)) {
              const entry = prng.pick(inStock);
              picked.set(entry.item.reference ?? '', { item: entry.item, quantity: prng.int(1, 2) });
            }
            return [...picked.values()];
          })();
        if (chosen.length === 0) throw new Error('nothing in stock to order');

        const shipTo = buyer.addresses.find((address) => address.type !== 'billing') ?? buyer.addresses[0];
        const billing = buyer.addresses.find((address) => address.type !== 'shipping') ?? buyer.addresses[0];
        if (!shipTo || !billing) throw new Error('the customer has no address');
        const taxation = taxationFor(shipTo, { vatNumber: buyer.vatNumber });
        const carrierId =
          shipTo.country === 'CH' ? '4' : shipTo.country === 'FR' || shipTo.country === 'BE' ? '2' : '5';
        const module =
          taxation.currency === 'CHF'
            ? (PAYMENT_MODULES.find((candidate) => candidate.module === 'twint') ?? PAYMENT_MODULES[0])
            : PAYMENT_MODULES[2];
        const state = findState(options.state ?? 'payment_accepted');
        if (!state) throw new Error(`no order state "${options.state}"`);
        const now = clock.now().toISOString();
        const memberGroups = (buyer.groups ?? []).flatMap((reference) => {
          const group = groups.getByReferences([reference]).get(reference);
          if (!group || reference === 'VIP') return [];
          return [{ reference, name: group.name.en ?? reference, reduction: group.reduction }];
        });

        const order = buildOrder({
          id: ids.order,
          reference: prng.chars(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
          firstLineId: ids.line,
          firstPaymentId: ids.payment,
          customer: {
            id: buyer.id,
            ...(buyer.reference ? { reference: buyer.reference } : {}),
            email: buyer.email,
            firstName: buyer.firstName ?? '',
            lastName: buyer.lastName ?? '',
            ...(buyer.company ? { company: buyer.company } : {}),
            isGuest: false,
          },
          groups: memberGroups,
          language: buyer.language === 'en' ? 'en' : 'fr',
          billingAddress: billing,
          destinations: [
            {
              address: shipTo,
              carrierId,
              shippingIncl: carrierId === '4' ? '9.00' : carrierId === '5' ? '29.00' : '6.90',
            },
          ],
          lines: chosen,
          taxation,
          rounding: 'line',
          payment: { module: module.module, name: module.name },
          history: [{ state, at: now }],
          createdAt: now,
        });
        orders.insert({ ...order, updatedAt: clock.stamp(null), sourceUpdatedAt: undefined });
        for (const line of chosen) {
          stock.decrement(
            Number(line.item.productId),
            line.item.variantId ? Number(line.item.variantId) : 0,
            line.quantity,
          );
        }
        if (buyer.id) customers.touch(Number(buyer.id));
        const stored = orders.get(order.id);
        if (!stored) throw new Error('the simulated order was not stored');
        return stored;
      })();
    },
    touchProduct(reference) {
      return products.touch(reference);
    },
  };
}
