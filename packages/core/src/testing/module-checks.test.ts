import { describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '../adapter.js';
import type { ModuleCheckKey } from './conformance.types.js';
import { createMemoryAdapter, type MemoryAdapter } from './memory-adapter.js';
import { demoFixtures } from './memory-seed.js';
import { moduleChecks } from './module-checks.js';
import { mergeSettings, openModuleContext } from './module-conformance.js';
import { runCheck } from './register-checks.js';

async function runAgainst(key: ModuleCheckKey, breakIt: (adapter: MemoryAdapter) => PlatformAdapter): Promise<void> {
  const check = moduleChecks.find((candidate) => candidate.keys.includes(key));
  if (!check) throw new Error(`no module check ${key}`);
  const adapter = breakIt(createMemoryAdapter());
  await runCheck(check, await openModuleContext(() => ({ adapter, fixtures: demoFixtures })));
}

describe('module checks catch broken adapters', () => {
  it('a writable adapter without products.getByReferences fails the withheld check', async () => {
    const failure = runAgainst('withheld', (memory) => ({
      ...memory,
      products: { ...memory.products, getByReferences: undefined },
    }));
    await expect(failure).rejects.toThrow(/products.getByReferences is missing/);
  });

  it('an adapter whose get finds no order fails the acknowledge check', async () => {
    const failure = runAgainst('acknowledge', (memory) => ({
      ...memory,
      orders: { ...memory.orders, get: async () => null },
    }));
    await expect(failure).rejects.toThrow(/a first acknowledgement/);
  });

  it('an adapter whose stock write throws fails the batch check', async () => {
    const failure = runAgainst('batch', (memory) => ({
      ...memory,
      stock: {
        ...memory.stock,
        write: async () => {
          throw new Error('platform down');
        },
      },
    }));
    await expect(failure).rejects.toThrow(/the known SKU next to it/);
  });

  it('an adapter without orders gets 501 from the queue and passes', async () => {
    await expect(runAgainst('queue', (memory) => ({ ...memory, orders: undefined }))).resolves.toBeUndefined();
  });
});

describe('mergeSettings', () => {
  it('layers a check change over the bridge settings section by section', () => {
    const merged = mergeSettings(
      { products: { update: { name: false, price: true } }, woocommerce: { batchSize: 50 } },
      { products: { update: { price: false } } },
    );
    expect(merged).toEqual({ products: { update: { name: false, price: false } }, woocommerce: { batchSize: 50 } });
  });
});
