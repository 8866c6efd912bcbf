import { runUntilSignal } from '@passerelle/core';

/** `npm run module:shopify`: the Shopify module until Ctrl+C (signal handlers first, so a stop during start-up closes the store). */
await runUntilSignal(
  async () => (await import('./start.js')).startShopifyModule({ env: process.env, cwd: process.cwd() }),
  { stopping: 'stopping...' },
);
