import { expect } from 'vitest';
import { capabilitiesOf, type StockWritePlan } from '../adapter.js';
import type { StockLevel } from '../contracts/index.js';
import type { AdapterCheck } from './adapter-check-context.js';
import { walkPages } from './read-entities.js';

function planFor(level: StockLevel, quantity: number): StockWritePlan {
  const reference = level.reference as string;
  return {
    key: reference,
    reference,
    platformId: level.variantId ?? level.productId ?? null,
    location: level.location ?? null,
    quantity,
  };
}

/** Stock is absolute: writing 0 after +7 must read 0, which an adapter sending deltas would get wrong. */
export const stockWriteCheck: AdapterCheck = {
  title: 'stock.write: an absolute quantity is applied and read back',
  keys: ['stock', 'stockWrite', 'stock.stockWrite'],
  async run(context, hooks) {
    const stock = context.adapter.stock;
    const write = stock?.write?.bind(stock);
    if (!stock || !write) {
      expect(capabilitiesOf(context.adapter).write.stock, 'capabilities.write.stock').toBe(false);
      return hooks.note('the adapter does not write stock; capabilities agree');
    }
    const levels = async () => (await walkPages((options) => stock.list(options), { limit: 100 })).items;
    const wanted = context.fixtures.stockReference;
    const level = (await levels()).find((entry) => (wanted ? entry.reference === wanted : entry.reference));
    expect(level, `no stock level with reference ${wanted ?? '(any)'}: set fixtures.stockReference`).toBeDefined();
    const { reference, location } = level as StockLevel;

    for (const quantity of [(level as StockLevel).quantity + 7, 0]) {
      const outcomes = await write([planFor(level as StockLevel, quantity)], context.write);
      expect(outcomes, 'one outcome for one stock write').toHaveLength(1);
      expect(outcomes[0], `stock write of ${quantity}`).toMatchObject({ key: reference, ok: true });
      // Read back at the same location: a SKU may be stocked in several.
      const after = (await levels()).find((entry) => entry.reference === reference && entry.location === location);
      expect(after?.quantity, `stock of "${String(reference)}" read back after writing ${quantity}`).toBe(quantity);
    }
  },
};
