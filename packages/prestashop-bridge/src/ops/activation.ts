import type { ActivationWrite, WriteContext, WriteOutcome } from '@passerelle/core';
import { type Bridge, failure, forEachWrite } from '../bridge-context.js';

/** Turns products or customers on and off: one partial update of `active` each, bounded like every write. */
export async function setActive(
  bridge: Bridge,
  resource: 'products' | 'customers',
  items: ActivationWrite[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  return forEachWrite(bridge, context, items, async (item) => {
    try {
      await bridge.client.update(resource, item.platformId, { fields: { active: item.active ? '1' : '0' } });
      return { key: item.key, ok: true, id: item.platformId } as WriteOutcome;
    } catch (error) {
      return failure(item.key, error);
    }
  });
}
