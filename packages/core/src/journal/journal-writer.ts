import { BindingConflictError } from '../errors/binding-conflict-error.js';
import type { ModuleEventEmitter } from '../events.js';
import type { Binding, ChangeRecord, Clock, Store } from '../state/index.js';
import type { ChangeSummary } from './change-counts.js';
import { countsOf } from './change-counts.js';
import type { DetectedEntity, ItemIdentity } from './entity-feeds.js';
import { idKey, referenceOfKey } from './entity-feeds.js';
import { createSerialQueue } from './serial-queue.js';

/** One item as read from the platform. */
export interface Observation {
  entity: DetectedEntity;
  identity: ItemIdentity;
  hash: string;
  /** When the read that returned it started (module clock, ms): an older read never overwrites a newer one. */
  observedAt: number;
}

/** An item the platform no longer has. */
export interface Removal {
  entity: DetectedEntity;
  platformId: string;
  /** Only remove when the binding was last synced before this instant (ms): it may have been re-read since. */
  syncedBefore?: number;
}

/** The variants a product carried when read, so the ones that vanished are journaled as deleted. */
export interface VariantSet {
  productId: string;
  variantIds: string[];
}

export interface JournalBatch {
  observations?: Observation[];
  removals?: Removal[];
  variantSets?: VariantSet[];
}

export interface JournalWriter {
  /**
   * Compares the batch with the bindings, appends one change per real change (atomically), then updates
   * the bindings. Batches are serialised, so a webhook refresh and a sweep page never both journal one change.
   */
  commit(batch: JournalBatch, summary: ChangeSummary): Promise<ChangeRecord[]>;
}

export interface JournalWriterOptions {
  store: Store;
  shopId: string;
  clock: Clock;
  events: ModuleEventEmitter;
  warn(message: string, context: Record<string, unknown>): void;
}

/** The cursor that remembers which variants a product had (there is no variant feed to list them from). */
export function variantSetCursor(productId: string): string {
  return `journal.variants.${productId}`;
}

type BindingWrite =
  | { kind: 'upsert'; binding: Binding; previousKey: string | null }
  | { kind: 'delete'; binding: Binding };

export function createJournalWriter(options: JournalWriterOptions): JournalWriter {
  const { store, shopId, clock, events, warn } = options;
  const queue = createSerialQueue();

  const commit = async (batch: JournalBatch, summary: ChangeSummary): Promise<ChangeRecord[]> => {
    const view = createBindingView(store, shopId);
    const at = clock.now().toISOString();
    const changes: Omit<ChangeRecord, 'seq'>[] = [];
    const writes: BindingWrite[] = [];
    const cursorWrites: [string, string][] = [];

    for (const observation of batch.observations ?? []) {
      const { entity, identity, hash } = observation;
      const counts = countsOf(summary, entity);
      const current = await view.byPlatformId(entity, identity.platformId);
      const holder = current?.reference === identity.key ? current : await view.byKey(entity, identity.key);
      let key = identity.key;
      if (holder && holder.platformId !== identity.platformId) {
        // Two platform records share a reference (duplicate SKUs happen): key this one by id so neither
        // overwrites the other's binding; it moves to its reference once the other one is gone.
        key = idKey(identity.platformId);
        warn('two items share one reference; the later one is bound by its id', {
          entity,
          reference: identity.key,
          platformId: identity.platformId,
          boundTo: holder.platformId,
        });
      }
      let op: 'created' | 'updated' | null = null;
      if (!current) op = 'created';
      else if (current.contentHash !== hash) {
        // A read that started before the binding was last synced is older than what the binding holds.
        if (Date.parse(current.syncedAt) > observation.observedAt) {
          counts.unchanged++;
          continue;
        }
        op = 'updated';
      }
      const moved = current !== null && current.reference !== key;
      const sourceUpdatedAt = identity.sourceUpdatedAt ?? current?.sourceUpdatedAt ?? null;
      if (op) {
        counts[op]++;
        changes.push({ shopId, entity, id: identity.platformId, reference: identity.reference, op, at });
      } else {
        counts.unchanged++;
      }
      if (op || moved || sourceUpdatedAt !== current?.sourceUpdatedAt) {
        const binding: Binding = {
          shopId,
          entity,
          reference: key,
          platformId: identity.platformId,
          contentHash: hash,
          sourceUpdatedAt,
          syncedAt: new Date(observation.observedAt).toISOString(),
        };
        writes.push({ kind: 'upsert', binding, previousKey: moved ? current.reference : null });
        view.put(binding, moved ? current.reference : null);
      }
    }

    const removals = [...(batch.removals ?? [])];
    for (const set of batch.variantSets ?? []) {
      const name = variantSetCursor(set.productId);
      const previous = parseIds(await store.getCursor(shopId, name));
      const now = [...new Set(set.variantIds)].sort();
      const kept = new Set(now);
      for (const id of previous) if (!kept.has(id)) removals.push({ entity: 'variant', platformId: id });
      if (previous.join('\n') !== now.join('\n')) cursorWrites.push([name, JSON.stringify(now)]);
    }
    for (let index = 0; index < removals.length; index++) {
      const removal = removals[index]!;
      const binding = await view.byPlatformId(removal.entity, removal.platformId);
      if (binding && removal.syncedBefore !== undefined && Date.parse(binding.syncedAt) >= removal.syncedBefore)
        continue;
      if (removal.entity === 'product') {
        // A deleted product takes its variants with it.
        const name = variantSetCursor(removal.platformId);
        const variants = parseIds(await store.getCursor(shopId, name));
        for (const id of variants) removals.push({ entity: 'variant', platformId: id });
        if (variants.length > 0) cursorWrites.push([name, '[]']);
      }
      if (!binding) continue;
      countsOf(summary, removal.entity).deleted++;
      changes.push({
        shopId,
        entity: removal.entity,
        id: binding.platformId,
        reference: referenceOfKey(binding.reference),
        op: 'deleted',
        at,
      });
      writes.push({ kind: 'delete', binding });
      view.remove(binding);
    }

    // Journal first: a crash before the bindings are written re-journals a change on the next read
    // (at least once); the other order could lose one.
    const records = changes.length > 0 ? await store.appendChanges(changes) : [];
    for (const write of writes) {
      const { binding } = write;
      if (write.kind === 'delete') {
        await store.deleteBinding(shopId, binding.entity, binding.reference);
        continue;
      }
      if (write.previousKey !== null) await store.deleteBinding(shopId, binding.entity, write.previousKey);
      try {
        await store.upsertBinding(binding);
      } catch (error) {
        // Someone else (a write through the endpoint) bound this id meanwhile; the next read settles it.
        if (!(error instanceof BindingConflictError)) throw error;
        warn('binding left as is: its platform id was bound elsewhere meanwhile', {
          entity: binding.entity,
          reference: binding.reference,
          platformId: binding.platformId,
        });
      }
    }
    for (const [name, value] of cursorWrites) await store.setCursor(shopId, name, value);
    for (const record of records) events.emit('change', record);
    return records;
  };

  return { commit: (batch, summary) => queue.run(() => commit(batch, summary)) };
}

/** Bindings as the batch being committed will leave them: later items of a page see the earlier ones. */
function createBindingView(store: Store, shopId: string) {
  const byKey = new Map<string, Binding | null>();
  const byId = new Map<string, Binding | null>();
  const slot = (entity: string, value: string) => `${entity}\u0000${value}`;
  const remember = (entity: string, binding: Binding | null) => {
    if (!binding) return;
    byKey.set(slot(entity, binding.reference), binding);
    byId.set(slot(entity, binding.platformId), binding);
  };
  return {
    async byPlatformId(entity: string, platformId: string): Promise<Binding | null> {
      const cached = byId.get(slot(entity, platformId));
      if (cached !== undefined) return cached;
      const binding = await store.getBindingByPlatformId(shopId, entity, platformId);
      byId.set(slot(entity, platformId), binding);
      remember(entity, binding);
      return binding;
    },
    async byKey(entity: string, key: string): Promise<Binding | null> {
      const cached = byKey.get(slot(entity, key));
      if (cached !== undefined) return cached;
      const binding = await store.getBinding(shopId, entity, key);
      byKey.set(slot(entity, key), binding);
      remember(entity, binding);
      return binding;
    },
    put(binding: Binding, previousKey: string | null) {
      if (previousKey !== null) byKey.set(slot(binding.entity, previousKey), null);
      remember(binding.entity, binding);
    },
    remove(binding: Binding) {
      byKey.set(slot(binding.entity, binding.reference), null);
      byId.set(slot(binding.entity, binding.platformId), null);
    },
  };
}

function parseIds(value: string | null): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
