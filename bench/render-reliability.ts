/**
 * `node --conditions=passerelle-source --import tsx bench/render-reliability.ts`: runs the fault,
 * fuzz and security suites (`packages/core/test/{fault,fuzz,security}-*.test.ts`) with a fresh
 * summary folder, and every bridge's fault suite (`packages/<bridge>/test/faults.test.ts`, through
 * that platform's own fake), then writes `docs/reliability.md` from what they recorded. A core suite
 * records a row only once the assertions behind it have passed, so the document lists observed
 * outcomes; a bridge's tests are listed by name (each name says the fault and the outcome its
 * assertions check) with their status. A test that failed is listed as failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatWithBiome } from './format-docs.js';
import { machineInfo } from './machine.js';

interface Row {
  suite: string;
  fault: string;
  injected: string;
  observed: string;
  items?: { sent: number; outcomes: Record<string, number>; lost: number; duplicated: number };
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  startTime: number;
  testResults: {
    name: string;
    status: string;
    startTime: number;
    endTime: number;
    assertionResults: { fullName: string; status: string; duration?: number }[];
  }[];
}

const SUITES: { key: string; title: string; intro: string }[] = [
  {
    key: 'adapter',
    title: 'Platform faults in the middle of batches',
    intro:
      '`fault-adapter-errors.test.ts`: the memory adapter wrapped as a bridge over a batch API (sub-batches of 100); the cloud uses `@passerelle/core/client` over 127.0.0.1 and re-sends what failed.',
  },
  {
    key: 'sigkill',
    title: 'SIGKILL between a platform write and its acknowledgement',
    intro:
      '`fault-sigkill.test.ts`: a module process over a SQLite store and a SQLite platform stand-in that logs every write; the process stops at the named point (its work committed, its answer not sent) and is killed with SIGKILL, then restarted over the same files.',
  },
  {
    key: 'store',
    title: 'The store cannot write',
    intro:
      '`fault-store-unavailable.test.ts`: a 1 MiB tmpfs filled to ENOSPC (needs mount rights), and a read-only store file under an unprivileged module process.',
  },
  { key: 'fuzz', title: 'Fuzzing', intro: '`fuzz-endpoint.test.ts` (fast-check).' },
  { key: 'security', title: 'Secrets', intro: '`security-secrets.test.ts`.' },
  { key: 'security-access', title: 'Access control', intro: '`security-access.test.ts`.' },
  {
    key: 'security-input',
    title: 'Hostile input on the wire',
    intro: '`security-input.test.ts` (raw HTTP over a socket).',
  },
];

const root = fileURLToPath(new URL('..', import.meta.url));
/** Each bridge's fault suite, run against that platform's stateful fake. */
const bridgeSuites = readdirSync(join(root, 'packages'))
  .map((name) => join('packages', name, 'test', 'faults.test.ts'))
  .filter((file) => existsSync(join(root, file)))
  .sort();
const summaries = mkdtempSync(join(tmpdir(), 'passerelle-reliability-'));
const report = join(summaries, 'vitest.json');
const machine = machineInfo();
const started = Date.now();
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    'packages/core/test/fault-',
    'packages/core/test/fuzz-',
    'packages/core/test/security-',
    ...bridgeSuites,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ],
  {
    cwd: root,
    env: { ...process.env, PASSERELLE_RELIABILITY_DIR: summaries },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const wallSeconds = (Date.now() - started) / 1000;

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const rows = new Map<string, Row[]>();
for (const file of readdirSync(summaries).filter((name) => name.endsWith('.json') && name !== 'vitest.json')) {
  const { suite, rows: recorded } = JSON.parse(readFileSync(join(summaries, file), 'utf8')) as {
    suite: string;
    rows: Row[];
  };
  rows.set(suite, recorded);
}
const vitest = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as VitestReport) : null;
rmSync(summaries, { recursive: true, force: true });

function itemsCell(items: Row['items']): string {
  if (!items) return '';
  const outcomes = Object.entries(items.outcomes)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
  return `${items.sent} | ${cell(outcomes)} | ${items.lost} | ${items.duplicated}`;
}

const sections = SUITES.map(({ key, title, intro }) => {
  const recorded = rows.get(key) ?? [];
  const body = recorded.length
    ? [
        '| fault | injected | observed | items sent | final outcomes | lost | duplicated |',
        '| --- | --- | --- | ---: | --- | ---: | ---: |',
        ...recorded.map(
          (row) =>
            `| ${cell(row.fault)} | ${cell(row.injected)} | ${cell(row.observed)} | ${row.items ? itemsCell(row.items) : ' | | |'} |`,
        ),
      ].join('\n')
    : '_No observation recorded: the suite did not pass in this run (see the test list below)._';
  return `## ${title}\n\n${intro}\n\n${body}`;
});

const files = (vitest?.testResults ?? [])
  .map((file) => ({
    name: file.name.replace(`${root}`, '').replace(/^\//, ''),
    status: file.status,
    seconds: (file.endTime - file.startTime) / 1000,
    tests: file.assertionResults,
  }))
  .sort((a, b) => a.name.localeCompare(b.name));
const bridgeFiles = files.filter((file) => bridgeSuites.includes(file.name));
const bridgeSection = bridgeFiles
  .map((file) => {
    const bridge = file.name.split('/')[1] ?? file.name;
    const tests = file.tests.map(
      (test) => `| ${cell(test.fullName)} | ${test.status} | ${((test.duration ?? 0) / 1000).toFixed(2)} |`,
    );
    return `### ${bridge}\n\n\`${file.name}\`\n\n| fault and checked outcome | status | seconds |\n| --- | --- | ---: |\n${tests.join('\n')}`;
  })
  .join('\n\n');
const failed = files.flatMap((file) =>
  file.tests.filter((test) => test.status === 'failed').map((test) => `${file.name}: ${test.fullName}`),
);

const markdown = `# Reliability

> Generated by \`node --conditions=passerelle-source --import tsx bench/render-reliability.ts\`, which runs
> the fault, fuzz and security suites and renders what they recorded. Each row is written by the test
> itself after its assertions passed: it is an observed outcome, not a claim. Do not edit by hand.

Run ${new Date(started).toISOString()} on Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel} (load average
${machine.loadAverage.join(' / ')} at the start): ${vitest ? `${vitest.numPassedTests} tests passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped` : 'no vitest report'},
${wallSeconds.toFixed(0)} s wall time for the core suites and the bridges' fault suites together (they run in \`npm test\`, so in \`.ci/run\`).

Every fault below is checked for the same three things: every item has an outcome, nothing is lost
(the platform ends with what was sent), nothing is duplicated (one product per reference, one status
entry per change, a replayed Idempotency-Key never reaching the platform again).

${sections.join('\n\n')}

## Through each platform's own fake

Each bridge's fault suite drives the bridge against its stateful platform fake (msw), which answers the
fault the way that platform does: its error bodies, \`Retry-After\`, HTML pages from a proxy or
maintenance mode, PHP notices, cut connections. The test names say the fault and the outcome their
assertions check; every test below passed in this run unless its status says otherwise.

${bridgeSection || '_No bridge fault suite found._'}

## Test files

| file | status | seconds | tests |
| --- | --- | ---: | ---: |
${files.map((file) => `| ${file.name} | ${file.status} | ${file.seconds.toFixed(1)} | ${file.tests.length} |`).join('\n')}
${failed.length ? `\nFailed: ${failed.map((name) => `\`${cell(name)}\``).join(', ')}\n` : ''}
## What these suites found in core, and what was changed

- **A write answered 503 but applied on the platform** (disk full, read-only store): the batch reached
  the platform, then the store refused the bindings and the answer was 503 \`store-unavailable\`, which
  the protocol says applies nothing. \`endpoint/batch.ts\` now commits a one-row probe to the store
  before a batch touches the platform, so a store that cannot write refuses the batch first. A disk
  that fills up between the probe and the end of the batch can still leave that window open; the
  retry (same key) then finds the items by reference and does not duplicate them.
- **Platform credentials in answers, the journal and logs**: a bridge error quoting the URL it called
  (\`?ws_key=…\`) or an \`Authorization: Basic …\` header went verbatim into item results and the
  journal (\`endpoint/batch.ts\`), into the 502 problem detail (\`endpoint/problem.ts\` cut URLs but not
  headers), into the logger and \`GET /info\`'s \`lastSweepError\` (\`module.ts\`). All now go through
  \`redactText\`.
- **Every poller paid a scrypt at once** (found by \`npm run load\`): the guard remembers a verified password
  for a minute, but concurrent requests that found no entry each ran their own scrypt, so 100 pollers at
  start (and again whenever the entry expired) meant 100 scrypts together: 100 cold requests took 7.4 s
  on the 2-CPU machine. \`endpoint/access.ts\` now shares one verification per credential while it runs
  (193 ms for the same 100 requests); the load test's p99 went from about 14 s to about 1 s.
- **\`createMemoryAdapter()\` was quadratic** in the catalogue size (every write and lookup scanned
  every product): a 100,000-product initial sync could not finish. It now keeps a reference index
  (\`testing/memory-adapter.ts\`).
- **Bridges, through their platform fakes** (the suites above): Dolibarr's client took a 200 that was not
  JSON as a result (a PHP warning before the JSON, an answer cut short, where a cut id \`12\` read as
  \`1\`), and a re-sent draft order was validated without its rounding line; Shopify's client had no
  timeout, never retried a 200 carrying HTML or truncated JSON, and kept a stale stock level after a
  lost answer. All fixed; lost answers to non-idempotent writes are now checked (by handle, by the order)
  rather than replayed.
- **\`writeConcurrency\` was per batch**: four batches at once sent 16 calls to a PrestaShop or Dolibarr
  shop set to 4. The bound is now shared by every batch (\`createConcurrencyLimit\`).
`;
writeFileSync(join(root, 'docs', 'reliability.md'), markdown);
formatWithBiome(root, [join('docs', 'reliability.md')]);
console.log(
  `Wrote docs/reliability.md (${[...rows.values()].reduce((count, list) => count + list.length, 0)} observations, ${wallSeconds.toFixed(0)} s).`,
);
process.exitCode = run.status ?? 1;
