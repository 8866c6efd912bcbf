import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One injected fault and what the module did about it, as `docs/reliability.md` lists it. The
 * suites record a row only after the assertions that prove it have passed, so the rendered table
 * holds observed outcomes, not intentions.
 */
export interface FaultObservation {
  /** Which suite saw it: `adapter`, `sigkill`, `store`, `fuzz`, `security`. */
  suite: string;
  /** The fault or attack, in a few words. */
  fault: string;
  /** Where and how it was injected. */
  injected: string;
  /** What the module answered and did. */
  observed: string;
  /** Items sent, outcomes by kind, lost and duplicated, where the fault touched a batch. */
  items?: { sent: number; outcomes: Record<string, number>; lost: number; duplicated: number };
}

/** Where the suites leave their summaries; `bench/render-reliability.ts` reads the same place. */
export function reliabilityDir(): string {
  return process.env.PASSERELLE_RELIABILITY_DIR ?? join(tmpdir(), 'passerelle-reliability');
}

/**
 * Collects a suite's observations and writes them as `<dir>/<suite>.json` after every record, so
 * a suite that stops half-way still leaves what it proved.
 */
export function createFaultReport(suite: string) {
  const rows: FaultObservation[] = [];
  return {
    record(row: Omit<FaultObservation, 'suite'>): void {
      rows.push({ suite, ...row });
      const dir = reliabilityDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${suite}.json`),
        `${JSON.stringify({ suite, at: new Date().toISOString(), rows }, null, 2)}\n`,
      );
    },
  };
}

/** Counts outcomes by kind: `{ created: 3, failed: 1 }`. */
export function countOutcomes(results: readonly { outcome: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of results) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}
