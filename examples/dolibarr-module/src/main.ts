import { ValidationError } from '@passerelle/core';
import { DolibarrUnavailableError, type RunningDolibarrModule, startDolibarrModule } from './start-module.js';

/** `npm run module:dolibarr`: the Dolibarr module over the Dolibarr of the environment, until Ctrl+C. */
async function main(): Promise<void> {
  let running: RunningDolibarrModule;
  try {
    running = await startDolibarrModule({ env: process.env, cwd: process.cwd() });
  } catch (error) {
    const known = error instanceof ValidationError || error instanceof DolibarrUnavailableError;
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    if (!known && error instanceof Error && error.stack) console.error(error.stack);
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: stopping the module...`);
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`Stopped with an error: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
