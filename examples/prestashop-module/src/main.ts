import type { RunningPrestashopModule } from './start.js';

/**
 * `npm run module:prestashop`: a Passerelle module over a PrestaShop shop, until Ctrl+C. Configuration
 * comes from the environment or `.env` (PRESTASHOP_URL, PRESTASHOP_WEBSERVICE_KEY, PRESTASHOP_SHOP_ID,
 * PASSERELLE_*). A missing variable, a refused key or an unreachable shop stops start-up with a plain
 * message and exit code 1.
 */
let running: RunningPrestashopModule | null = null;
let stopping: NodeJS.Signals | null = null;

function stop(module: RunningPrestashopModule, signal: NodeJS.Signals): void {
  console.log(`\n${signal} received: stopping the module...`);
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

const [{ ValidationError }, { ShopUnreachableError, startPrestashopModule }] = await Promise.all([
  import('@passerelle/core'),
  import('./start.js'),
]);

try {
  running = await startPrestashopModule({ env: process.env, cwd: process.cwd() });
} catch (error) {
  const known = error instanceof ValidationError || error instanceof ShopUnreachableError;
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
if (stopping) stop(running, stopping);
