import type { PlatformAdapter } from '../adapter.js';
import type { SyncHealth } from '../endpoint/context.js';
import { feedsOf } from '../journal/entity-feeds.js';
import type { Clock, Store } from '../state/index.js';

export interface CursorView {
  entity: string;
  incremental: boolean;
  /** The latest platform date the change detector has read (ISO), or null before the first sweep. */
  highWaterMark: string | null;
  /** How far behind now that date is, in words (`3 min`), or null when unknown. */
  lag: string | null;
}

export interface SyncHealthView extends Omit<SyncHealth, 'highWaterMarks'> {
  inboxBacklog: number;
  lastChangeSeq: number;
  cursors: CursorView[];
}

/** `95_000` -> `1 min`, `7_200_000` -> `2 h`: coarse on purpose, it is read at a glance. */
export function formatLag(ms: number): string {
  if (ms < 0) return '0 s';
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

function parseHighWaterMark(value: string | null): string | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    const mark = (parsed as { highWaterMark?: unknown } | null)?.highWaterMark;
    return typeof mark === 'string' && !Number.isNaN(Date.parse(mark)) ? mark : null;
  } catch {
    return null;
  }
}

/**
 * The sync health the admin reads: the sweep job's record, the webhook backlog, the journal's last
 * sequence, and per entity how far the change detector has read (its high-water mark cursor).
 */
export async function readSyncHealth(deps: {
  adapter: PlatformAdapter;
  store: Store;
  shopId: string;
  health: SyncHealth;
  clock: Clock;
}): Promise<SyncHealthView> {
  const { store, shopId, health } = deps;
  const now = deps.clock.now().getTime();
  const cursors: CursorView[] = [];
  for (const feed of feedsOf(deps.adapter).values()) {
    const highWaterMark = feed.incremental
      ? parseHighWaterMark(await store.getCursor(shopId, `journal.${feed.entity}.mark`))
      : null;
    cursors.push({
      entity: feed.entity,
      incremental: feed.incremental,
      highWaterMark,
      lag: highWaterMark === null ? null : formatLag(now - Date.parse(highWaterMark)),
    });
  }
  return {
    lastSweepAt: health.lastSweepAt,
    lastSweepOkAt: health.lastSweepOkAt,
    lastSweepError: health.lastSweepError,
    errorCounts: { ...health.errorCounts },
    inboxBacklog: await store.inboxBacklog(shopId),
    lastChangeSeq: await store.lastChangeSeq(shopId),
    cursors,
  };
}
