/** What `inventorySetQuantities` needs about one variant at one location, as last read. */
export interface KnownLevel {
  variantId: string;
  productId: string;
  inventoryItemId: string;
  locationId: string;
  /** `available` at the location; null when the item is not stocked there. */
  quantity: number | null;
  tracked: boolean;
  readAt: number;
}

/**
 * Levels read moments ago (the endpoint reads stock by reference right before writing it): their
 * inventory item and quantity serve the write, so 250 updates cost one mutation and no extra read.
 * Entries expire after `ttlMs`; a stale one would only make the compare-and-swap fail, never overwrite.
 */
export interface LevelCache {
  get(variantId: string, locationId: string, now?: number): KnownLevel | null;
  set(level: KnownLevel): void;
  delete(variantId: string, locationId: string): void;
  clear(): void;
}

export function createLevelCache(ttlMs = 5 * 60_000, maxEntries = 100_000): LevelCache {
  const entries = new Map<string, KnownLevel>();
  const key = (variantId: string, locationId: string) => `${variantId}@${locationId}`;
  return {
    get(variantId, locationId, now = Date.now()) {
      const entry = entries.get(key(variantId, locationId));
      if (!entry) return null;
      if (now - entry.readAt > ttlMs) {
        entries.delete(key(variantId, locationId));
        return null;
      }
      return entry;
    },
    set(level) {
      const id = key(level.variantId, level.locationId);
      entries.delete(id);
      entries.set(id, level);
      // Oldest first out: a Map iterates in insertion order.
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    delete(variantId, locationId) {
      entries.delete(key(variantId, locationId));
    },
    clear() {
      entries.clear();
    },
  };
}
