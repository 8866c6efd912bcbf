import { ValidationError } from '@passerelle/core';
import { type RunningWooModule, ShopUnavailableError, startWooModule } from './start.js';

/** `npm run module:woocommerce`: a Passerelle module in front of a WooCommerce shop, until Ctrl+C. */
async function main(): Promise<void> {
  let running: RunningWooModule;
  try {
    running = await startWooModule({ env: process.env, cwd: process.cwd() });
  } catch (error) {
    // A bad variable (ValidationError) or an unusable shop (ShopUnavailableError) is one plain sentence.
    const plain = error instanceof ValidationError || error instanceof ShopUnavailableError;
    console.error(
      `Cannot start: ${error instanceof Error ? error.message : String(error)}${plain ? '' : ' (unexpected)'}`,
    );
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
