import type { DetectedEntity } from './entity-feeds.js';

/** What one sweep, reconcile or refresh did for one entity. */
export interface EntityCounts {
  /** Items read from the platform (ids, for a reconcile). */
  read: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Items the detector could not identify (no id): a bridge bug, logged, never silently dropped. */
  skipped: number;
}

export type ChangeSummary = Partial<Record<DetectedEntity, EntityCounts>>;

export function emptyCounts(): EntityCounts {
  return { read: 0, created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 };
}

/** The counts of `entity` in `summary`, created on first use. */
export function countsOf(summary: ChangeSummary, entity: DetectedEntity): EntityCounts {
  let counts = summary[entity];
  if (!counts) {
    counts = emptyCounts();
    summary[entity] = counts;
  }
  return counts;
}

export function describeCounts(counts: EntityCounts): string {
  const parts = [
    `read ${counts.read}`,
    `created ${counts.created}`,
    `updated ${counts.updated}`,
    `deleted ${counts.deleted}`,
    `unchanged ${counts.unchanged}`,
  ];
  if (counts.skipped > 0) parts.push(`skipped ${counts.skipped}`);
  return parts.join(', ');
}
