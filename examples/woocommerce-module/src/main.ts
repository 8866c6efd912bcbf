import { runUntilSignal } from '@passerelle/core';

/** `npm run module:woocommerce`: a Passerelle module in front of a WooCommerce shop, until Ctrl+C. */
await runUntilSignal(
  async () => (await import('./start.js')).startWooModule({ env: process.env, cwd: process.cwd() }),
  { stopping: 'stopping the module...' },
);
