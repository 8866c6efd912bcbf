import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './bench-line.js';
import { formatWithBiome } from './format-docs.js';
import { type RatioGroup, renderRatioChart } from './ratio-chart.js';
import {
  type BenchResults,
  LOAD_RESULTS_FILE,
  type LoadResults,
  type MachineInfo,
  RESULTS_FILE,
  readJson,
} from './results.js';

const number = (value: number) =>
  Number.isInteger(value) ? value.toLocaleString('en') : value.toLocaleString('en', { maximumFractionDigits: 2 });
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function machineLine(machine: MachineInfo): string {
  const line = `Node ${machine.node}, ${machine.platform}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB; load average ${machine.loadAverage.join(' / ')} at the start`;
  const busy = (machine.loadAverage[0] ?? 0) > machine.cpus;
  // Other work on the machine slows every absolute figure; a ratio taken within the same run still compares.
  return busy
    ? `${line}.\n\n> **The machine was busy** (load average above its ${machine.cpus} CPUs): absolute throughput and latency are low and\n> noisy; the ratios, taken within the same run, and the error and memory verdicts still hold. Re-run on a quiet machine\n> for absolute figures`
    : line;
}

function ratioText(row: BenchRow): string {
  if (row.ratio === undefined) return '';
  const good = (row.better ?? 'lower') === 'lower' ? row.ratio <= 1 : row.ratio >= 1;
  return `${row.ratio.toFixed(2)}×${good ? '' : ' ⚠'}`;
}

/** The ratio table: one line per row of every package, then a line per package without rows. */
export function ratioTable(results: BenchResults): string {
  const lines = [
    '| package | measure | measured | floor | ratio (measured / floor) | better | notes |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const result of results.packages) {
    if (result.rows.length === 0) {
      lines.push(
        `| ${cell(result.package)} | ${result.status === 'failed' ? `**failed**: ${cell(result.reason ?? '')}` : cell(result.reason ?? 'no benchmark yet')} | | | | | |`,
      );
      continue;
    }
    if (result.status === 'target-missed')
      lines.push(`| ${cell(result.package)} | **target missed**: ${cell(result.reason ?? '')} | | | | | |`);
    for (const row of result.rows) {
      lines.push(
        `| ${cell(result.package)}${result.takenAt && result.takenAt !== results.generatedAt ? ` (taken ${result.takenAt.slice(0, 16).replace('T', ' ')})` : ''} | ${cell(row.name)} | ${number(row.measured)} ${cell(row.unit)} | ${row.floor === undefined ? '' : `${number(row.floor)} ${cell(row.unit)}`} | ${ratioText(row)} | ${row.better ?? 'lower'} | ${cell(row.notes ?? '')} |`,
      );
    }
  }
  return lines.join('\n');
}

function chartGroups(results: BenchResults): RatioGroup[] {
  return results.packages.map((result) => ({
    name: result.package,
    bars: result.rows
      .filter((row): row is BenchRow & { ratio: number } => row.ratio !== undefined && row.ratio > 0)
      .map((row) => ({
        label: row.name,
        ratio: row.ratio,
        better: row.better ?? 'lower',
        value: `${number(row.measured)} vs ${number(row.floor ?? 0)} ${row.unit} = X${row.ratio.toFixed(2)}`,
      })),
    note:
      result.rows.length === 0
        ? result.status === 'failed'
          ? `failed: ${result.reason ?? ''}`
          : (result.reason ?? 'no benchmark yet')
        : 'no row with a floor',
  }));
}

function loadSection(load: LoadResults | null): string {
  if (load === null) return 'Not run yet: `npm run load` runs it (about a minute) and rewrites this section.';
  const routes = Object.entries(load.byRoute)
    .map(
      ([route, figures]) =>
        `| ${cell(route)} | ${number(figures.requests)} | ${figures.errors} | ${figures.meanMs.toFixed(1)} |`,
    )
    .join('\n');
  const samples = load.rss.samples.map(([second, mb]) => `${second}s ${mb}`).join(', ');
  return `Taken ${load.generatedAt} on ${machineLine(load.machine)}.

${load.pollers} concurrent pollers for ${load.warmupSeconds} + ${load.durationSeconds} s against one module process (SQLite store, SQLite
platform stand-in) on 127.0.0.1, each a bounded loop: \`GET /orders\`, \`GET /changes\` from its own resume
cursor, \`GET /info\`, one \`PUT /stock\` of 20 items with an Idempotency-Key every 4th round, and an
acknowledge-then-reset of one order every 6th round (offset by poller, so writes run throughout). The module's RSS is read from \`/proc/<pid>/status\`
every second, and its V8 heap right after a forced full garbage collection every 5 s (the module runs
with \`--expose-gc\` for that): the RSS is what the host pays, the heap after GC shows whether anything is
retained. The ${load.durationSeconds} measured seconds follow ${load.warmupSeconds} s of the same load (V8 and SQLite size their heaps
first). "Flat within 10 %" compares levels, not single samples: the mean RSS of the last 10 measured seconds
is within 10 % of the mean of the first 10 (each collection swings a single sample by tens of MB).

| figure | value |
| --- | ---: |
| requests, warm-up included | ${number(load.requests)} (${number(Math.round(load.requests / (load.durationSeconds + load.warmupSeconds)))}/s) |
| errors (non-2xx or network) | **${load.errors}** |
| latency p50 / p95 / p99 / max, whole run | ${load.latencyMs.p50} / ${load.latencyMs.p95} / ${load.latencyMs.p99} / ${load.latencyMs.max} ms |${load.latencyAfterWarmupMs ? `\n| latency p50 / p95 / p99 / max, after warm-up | ${load.latencyAfterWarmupMs.p50} / ${load.latencyAfterWarmupMs.p95} / ${load.latencyAfterWarmupMs.p99} / ${load.latencyAfterWarmupMs.max} ms |` : ''}
| RSS after warm-up: first / last / min / max | ${load.rss.afterWarmup.first} / ${load.rss.afterWarmup.last} / ${load.rss.afterWarmup.min} / ${load.rss.afterWarmup.max} MB |
${load.rss.growthPercent === undefined ? '' : `| RSS level: mean of the last 10 s vs the first 10 s measured | ${load.rss.lastWindowMb} vs ${load.rss.baselineMb} MB: **${load.rss.growthPercent.toFixed(1)} %** |\n`}| RSS spread after warm-up ((max − min) / min, single samples, GC swings included) | ${load.rss.spreadPercent.toFixed(1)} % |
| RSS trend after warm-up (least-squares slope) | ${load.rss.slopeMbPerMinute} MB/min |
| peak RSS (VmHWM) | ${load.rss.peakMb} MB |${load.eventLoopStallsMs?.length ? `\n| longest event-loop delay of the module: a saturated loop, or a synchronous SQLite commit (per 5 s: ${load.eventLoopStallsMs.map(([, ms]) => ms).join(', ')} ms) | ${Math.max(...load.eventLoopStallsMs.map(([, ms]) => ms))} ms |` : ''}${load.heapAfterGc ? `\n| V8 heap after a forced full GC, after warm-up: first / last / max | ${load.heapAfterGc.first} / ${load.heapAfterGc.last} / ${load.heapAfterGc.max} MB |` : ''}
| verdict | ${load.verdict.zeroErrors ? '0 errors ✔' : `${load.errors} errors ✘`}; ${load.verdict.rssFlatWithin10Percent ? 'RSS flat within 10 % (level of the last 10 s vs the first 10 s) ✔' : 'RSS **not** flat within 10 % ✘'} |

| route | requests | errors | mean latency (ms) |
| --- | ---: | ---: | ---: |
${routes}

RSS samples (MB): ${samples}${load.errorSamples.length ? `\n\nFirst errors: ${load.errorSamples.map((sample) => `\`${cell(sample)}\``).join(', ')}` : ''}`;
}

function initialSyncNotes(results: BenchResults | null): string {
  const rows = (results?.packages ?? []).flatMap((result) =>
    result.rows
      .filter((row) => row.name.startsWith('initial sync') && row.name.endsWith('wall time'))
      .map((row) => ({ result, row })),
  );
  if (rows.length === 0) return '';
  const list = rows
    .map(
      ({ result, row }) =>
        `- ${result.package}: ${number(row.measured)} ms against a floor of ${number(row.floor ?? 0)} ms (${ratioText(row)}). ${row.notes ?? ''}`,
    )
    .join('\n');
  const sqlite = rows.find(({ result }) => result.package.includes('memory adapter, sqlite store'))?.row;
  const memory = rows.find(({ result }) => result.package.includes('memory adapter, memory store'))?.row;
  const storeCost =
    sqlite && memory && sqlite.measured > memory.measured
      ? `\n\nWith the same adapter and calls, the SQLite store adds ${number(Math.round((sqlite.measured - memory.measured) / 1000))} s ` +
        `(${Math.round(((sqlite.measured - memory.measured) / sqlite.measured) * 100)} % of the SQLite run): the write path commits each ` +
        'binding in its own `synchronous=FULL` transaction (`endpoint/routes/writes.ts` `remember()`: a `getBinding` and an ' +
        '`upsertBinding` per item), so a 100,000-item sync pays 100,000 WAL fsyncs on the event-loop thread, which is most of ' +
        'that time (better-sqlite3 is synchronous: nothing else is served meanwhile). The memory-store run is the CPU cost of ' +
        'validation, rules and planning alone; the platform calls themselves are already at their floor (500 items per batch).'
      : '';
  return `\n\nInitial-sync rows measured in this run:\n\n${list}${storeCost}`;
}

/**
 * Writes `docs/performance.md` and `docs/performance.png` from `bench/results.json` and
 * `bench/load-results.json`, whichever exist: `npm run bench` and `npm run load` each refresh their
 * own JSON and then this, so neither erases the other's figures.
 */
export function writePerformanceDoc(root: string): { markdown: string; table: string | null } {
  const results = readJson<BenchResults>(join(root, RESULTS_FILE));
  const load = readJson<LoadResults>(join(root, LOAD_RESULTS_FILE));
  mkdirSync(join(root, 'docs'), { recursive: true });
  const table = results ? ratioTable(results) : null;
  if (results) {
    const chart = renderRatioChart(
      'Passerelle benchmarks: measured / floor, log scale (1 = the floor)',
      `${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC, node ${results.machine.node}, ${results.machine.cpus} cpus, load ${results.machine.loadAverage[0] ?? '?'}`,
      chartGroups(results),
    );
    writeFileSync(join(root, 'docs', 'performance.png'), chart);
  }
  const markdown = `# Performance

> Generated: the benchmark part by \`npm run bench\` from \`bench/results.json\`, the load part by
> \`npm run load\` from \`bench/load-results.json\` (\`bench/render-performance.ts\`). Do not edit by
> hand; re-run the command. Benchmarks and the load test run on demand, never in CI.

Every row is a measured figure against its **floor**: what the platform or the runtime allows at
best (Woo's \`/batch\` of 100 means 10 calls per 1,000 stock updates; a bare hono handler serving the
same bytes is the ceiling of an endpoint; an initial sync cannot beat its platform calls × latency /
concurrency). The **ratio** is always \`measured / floor\`; the *better* column says which side of 1 is
good, and ⚠ marks a row on the wrong side. How a package reports its rows: [bench/README.md](../bench/README.md).

## Benchmarks

${results ? `Taken ${results.generatedAt} on ${machineLine(results.machine)}.\n\n${table}\n\n![measured / floor per package, log scale](performance.png)${initialSyncNotes(results)}` : 'Not run yet: `npm run bench`.'}

### How each figure is taken

- **Endpoint throughput** (\`@passerelle/core\`): 8 workers for 4 s each against an authenticated
  \`GET /orders?limit=100\` through the whole module (guard, settings, queue, acknowledgement filter, order
  rules) and against a bare hono handler serving the very same JSON bytes, same process, same run.
- **Durable acknowledgements** (\`@passerelle/core\`): \`POST /orders/acknowledge\` on the SQLite store,
  committed with \`synchronous=FULL\` before the answer; 1 and 100 orders per request.
- **Initial sync, 100,000 products** (\`bench/initial-sync.ts\`, generic): the cloud pushes a whole
  catalogue into an empty shop, \`PUT /products\` by 500 with 4 batches in flight, each item planned
  by the rules and written through the adapter, every platform call delayed by 20 ms. The floor is
  platform calls × 20 ms / the concurrency the platform allows; every item must come back \`created\`.
  Peak RSS is the benchmark process's own (\`ru_maxrss\`). Core's row uses \`createMemoryAdapter()\`
  behind a latency proxy, once over the SQLite store (production) and once over the memory store,
  so the gap between the two is what the store costs. Bridges plug their msw fake in (bench/README.md).
- **Platform calls per 1,000 stock updates** (each bridge): against the platform's floor (Woo 10,
  Shopify 4, PrestaShop and Dolibarr 1,000 with bounded concurrency).

## Load

${loadSection(load)}
`;
  writeFileSync(join(root, 'docs', 'performance.md'), markdown);
  formatWithBiome(root, [join('docs', 'performance.md')]);
  return { markdown, table };
}
