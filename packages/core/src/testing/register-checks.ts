import { describe, it } from 'vitest';

/** What a running check may ask of the test runner. */
export interface CheckHooks {
  /** Ends the check as skipped, with the note shown by the reporter (an operation the adapter does not have). */
  skip(note: string): never;
  /** Leaves a note on a passing check (e.g. "not provided; capabilities agree"). */
  note(message: string): Promise<void>;
}

/** One conformance check: a title, the skip keys that silence it, and its body. */
export interface ConformanceCheck<K extends string, C> {
  title: string;
  keys: K[];
  run(context: C, hooks: CheckHooks): Promise<void>;
}

export interface OpenedContext<C> {
  context: C;
  close(): Promise<void>;
}

/** Thrown by `hooks.skip` outside vitest, so direct callers can tell a skip from a failure. */
export class CheckSkipped extends Error {
  constructor(readonly note: string) {
    super(`skipped: ${note}`);
    this.name = 'CheckSkipped';
  }
}

/** Runs one check outside vitest's registration, for tests of the suite itself. */
export async function runCheck<C>(check: ConformanceCheck<string, C>, opened: OpenedContext<C>): Promise<void> {
  try {
    await check.run(opened.context, {
      skip: (note) => {
        throw new CheckSkipped(note);
      },
      note: async () => {},
    });
  } finally {
    await opened.close();
  }
}

/** The reason a check is skipped: the first of its keys the bridge listed. */
export function skipReason<K extends string>(
  keys: readonly K[],
  skips: Partial<Record<K, string>>,
): string | undefined {
  for (const key of keys) {
    const reason = skips[key];
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** Refuses a skip without a reason, or one naming no check: both would hide a gap. */
export function validateSkips<K extends string>(
  checks: readonly ConformanceCheck<K, unknown>[],
  skips: Partial<Record<K, string>>,
): void {
  const known = new Set(checks.flatMap((check) => check.keys));
  for (const [key, reason] of Object.entries(skips) as [K, string | undefined][]) {
    if (!known.has(key)) {
      throw new Error(`conformance: unknown skip key "${key}"; known keys: ${[...known].sort().join(', ')}`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`conformance: skipping "${key}" needs a reason, printed with the skipped test`);
    }
  }
}

/**
 * Registers one vitest `it` per check under `describe(name)`. A skipped check is an `it.skip` whose title
 * carries the bridge's reason, so it shows in every report. Each check opens a fresh context and closes it.
 */
export function registerChecks<K extends string, C>(
  name: string,
  checks: readonly ConformanceCheck<K, C>[],
  skips: Partial<Record<K, string>>,
  open: () => Promise<OpenedContext<C>>,
): void {
  validateSkips(checks, skips);
  describe(name, () => {
    for (const check of checks) {
      const reason = skipReason(check.keys, skips);
      if (reason !== undefined) {
        it.skip(`${check.title} [skipped: ${reason}]`, () => {});
        continue;
      }
      it(check.title, async (test) => {
        const opened = await open();
        try {
          await check.run(opened.context, {
            skip: (note) => test.skip(note),
            note: async (message) => {
              await test.annotate(message);
            },
          });
        } finally {
          await opened.close();
        }
      });
    }
  });
}
