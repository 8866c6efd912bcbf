import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareDecimals } from '@passerelle/core';
import type { ConformanceFixtures, ConformanceSubject } from '@passerelle/core/testing';
import { openDemoDatabase } from '../src/database.js';
import { createDemoAdapter, type DemoAdapter } from '../src/demo-adapter.js';
import { buildSeed, type SeedData, seedDemoShop } from '../src/seed.js';

let template: { dir: string; path: string; seed: SeedData } | null = null;

/** One seeded database file per test run; every shop a test opens is a fresh copy of it. */
function seededTemplate(): { dir: string; path: string; seed: SeedData } {
  if (template) return template;
  const dir = mkdtempSync(join(tmpdir(), 'demo-shop-template-'));
  const path = join(dir, 'template.db');
  const db = openDemoDatabase(path);
  const seed = buildSeed();
  seedDemoShop(db, seed);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  template = { dir, path, seed };
  return template;
}

export interface DemoShop {
  adapter: DemoAdapter;
  seed: SeedData;
  path: string;
  dispose(): Promise<void>;
}

/** A seeded demo shop in its own temporary file, with an optional clock. */
export function openSeededShop(options: { now?: () => Date } = {}): DemoShop {
  const { path: source, seed } = seededTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'demo-shop-'));
  const path = join(dir, 'shop.db');
  copyFileSync(source, path);
  const adapter = createDemoAdapter({ path, ...(options.now ? { now: options.now } : {}) });
  return {
    adapter,
    seed,
    path,
    async dispose() {
      await adapter.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where the conformance suite finds what it needs in the seeded shop. */
export function conformanceFixtures(seed: SeedData): ConformanceFixtures {
  const guest = seed.orders.find((order) => order.guest);
  const multiTax = seed.orders.find(
    (order) => order.lines.some((line) => line.taxLines.length >= 2) && compareDecimals(order.roundingDelta, '0') !== 0,
  );
  const paid = seed.orders.find((order) => order.status.status === 'paid');
  if (!guest || !multiTax || !paid) throw new Error('the seed lacks a guest, a multi-tax or a paid order');
  return {
    simpleProduct: 'MUG-STONE-350',
    productWithVariants: 'TSH-ORGANIC',
    guestOrderId: guest.id,
    multiTaxOrderId: multiTax.id,
    statusOrderId: paid.id,
  };
}

/** A conformance subject: a fresh seeded shop, its fixtures and its back office. */
export function demoSubject(): ConformanceSubject {
  const shop = openSeededShop();
  const { adapter } = shop;
  return {
    adapter,
    fixtures: conformanceFixtures(shop.seed),
    mutate: {
      async touchProduct(reference) {
        if (!adapter.demo.touchProduct(reference)) throw new Error(`no product "${reference}" to touch`);
      },
      async createProduct(reference) {
        const data = { reference, name: { en: `Added ${reference}` }, price: '5.00' };
        const [outcome] = await adapter.products.write(
          [{ key: reference, action: 'create', platformId: null, data, incoming: data, directives: {} }],
          { shopId: 'default', settings: {} },
        );
        if (outcome?.ok !== true) throw new Error(`could not create "${reference}"`);
        return outcome.id;
      },
      async placeOrder() {
        return adapter.demo.simulateOrder().id;
      },
    },
    cleanup: () => shop.dispose(),
  };
}
