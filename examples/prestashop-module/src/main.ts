import { runUntilSignal } from '@passerelle/core';

/**
 * `npm run module:prestashop`: a Passerelle module over a PrestaShop shop, until Ctrl+C. Configuration
 * comes from the environment or `.env` (PRESTASHOP_URL, PRESTASHOP_WEBSERVICE_KEY, PRESTASHOP_SHOP_ID,
 * PASSERELLE_*). A missing variable, a refused key or an unreachable shop stops start-up with a plain
 * message and exit code 1. The signal handlers come first and the module is loaded after them.
 */
await runUntilSignal(
  async () => (await import('./start.js')).startPrestashopModule({ env: process.env, cwd: process.cwd() }),
  { stopping: 'stopping the module...' },
);
