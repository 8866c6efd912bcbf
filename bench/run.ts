/**
 * `npm run bench` (root): runs every package's benchmark, one after the other so they never compete
 * for the CPU, plus core's 100k-product initial sync, collects their `BENCH_JSON` lines
 * (bench/README.md), writes `bench/results.json`, `docs/performance.md` and `docs/performance.png`,
 * and prints the ratio table.
 *
 * Environment: `BENCH_ONLY=core,woocommerce` runs only the packages whose folder or name contains one
 * of the words; `BENCH_SKIP_INITIAL_SYNC=1` skips the initial sync; `BENCH_TIMEOUT_MS` bounds each
 * package (default 15 minutes); `INITIAL_SYNC_PRODUCTS` and the packages' own variables pass through.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOutput } from './bench-line.js';
import { formatWithBiome } from './format-docs.js';
import { machineInfo } from './machine.js';
import { writePerformanceDoc } from './render-performance.js';
import { type BenchResults, type PackageResult, RESULTS_FILE, readJson } from './results.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((word) => word.trim())
  .filter((word) => word !== '');
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000);

/** Benchmarks run in their own process group (so a timeout ends npm and its script together): stop them on Ctrl-C too. */
const running = new Set<number>();
process.once('SIGINT', () => {
  for (const pid of running) process.kill(-pid, 'SIGKILL');
  process.exit(130);
});

interface Workspace {
  name: string;
  dir: string;
  benchScript: string | null;
}

function workspaces(): Workspace[] {
  const found: Workspace[] = [];
  for (const group of ['packages', 'examples']) {
    const parent = join(root, group);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const manifest = join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; scripts?: Record<string, string> };
      found.push({
        name: pkg.name ?? entry.name,
        dir: join(parent, entry.name),
        benchScript: pkg.scripts?.bench ?? null,
      });
    }
  }
  return found;
}

/**
 * A package has a benchmark when it has a `bench` script whose entry file exists. Bridges declare the
 * script before they write `bench/run.ts`; until then they are listed as "no benchmark yet".
 */
function missingBenchmark(workspace: Workspace): string | null {
  if (workspace.benchScript === null) return 'no benchmark yet (no "bench" script)';
  const entry = /\S+\.(?:ts|js|mjs)\b/.exec(workspace.benchScript)?.[0];
  if (entry !== undefined && !existsSync(join(workspace.dir, entry)))
    return `no benchmark yet (${entry} does not exist)`;
  return null;
}

function run(
  label: string,
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    if (child.pid !== undefined) running.add(child.pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // npm runs the script in a child of its own: end the whole group, not only npm.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const line of chunk.toString().split('\n'))
        if (line.trim() !== '' && !line.startsWith('BENCH_JSON ')) process.stdout.write(`  [${label}] ${line}\n`);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      const note = timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s (BENCH_TIMEOUT_MS)\n` : '';
      resolve({ code, stdout, stderr: `${note}${stderr}`, ms: performance.now() - started });
    });
  });
}

function failure(code: number | null, stdout: string, stderr: string): string {
  if (stderr.startsWith('timed out')) return stderr.split('\n')[0] ?? 'timed out';
  return `exit ${code}: ${lastLines(stderr || stdout, 3)}`;
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' / ').slice(0, 300);
}

async function benchWorkspace(workspace: Workspace): Promise<PackageResult> {
  const base = { package: workspace.name, workspace: relative(root, workspace.dir), rows: [], durationMs: 0 };
  const missing = missingBenchmark(workspace);
  if (missing !== null) return { ...base, status: 'no-benchmark', reason: missing };
  console.log(`== ${workspace.name}: npm run bench`);
  const { code, stdout, stderr, ms } = await run(workspace.name, 'npm', ['run', '--silent', 'bench'], workspace.dir);
  const parsed = parseBenchOutput(stdout);
  // A benchmark that printed its rows and exited 1 missed a target of its own: its figures still count.
  if (code === 1 && parsed.ok && !stderr.startsWith('timed out')) {
    const rows = parsed.output.rows;
    return {
      ...base,
      package: parsed.output.package,
      durationMs: ms,
      status: 'target-missed',
      reason: lastLines(stderr, 1),
      rows,
    };
  }
  if (code !== 0) return { ...base, durationMs: ms, status: 'failed', reason: failure(code, stdout, stderr) };
  if (!parsed.ok) return { ...base, durationMs: ms, status: 'failed', reason: parsed.reason };
  return { ...base, package: parsed.output.package, durationMs: ms, status: 'ok', rows: parsed.output.rows };
}

async function initialSync(store: 'sqlite' | 'memory'): Promise<PackageResult> {
  const name = `@passerelle/core (memory adapter, ${store} store)`;
  console.log(`== ${name}: initial sync`);
  const { code, stdout, stderr, ms } = await run(
    `initial sync, ${store} store`,
    process.execPath,
    ['--conditions=passerelle-source', '--import', 'tsx', join(root, 'bench', 'initial-sync-memory.ts')],
    root,
    { INITIAL_SYNC_STORE: store },
  );
  const base = { package: name, workspace: 'bench', rows: [], durationMs: ms };
  const parsed = parseBenchOutput(stdout);
  if (code !== 0) return { ...base, status: 'failed', reason: failure(code, stdout, stderr) };
  if (!parsed.ok) return { ...base, status: 'failed', reason: parsed.reason };
  return { ...base, package: parsed.output.package, status: 'ok', rows: parsed.output.rows };
}

const selected = (text: string) => only.length === 0 || only.some((word) => text.includes(word));
const machine = machineInfo();
const packages: PackageResult[] = [];
for (const workspace of workspaces()) {
  if (!selected(`${workspace.name} ${relative(root, workspace.dir)}`)) continue;
  // Examples are demos: listed only when they bring a benchmark.
  if (relative(root, workspace.dir).startsWith('examples') && missingBenchmark(workspace) !== null) continue;
  packages.push(await benchWorkspace(workspace));
}
if (process.env.BENCH_SKIP_INITIAL_SYNC !== '1' && selected('core initial-sync')) {
  packages.push(await initialSync('sqlite'));
  packages.push(await initialSync('memory'));
}

const takenAt = new Date().toISOString();
for (const result of packages) result.takenAt = takenAt;
// A partial run (BENCH_ONLY) refreshes its packages and keeps the others' last figures, marked with their date.
const previous = only.length > 0 ? readJson<BenchResults>(join(root, RESULTS_FILE)) : null;
for (const kept of previous?.packages ?? []) {
  if (!packages.some((result) => result.package === kept.package))
    packages.push({ ...kept, takenAt: kept.takenAt ?? previous?.generatedAt });
}
packages.sort((a, b) => a.package.localeCompare(b.package));
const results: BenchResults = { generatedAt: takenAt, machine, packages };
writeFileSync(join(root, RESULTS_FILE), `${JSON.stringify(results, null, 2)}\n`);
formatWithBiome(root, [RESULTS_FILE]);
const { table } = writePerformanceDoc(root);
console.log(`\n${table}\n`);
console.log(`Wrote ${RESULTS_FILE}, docs/performance.md and docs/performance.png.`);
if (packages.some((result) => result.status === 'failed' || result.status === 'target-missed')) process.exitCode = 1;
