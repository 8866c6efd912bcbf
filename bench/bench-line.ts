import { z } from 'zod';

/** The prefix of the one machine-readable line every package benchmark prints last. */
export const BENCH_LINE_PREFIX = 'BENCH_JSON ';

/**
 * One measured figure. `floor` is the best the platform allows (Woo 10 calls per 1,000 stock
 * updates, the bare hono handler's requests per second…). `ratio` is always `measured / floor`,
 * whatever the direction; `better` says which way is good, so a reader never has to guess.
 */
export const benchRowSchema = z.strictObject({
  name: z.string().min(1).max(200),
  measured: z.number().finite(),
  floor: z.number().finite().optional(),
  ratio: z.number().finite().optional(),
  unit: z.string().min(1).max(40),
  /** `lower`: calls, milliseconds, megabytes. `higher`: requests per second. @default 'lower' */
  better: z.enum(['lower', 'higher']).optional(),
  notes: z.string().max(500).optional(),
  /** Extra figures for the chart: `{ calls: 10, wallMs: 1234 }`. */
  chart: z.record(z.string(), z.number().finite()).optional(),
});

export const benchOutputSchema = z.strictObject({
  package: z.string().min(1).max(120),
  rows: z.array(benchRowSchema).max(100),
});

export type BenchRow = z.infer<typeof benchRowSchema>;
export type BenchOutput = z.infer<typeof benchOutputSchema>;

/** The line a package benchmark prints as its last stdout line. */
export function formatBenchLine(output: BenchOutput): string {
  return `${BENCH_LINE_PREFIX}${JSON.stringify(benchOutputSchema.parse(output))}`;
}

/** A row with its ratio filled in from `measured` and `floor` when the package left it out. */
export function withRatio(row: BenchRow): BenchRow {
  if (row.ratio !== undefined || row.floor === undefined || row.floor === 0) return row;
  return { ...row, ratio: row.measured / row.floor };
}

export type ParsedBench = { ok: true; output: BenchOutput } | { ok: false; reason: string };

/**
 * Reads a benchmark's stdout: the last line starting with `BENCH_JSON ` is the result. A missing,
 * unparsable or misshapen line is a reason, never a throw: one package's broken benchmark must not
 * hide the others' figures.
 */
export function parseBenchOutput(stdout: string): ParsedBench {
  const line = stdout
    .split(/\r?\n/)
    .map((text) => text.trim())
    .filter((text) => text.startsWith(BENCH_LINE_PREFIX))
    .at(-1);
  if (line === undefined) return { ok: false, reason: `no "${BENCH_LINE_PREFIX.trim()}" line in its output` };
  let value: unknown;
  try {
    value = JSON.parse(line.slice(BENCH_LINE_PREFIX.length));
  } catch {
    return { ok: false, reason: `its ${BENCH_LINE_PREFIX.trim()} line is not JSON` };
  }
  const parsed = benchOutputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason:
        `its ${BENCH_LINE_PREFIX.trim()} line does not match bench/README.md: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, output: { ...parsed.data, rows: parsed.data.rows.map(withRatio) } };
}
