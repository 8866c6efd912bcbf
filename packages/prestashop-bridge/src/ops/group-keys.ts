import type { Bridge } from '../bridge-context.js';
import { namedAs } from '../lookups.js';

/** The customer group a reference names: its binding, else its id, else its exact name (any language). */
export async function resolveGroup(bridge: Bridge, key: string): Promise<string | null> {
  const bound = (await bridge.references.platformIds('customer-group', [key])).get(key);
  for (const reload of [false, true]) {
    const groups = await bridge.lookups.groups(reload);
    if (bound && groups.has(bound)) return bound;
    if (/^\d+$/.test(key) && groups.has(key)) return key;
    const byName = [...groups.values()].find((group) => namedAs(group.names, key));
    if (byName) return byName.id;
  }
  return null;
}
