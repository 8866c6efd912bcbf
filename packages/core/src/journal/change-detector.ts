import type { ListOptions, PlatformAdapter } from '../adapter.js';
import { capabilitiesOf } from '../adapter.js';
import { type FieldIssue, NotSupportedError, PasserelleError, ValidationError } from '../errors/index.js';
import type { ModuleEventEmitter } from '../events.js';
import type { Clock, Store } from '../state/index.js';
import { systemClock } from '../state/index.js';
import { createActivityLog } from './activity-log.js';
import type { ChangeSummary, EntityCounts } from './change-counts.js';
import { countsOf, describeCounts } from './change-counts.js';
import { contentHash } from './content-hash.js';
import type { DetectedEntity, EntityFeed } from './entity-feeds.js';
import { defaultIgnoredFields, feedsOf, identify } from './entity-feeds.js';
import type { JournalBatch, Observation, VariantSet } from './journal-writer.js';
import { createJournalWriter } from './journal-writer.js';
import { createSerialQueue } from './serial-queue.js';

/** Where the detector reports what it cannot put in the activity log (a console, pino, the module's logger). */
export interface DetectorLogger {
  warn(message: string, context?: Record<string, unknown>): void;
}

export interface ChangeDetectorOptions {
  adapter: PlatformAdapter;
  store: Store;
  events: ModuleEventEmitter;
  shopId: string;
  /** @default the system clock */
  clock?: Clock;
  /**
   * How far before the high-water mark each sweep starts reading again, for platform dates that are
   * written late or rounded (OCA PrestaShop uses 10 s, OCA Magento 30 s). Re-read items cost a hash.
   * @default 30
   */
  overlapSeconds?: number;
  /** Items per platform read. @default 100 */
  pageSize?: number;
  /** Ids per platform read during `reconcile()`. @default 500 */
  idPageSize?: number;
  /**
   * Fields left out of an entity's content hash, replacing the defaults for that entity
   * (`sourceUpdatedAt` and `raw` are always left out).
   * @example { order: ['updatedAt', 'lastViewedAt'] }
   */
  ignoreFields?: Partial<Record<DetectedEntity, readonly string[]>>;
  logger?: DetectorLogger;
}

export interface SweepOptions {
  /**
   * Read everything instead of what changed since the high-water mark: the periodic full diff by
   * `(id, hash)` that catches changes the platform did not date (WooCommerce meta changes).
   * @default false
   */
  full?: boolean;
  signal?: AbortSignal;
}

export interface ReconcileOptions {
  signal?: AbortSignal;
}

export interface ChangeDetector {
  /** The entities this adapter lets the detector watch. */
  entities(): DetectedEntity[];
  /**
   * Reads what changed since the last sweep (every entity, or one), journals each real change once and
   * checkpoints after every page. Never overlaps itself: a call while the same sweep runs joins it.
   * Rejects when an entity failed, after the other entities were swept.
   */
  sweep(entity?: DetectedEntity, options?: SweepOptions): Promise<ChangeSummary>;
  /**
   * Lists every platform id (entities with `listIds`; stock by reading it whole) and journals as
   * deleted the bound items that are gone. Slower: schedule it less often than `sweep()`.
   */
  reconcile(entity?: DetectedEntity, options?: ReconcileOptions): Promise<ChangeSummary>;
  /**
   * Re-reads one item (a webhook said it changed) and journals it through the same comparison as the
   * sweep, so webhook and sweep never both journal one change. An item the platform no longer has is
   * journaled as deleted. Without an adapter `get`, sweeps the entity instead. Variants are refreshed
   * through their product.
   */
  refresh(entity: DetectedEntity, id: string): Promise<ChangeSummary>;
  /**
   * Makes the next sweep of `entity` read again from `from` and journal again what changed since then
   * (the admin page's "resync from a date"): the high-water mark goes back to `from`, an interrupted
   * sweep's checkpoint is dropped, and the content hash of every bound item dated `from` or later is
   * forgotten, so the sweep journals it as `updated` even when the platform copy did not change (for an
   * entity read whole, undated items too). Waits for a sweep under way, so it cannot undo the reset.
   */
  resyncFrom(entity: DetectedEntity, from: Date): Promise<ResyncSummary>;
}

export interface ResyncSummary {
  entity: DetectedEntity;
  /** ISO 8601 UTC. */
  from: string;
  /** False when the entity is read whole on every sweep (no high-water mark to move). */
  incremental: boolean;
  /** Bound items whose next read is journaled again. */
  forgotten: number;
}

/** Where a sweep stopped: the checkpoint saved after every page, so a crashed sweep resumes there. */
interface Checkpoint {
  cursor: string | null;
  updatedSince: string | null;
  startedAt: string;
  maxSeen: string | null;
}

/**
 * The high-water mark. `since` is a lower bound of the platform's clock when the last sweep started:
 * the latest platform date seen minus how long that sweep took. Taking it from the platform's own dates
 * (not the module's clock) survives clock skew; subtracting the duration keeps the changes made on
 * pages the sweep had already passed.
 */
interface SweepMark {
  highWaterMark: string;
  since: string;
}

// Platform dates further ahead than this are garbage (a 2099 placeholder) and must not move the mark.
const futureToleranceMs = 24 * 3600 * 1000;
const bindingPageSize = 500;

export function createChangeDetector(options: ChangeDetectorOptions): ChangeDetector {
  const { adapter, store, events, shopId, logger } = options;
  const clock = options.clock ?? systemClock;
  const overlapMs = (options.overlapSeconds ?? 30) * 1000;
  const pageSize = options.pageSize ?? 100;
  const idPageSize = options.idPageSize ?? 500;
  const issues: FieldIssue[] = [];
  if (!Number.isFinite(overlapMs) || overlapMs < 0) {
    issues.push({ path: 'overlapSeconds', message: 'Expected a number of seconds, 0 or more.' });
  }
  for (const [path, value] of [
    ['pageSize', pageSize],
    ['idPageSize', idPageSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) issues.push({ path, message: 'Expected a positive integer.' });
  }
  if (issues.length > 0) throw new ValidationError('Invalid change detector options.', issues);
  const feeds = feedsOf(adapter);
  const activity = createActivityLog(store, shopId, clock);
  const warn = (message: string, context: Record<string, unknown>) => logger?.warn(message, { shopId, ...context });
  const writer = createJournalWriter({ store, shopId, clock, events, warn });
  const sweeps = createSerialQueue();
  const reconciles = createSerialQueue();

  const ignoredFor = (entity: DetectedEntity): readonly string[] => {
    const fields = options.ignoreFields?.[entity] ?? defaultIgnoredFields[entity] ?? [];
    // Variants are journaled as their own entity: a variant change must not also count as a product change.
    return entity === 'product' ? [...fields, 'variants'] : fields;
  };

  const feedFor = (entity: DetectedEntity): EntityFeed => {
    const feed = feeds.get(entity === 'variant' ? 'product' : entity);
    if (!feed) throw new NotSupportedError(`The adapter cannot read ${entity} items.`, capabilitiesOf(adapter));
    return feed;
  };

  const observe = (feed: EntityFeed, items: unknown[], observedAt: number, summary: ChangeSummary): JournalBatch => {
    const observations: Observation[] = [];
    const variantSets: VariantSet[] = [];
    const counts = countsOf(summary, feed.entity);
    for (const item of items) {
      counts.read++;
      const identity = identify(feed.entity, item);
      if (!identity) {
        counts.skipped++;
        warn('item without an id skipped', { entity: feed.entity });
        continue;
      }
      observations.push({
        entity: feed.entity,
        identity,
        hash: contentHash(item, { ignore: ignoredFor(feed.entity) }),
        observedAt,
      });
      const variants = feed.entity === 'product' ? (item as { variants?: unknown }).variants : undefined;
      if (!Array.isArray(variants)) continue;
      const variantCounts = countsOf(summary, 'variant');
      const ids: string[] = [];
      for (const variant of variants) {
        variantCounts.read++;
        const variantIdentity = identify('variant', variant);
        if (!variantIdentity) {
          variantCounts.skipped++;
          warn('variant without an id skipped', { productId: identity.platformId });
          continue;
        }
        variantIdentity.sourceUpdatedAt ??= identity.sourceUpdatedAt;
        ids.push(variantIdentity.platformId);
        observations.push({
          entity: 'variant',
          identity: variantIdentity,
          hash: contentHash(variant, { ignore: ignoredFor('variant') }),
          observedAt,
        });
      }
      variantSets.push({ productId: identity.platformId, variantIds: ids });
    }
    return { observations, variantSets };
  };

  const sweepFeed = async (feed: EntityFeed, full: boolean, summary: ChangeSummary, signal?: AbortSignal) => {
    const checkpointName = `journal.${feed.entity}.checkpoint`;
    const markName = `journal.${feed.entity}.mark`;
    let state = parseCheckpoint(await store.getCursor(shopId, checkpointName));
    // A full sweep may finish an interrupted full read, not an incremental one (it would skip items).
    if (state && full && state.updatedSince !== null) state = null;
    const resumed = state !== null;
    let checkpointed = resumed;
    if (!state) {
      const mark = feed.incremental && !full ? parseMark(await store.getCursor(shopId, markName)) : null;
      state = {
        cursor: null,
        updatedSince: mark ? new Date(Date.parse(mark.since) - overlapMs).toISOString() : null,
        startedAt: clock.now().toISOString(),
        maxSeen: null,
      };
    }
    for (let first = true; ; first = false) {
      signal?.throwIfAborted();
      const observedAt = clock.now().getTime();
      const request: ListOptions = { cursor: state.cursor, limit: pageSize };
      if (state.updatedSince !== null) request.updatedSince = state.updatedSince;
      if (signal) request.signal = signal;
      let page: Awaited<ReturnType<EntityFeed['list']>>;
      try {
        page = await feed.list(request);
      } catch (error) {
        // A checkpoint the platform refuses outright (an expired cursor) would wedge every later sweep.
        if (resumed && first && PasserelleError.is(error) && !error.retryable) {
          await store.setCursor(shopId, checkpointName, '');
          warn('checkpoint refused by the platform; the next sweep starts over', { entity: feed.entity });
        }
        throw error;
      }
      const batch = observe(feed, page.items, observedAt, summary);
      await writer.commit(batch, summary);
      for (const observation of batch.observations ?? []) {
        state.maxSeen = later(state.maxSeen, observation.identity.sourceUpdatedAt, clock.now().getTime());
      }
      if (!page.nextCursor) break;
      if (page.nextCursor === state.cursor) {
        throw new PasserelleError('internal', `The ${feed.entity} feed returned the cursor it was given.`);
      }
      state.cursor = page.nextCursor;
      await store.setCursor(shopId, checkpointName, JSON.stringify(state));
      checkpointed = true;
    }
    if (feed.incremental) {
      const previous = parseMark(await store.getCursor(shopId, markName));
      const next = nextMark(previous, state.maxSeen, clock.now().getTime() - Date.parse(state.startedAt));
      if (next) await store.setCursor(shopId, markName, JSON.stringify(next));
    }
    if (checkpointed) await store.setCursor(shopId, checkpointName, '');
  };

  const reconcileFeed = async (feed: EntityFeed, summary: ChangeSummary, signal?: AbortSignal) => {
    const counts = countsOf(summary, feed.entity);
    const startedAt = clock.now().getTime();
    // Ids only (a few bytes each): the set for 100 000 products stays in the megabytes.
    const present = new Set<string>();
    let cursor: string | null = null;
    do {
      signal?.throwIfAborted();
      const request: ListOptions = { cursor, limit: idPageSize };
      if (signal) request.signal = signal;
      let next: string | null;
      if (feed.listIds) {
        const page = await feed.listIds(request);
        for (const id of page.items) present.add(String(id));
        counts.read += page.items.length;
        next = page.nextCursor;
      } else {
        const page = await feed.list(request);
        for (const item of page.items) {
          const identity = identify(feed.entity, item);
          if (identity) present.add(identity.platformId);
        }
        counts.read += page.items.length;
        next = page.nextCursor;
      }
      if (next !== null && next === cursor) {
        throw new PasserelleError('internal', `The ${feed.entity} id feed returned the cursor it was given.`);
      }
      cursor = next;
    } while (cursor !== null);
    if (present.size === 0 && (await store.listBindings(shopId, feed.entity, { limit: 1 })).length > 0) {
      // An empty list where items are bound is far more often a platform glitch (a filter, a permission,
      // an outage answering 200) than a shop emptied overnight; journaling every item as deleted would
      // make the back office deactivate them all.
      throw new PasserelleError(
        'platform',
        `The platform listed no ${feed.entity} at all while some are bound; no delete was journaled.`,
        { retryable: true },
      );
    }

    let afterReference: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const bindings = await store.listBindings(shopId, feed.entity, {
        limit: bindingPageSize,
        ...(afterReference === undefined ? {} : { afterReference }),
      });
      const last = bindings.at(-1);
      if (!last) break;
      afterReference = last.reference;
      const removals = [];
      for (const binding of bindings) {
        // Bound after the id pass started: the item is newer than the list, not gone.
        if (present.has(binding.platformId) || Date.parse(binding.syncedAt) >= startedAt) continue;
        // Offset pagination skips rows when others are deleted meanwhile: confirm before journaling a delete.
        if (feed.get && feed.entity !== 'stock' && (await feed.get(binding.platformId)) != null) {
          warn('the id list missed an item that still exists', { entity: feed.entity, id: binding.platformId });
          continue;
        }
        removals.push({ entity: feed.entity, platformId: binding.platformId, syncedBefore: startedAt });
      }
      if (removals.length > 0) await writer.commit({ removals }, summary);
      if (bindings.length < bindingPageSize) break;
    }
  };

  const record = async (kind: 'sweep' | 'reconcile', part: ChangeSummary, failure: unknown, details: object) => {
    for (const [entity, counts] of Object.entries(part) as [DetectedEntity, EntityCounts][]) {
      const changed = counts.created + counts.updated + counts.deleted + counts.skipped > 0;
      const fields = {
        entity,
        outcome: failure === undefined ? 'ok' : 'failed',
        details: { ...counts, ...details, ...(failure === undefined ? {} : { error: errorText(failure) }) },
      };
      const message = `${entity} ${kind}: ${describeCounts(counts)}`;
      try {
        if (failure !== undefined) await activity.error(kind, `${message}; failed: ${errorText(failure)}`, fields);
        else await (changed ? activity.info : activity.debug)(kind, message, fields);
      } catch (error) {
        warn('activity entry not written', { kind, entity, error: errorText(error) });
      }
    }
  };

  const runEach = async (
    kind: 'sweep' | 'reconcile',
    selected: EntityFeed[],
    details: object,
    signal: AbortSignal | undefined,
    run: (feed: EntityFeed, part: ChangeSummary) => Promise<void>,
  ): Promise<ChangeSummary> => {
    const summary: ChangeSummary = {};
    const failures: unknown[] = [];
    for (const feed of selected) {
      if (signal?.aborted) break;
      const part: ChangeSummary = {};
      countsOf(part, feed.entity);
      let failure: unknown;
      try {
        await run(feed, part);
      } catch (error) {
        failure = error;
        failures.push(error);
      }
      Object.assign(summary, part);
      await record(kind, part, failure, details);
    }
    if (failures.length === 0 && signal?.aborted) throw signal.reason;
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      const entities = selected.map((feed) => feed.entity).join(', ');
      throw new AggregateError(failures, `The change ${kind} failed for several entities (${entities}).`);
    }
    return summary;
  };

  const sweep = (entity?: DetectedEntity, sweepOptions: SweepOptions = {}): Promise<ChangeSummary> => {
    const full = sweepOptions.full ?? false;
    const selected = entity ? [feedFor(entity)] : [...feeds.values()];
    const key = `${selected.map((feed) => feed.entity).join(',')}|${full}`;
    return sweeps.runOnce(key, () =>
      runEach('sweep', selected, { full }, sweepOptions.signal, (feed, part) =>
        sweepFeed(feed, full, part, sweepOptions.signal),
      ),
    );
  };

  return {
    entities() {
      const entities: DetectedEntity[] = [...feeds.keys()];
      if (feeds.has('product')) entities.splice(entities.indexOf('product') + 1, 0, 'variant');
      return entities;
    },

    sweep: async (entity, sweepOptions) => sweep(entity, sweepOptions),

    async reconcile(entity, reconcileOptions = {}) {
      const reconcilable = (feed: EntityFeed) => Boolean(feed.listIds) || !feed.incremental;
      let selected: EntityFeed[];
      if (entity) {
        const feed = feedFor(entity);
        if (!reconcilable(feed)) {
          throw new NotSupportedError(`The adapter cannot list every ${entity} id.`, capabilitiesOf(adapter));
        }
        selected = [feed];
      } else {
        selected = [...feeds.values()].filter(reconcilable);
      }
      const key = selected.map((feed) => feed.entity).join(',');
      return reconciles.runOnce(key, () =>
        runEach('reconcile', selected, {}, reconcileOptions.signal, (feed, part) =>
          reconcileFeed(feed, part, reconcileOptions.signal),
        ),
      );
    },

    async resyncFrom(entity, from) {
      if (!(from instanceof Date) || Number.isNaN(from.getTime())) {
        throw new ValidationError('A resync needs a valid date.', [{ path: 'from', message: 'Expected a date.' }]);
      }
      const feed = feedFor(entity);
      const since = from.toISOString();
      const bound: DetectedEntity[] = entity === 'product' ? ['product', 'variant'] : [entity];
      return sweeps.run(async () => {
        await store.setCursor(shopId, `journal.${feed.entity}.checkpoint`, '');
        if (feed.incremental) {
          await store.setCursor(shopId, `journal.${feed.entity}.mark`, JSON.stringify({ highWaterMark: since, since }));
        }
        let forgotten = 0;
        for (const name of bound) {
          let afterReference: string | undefined;
          for (;;) {
            const bindings = await store.listBindings(shopId, name, {
              limit: bindingPageSize,
              ...(afterReference === undefined ? {} : { afterReference }),
            });
            for (const binding of bindings) {
              const dated = binding.sourceUpdatedAt !== null && Date.parse(binding.sourceUpdatedAt) >= from.getTime();
              const undatedWhole = binding.sourceUpdatedAt === null && !feed.incremental;
              if (binding.contentHash === null || !(dated || undatedWhole)) continue;
              await store.upsertBinding({ ...binding, contentHash: null });
              forgotten++;
            }
            afterReference = bindings.at(-1)?.reference;
            if (bindings.length < bindingPageSize) break;
          }
        }
        return { entity, from: since, incremental: feed.incremental, forgotten };
      });
    },

    async refresh(entity, id) {
      if (entity === 'variant') {
        throw new NotSupportedError(
          'A variant is refreshed with its product: refresh the product.',
          capabilitiesOf(adapter),
        );
      }
      const feed = feedFor(entity);
      if (!feed.get) return sweep(entity);
      const summary: ChangeSummary = {};
      countsOf(summary, feed.entity);
      const observedAt = clock.now().getTime();
      const item = await feed.get(id);
      const batch: JournalBatch =
        item == null
          ? { removals: [{ entity: feed.entity, platformId: id }] }
          : observe(feed, [item], observedAt, summary);
      await writer.commit(batch, summary);
      return summary;
    },
  };
}

function parseCheckpoint(value: string | null): Checkpoint | null {
  const parsed = parseJson(value);
  if (!parsed || typeof parsed.startedAt !== 'string') return null;
  return {
    cursor: typeof parsed.cursor === 'string' ? parsed.cursor : null,
    updatedSince: typeof parsed.updatedSince === 'string' ? parsed.updatedSince : null,
    startedAt: parsed.startedAt,
    maxSeen: typeof parsed.maxSeen === 'string' ? parsed.maxSeen : null,
  };
}

function parseMark(value: string | null): SweepMark | null {
  const parsed = parseJson(value);
  if (!parsed || typeof parsed.highWaterMark !== 'string' || typeof parsed.since !== 'string') return null;
  if (Number.isNaN(Date.parse(parsed.since))) return null;
  return { highWaterMark: parsed.highWaterMark, since: parsed.since };
}

function parseJson(value: string | null): Record<string, unknown> | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The later of two platform dates, ignoring what is unparsable or implausibly far in the future. */
function later(current: string | null, candidate: string | null, nowMs: number): string | null {
  if (candidate === null) return current;
  const time = Date.parse(candidate);
  if (Number.isNaN(time) || time > nowMs + futureToleranceMs) return current;
  if (current !== null && Date.parse(current) >= time) return current;
  return new Date(time).toISOString();
}

function nextMark(previous: SweepMark | null, maxSeen: string | null, durationMs: number): SweepMark | null {
  if (maxSeen === null) return null;
  const seen = Date.parse(maxSeen);
  const since = Math.max(
    previous ? Date.parse(previous.since) : Number.NEGATIVE_INFINITY,
    seen - Math.max(0, durationMs),
  );
  const highWaterMark = Math.max(previous ? Date.parse(previous.highWaterMark) : Number.NEGATIVE_INFINITY, seen);
  const next = { highWaterMark: new Date(highWaterMark).toISOString(), since: new Date(since).toISOString() };
  if (previous && previous.since === next.since && previous.highWaterMark === next.highWaterMark) return null;
  return next;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
