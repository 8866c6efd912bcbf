import type { Category, Customer, CustomerGroup, Order, Product } from '@passerelle/core';
import { createCategoryRepository } from './catalog/categories.js';
import { createProductRepository, type VariantPlan } from './catalog/products.js';
import { createStockRepository } from './catalog/stock.js';
import { createCustomerGroupRepository } from './customers/customer-groups.js';
import { createCustomerRepository } from './customers/customers.js';
import type { DemoDatabase } from './database.js';
import { createOrderRepository } from './sales/orders.js';
import { buildCatalog, type StockSeed } from './seed/catalog.js';
import { buildOrders, numberInvoices } from './seed/orders.js';
import { buildPeople } from './seed/people.js';
import { createPrng } from './seed/prng.js';
import { createShopClock } from './shop-clock.js';

/** The instant the seeded shop's history ends: fixed, so every seeded shop is the same shop. */
export const SEED_ANCHOR = '2025-06-02T09:00:00.000Z';
export const SEED_NUMBER = 20_250_602;

export interface SeedData {
  categories: Category[];
  products: Product[];
  stock: StockSeed[];
  customerGroups: CustomerGroup[];
  customers: Customer[];
  orders: Order[];
}

/** The whole seeded shop as contract entities, computed without touching a database. */
export function buildSeed(options: { seed?: number; anchor?: string } = {}): SeedData {
  const prng = createPrng(options.seed ?? SEED_NUMBER);
  const anchor = options.anchor ?? SEED_ANCHOR;
  const catalog = buildCatalog(prng, anchor);
  const people = buildPeople(prng, anchor);
  const orders = buildOrders(prng, { products: catalog.products, customers: people.customers, anchorIso: anchor });
  numberInvoices(orders);
  const ordering = new Set(orders.filter((order) => !order.guest).map((order) => order.customer.id));
  const customers = people.customers.map((customer) => ({ ...customer, hasOrders: ordering.has(customer.id) }));
  return {
    categories: catalog.categories,
    products: catalog.products,
    stock: catalog.stock,
    customerGroups: people.groups,
    customers,
    orders,
  };
}

export interface SeedSummary {
  categories: number;
  products: number;
  variants: number;
  customers: number;
  orders: number;
}

function expectId(kind: string, expected: string | undefined, actual: number): void {
  if (expected !== String(actual)) {
    throw new Error(`seeding needs an empty shop: ${kind} ${expected} was stored as ${actual}`);
  }
}

/**
 * Fills an empty demo database with the seeded shop, through the shop's own repositories (so a
 * seeded row is exactly what a write would have made), then dates every row as the seed says.
 */
export function seedDemoShop(db: DemoDatabase, data: SeedData = buildSeed()): SeedSummary {
  const context = { db, clock: createShopClock(() => new Date(SEED_ANCHOR)) };
  const categories = createCategoryRepository(context);
  const stock = createStockRepository(context);
  const products = createProductRepository(context, categories, stock);
  const groups = createCustomerGroupRepository(context);
  const customers = createCustomerRepository(context, groups);
  const orders = createOrderRepository(context);
  let variants = 0;

  db.transaction(() => {
    for (const category of data.categories) {
      const id = categories.create(
        {
          name: category.name,
          slug: category.slug,
          description: category.description,
          parent: category.parent,
          position: category.position,
          active: category.active,
        },
        category.reference ?? null,
      );
      expectId('category', category.id, id);
      db.prepare('UPDATE categories SET created_at = ?, updated_at = ? WHERE id = ?').run(
        category.sourceUpdatedAt,
        category.sourceUpdatedAt,
        id,
      );
    }

    for (const product of data.products) {
      const {
        id: _id,
        shopId: _shop,
        sourceUpdatedAt: _updated,
        variants: productVariants,
        quantity: _quantity,
        ...fields
      } = product;
      const plans: VariantPlan[] = (productVariants ?? []).map((variant) => {
        const {
          id: _vid,
          productId: _pid,
          shopId: _vshop,
          sourceUpdatedAt: _vupdated,
          quantity: _vquantity,
          ...variantFields
        } = variant;
        return { key: variant.reference ?? '', action: 'create', platformId: null, data: variantFields };
      });
      const id = products.create(product.reference ?? null, fields, {
        categoriesFindBy: 'name',
        parentCategories: false,
        deleteImagesFirst: true,
        variants: plans,
      });
      expectId('product', product.id, id);
      variants += plans.length;
      const ids = db
        .prepare<[number], { id: number }>('SELECT id FROM variants WHERE product_id = ? ORDER BY id')
        .all(id);
      for (const [index, variant] of (productVariants ?? []).entries())
        expectId('variant', variant.id, ids[index]?.id ?? -1);
      db.prepare('UPDATE products SET created_at = ?, updated_at = ? WHERE id = ?').run(
        product.sourceUpdatedAt,
        product.sourceUpdatedAt,
        id,
      );
      db.prepare('UPDATE variants SET created_at = ?, updated_at = ? WHERE product_id = ?').run(
        product.sourceUpdatedAt,
        product.sourceUpdatedAt,
        id,
      );
    }
    for (const level of data.stock) {
      stock.setQuantity(level.productId, level.variantId, level.warehouse, level.quantity, level.quantity <= 0);
      db.prepare('UPDATE stock SET updated_at = ? WHERE product_id = ? AND variant_id = ? AND warehouse_id = ?').run(
        level.updatedAt,
        level.productId,
        level.variantId,
        level.warehouse,
      );
    }

    for (const group of data.customerGroups) {
      const id = groups.create(group.reference ?? '', {
        name: group.name,
        reduction: group.reduction,
        priceDisplay: group.priceDisplay,
      });
      expectId('customer group', group.id, id);
      db.prepare('UPDATE customer_groups SET created_at = ?, updated_at = ? WHERE id = ?').run(
        group.sourceUpdatedAt,
        group.sourceUpdatedAt,
        id,
      );
    }
    for (const customer of data.customers) {
      const { id: _id, shopId: _shop, hasOrders: _orders, createdAt, sourceUpdatedAt, reference, ...fields } = customer;
      const id = customers.create(reference ?? null, fields);
      expectId('customer', customer.id, id);
      db.prepare('UPDATE customers SET created_at = ?, updated_at = ? WHERE id = ?').run(
        createdAt,
        sourceUpdatedAt,
        id,
      );
    }

    for (const order of data.orders) orders.insert(order);
  })();

  return {
    categories: data.categories.length,
    products: data.products.length,
    variants,
    customers: data.customers.length,
    orders: data.orders.length,
  };
}

/** Whether the demo database holds a shop already (seeding only ever fills an empty one). */
export function isSeeded(db: DemoDatabase): boolean {
  return (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM products').get()?.n ?? 0) > 0;
}
