/**
 * A module in its own process, for the tests that kill it (fault-sigkill), run it without write
 * access to its store (fault-store-unavailable) or load it (load-pollers): the SQLite state store
 * plus the SQLite platform stand-in, listening on 127.0.0.1.
 *
 * Started as `node --conditions=passerelle-source --import tsx packages/core/test/fault-module-process.ts`
 * with the environment:
 * - `PASSERELLE_STORE`, `PASSERELLE_PLATFORM`: the two SQLite files;
 * - `PASSERELLE_PASSWORD`: set on start when the store has none yet (a read-only store keeps its own);
 * - `FAULT_PAUSE`: comma-separated points where the process stops, its work committed and unanswered:
 *   `ack` (acknowledgements stored), or a platform operation (`products.write`, `stock.write`,
 *   `orders.setStatus`). It prints `PAUSED <point>` and waits to be killed;
 * - `FAULT_ORDERS`, `FAULT_PRODUCTS`: what the platform is seeded with on first use;
 * - `FAULT_HEAP_REPORT_MS`: every so often, print `HEAP <bytes> <ms>`: the V8 heap in use right after a
 *   full garbage collection when the process runs with `--expose-gc` (the load test's leak check), and the
 *   longest event-loop stall since the last report.
 * It prints `READY <endpoint url>` once listening, and exits cleanly on SIGTERM.
 */
import { writeSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createModule, createSqliteStore } from '@passerelle/core';
import { openSqlitePlatform } from './fault-sqlite-platform.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    writeSync(2, `${name} is required\n`);
    process.exit(2);
  }
  return value;
}

const pauses = (process.env.FAULT_PAUSE ?? '').split(',').filter((point) => point !== '');
const platform = openSqlitePlatform({
  path: required('PASSERELLE_PLATFORM'),
  orders: Number(process.env.FAULT_ORDERS ?? 6),
  products: Number(process.env.FAULT_PRODUCTS ?? 3),
  pauseAfter: pauses,
});
const store = createSqliteStore({ path: required('PASSERELLE_STORE') });
const module = await createModule({ adapter: platform.adapter, store });
if ((await module.settings.current()).settings.access.passwordHash === null) {
  await module.settings.setPassword(required('PASSERELLE_PASSWORD'), 'fault-module-process');
}

if (pauses.includes('ack')) {
  let paused = false;
  module.events.on('acknowledge', () => {
    if (paused) return;
    paused = true;
    // Synchronous on purpose: the acknowledgement is committed, the answer must never leave.
    writeSync(1, 'PAUSED ack\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  });
}

const heapReportMs = Number(process.env.FAULT_HEAP_REPORT_MS ?? 0);
if (heapReportMs > 0) {
  const collect = (globalThis as { gc?: () => void }).gc;
  // The longest event-loop stall of each interval too: better-sqlite3 commits (and their fsyncs) run on the
  // loop thread, so a slow disk delays every request in flight at once.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  setInterval(() => {
    const stallMs = Math.round(loop.max / 1e6);
    loop.reset();
    collect?.();
    writeSync(1, `HEAP ${process.memoryUsage().heapUsed} ${stallMs}\n`);
  }, heapReportMs).unref();
}

const server = await module.listen({ port: Number(process.env.PASSERELLE_PORT ?? 0), host: '127.0.0.1' });
writeSync(1, `READY ${server.url}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await module.close();
    await store.close();
    platform.close();
    process.exit(0);
  })();
});
