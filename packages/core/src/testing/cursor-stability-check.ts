import { expect } from 'vitest';
import { capabilitiesOf } from '../adapter.js';
import type { AdapterCheck } from './adapter-check-context.js';
import { requireMutations } from './adapter-check-context.js';
import { walkPages } from './read-entities.js';

/**
 * The cloud reads a catalogue over minutes while merchants edit it. An offset cursor, or one sorted by update
 * date, then skips an item or reads one twice: this check edits an item already read (and adds one, when the fake
 * can) between two pages, and requires every original item exactly once.
 */
export const cursorStabilityCheck: AdapterCheck = {
  title: 'products: a cursor stays stable while products change between pages',
  keys: ['products', 'cursorStability', 'products.cursorStability'],
  async run(context, hooks) {
    const reads = context.adapter.products;
    if (!reads) {
      expect(capabilitiesOf(context.adapter).read.products, 'capabilities.read.products').toBe(false);
      await hooks.note('the adapter does not read products; capabilities agree');
      return;
    }
    const mutate = requireMutations(context, 'products.cursorStability');
    const limit = context.pageSize;
    const original = (await walkPages((options) => reads.list(options), { limit })).items.map((item) => item.id);
    expect(
      original.length,
      `cursor stability needs more than one page: the fake holds ${original.length} products for limit=${limit}`,
    ).toBeGreaterThan(limit);

    const first = await reads.list({ cursor: null, limit });
    expect(first.nextCursor, 'the first page of several must hand a cursor').not.toBeNull();
    const touched = first.items.find((item) => item.reference);
    expect(touched, 'no product of the first page has a reference to touch').toBeDefined();
    await mutate.touchProduct(touched?.reference as string);
    if (mutate.createProduct) await mutate.createProduct(`conformance-added-${Date.now().toString(36)}`);

    const rest = (await walkPages((options) => reads.list(options), { limit, cursor: first.nextCursor })).items;
    const firstIds = first.items.map((item) => item.id);
    const restIds = rest.map((item) => item.id);
    const readTwice = restIds.filter((id, index) => firstIds.includes(id) || restIds.indexOf(id) !== index);
    expect(readTwice, 'products read twice after a change between pages').toEqual([]);
    const seen = new Set([...firstIds, ...restIds]);
    const skipped = original.filter((id) => !seen.has(id));
    expect(skipped, 'products skipped after a change between pages').toEqual([]);
  },
};
