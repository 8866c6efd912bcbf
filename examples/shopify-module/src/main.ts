import type { RunningShopifyModule } from './start.js';

/** `npm run module:shopify`: the Shopify module until Ctrl+C (signal handlers first, so a stop during start-up closes the store). */
let running: RunningShopifyModule | null = null;
let stopping: NodeJS.Signals | null = null;

function stop(module: RunningShopifyModule, signal: NodeJS.Signals): void {
  console.log(`\n${signal} received: stopping...`);
  module
    .stop()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(`Stopped with an error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = signal;
  if (running) stop(running, signal);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const [{ ValidationError }, { ShopifyUnavailableError, startShopifyModule }] = await Promise.all([
  import('@passerelle/core'),
  import('./start.js'),
]);

try {
  running = await startShopifyModule({ env: process.env, cwd: process.cwd() });
} catch (error) {
  // A refused variable or an unreachable shop is said plainly; anything else also shows its stack.
  const known = error instanceof ValidationError || error instanceof ShopifyUnavailableError;
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
if (stopping) stop(running, stopping);
