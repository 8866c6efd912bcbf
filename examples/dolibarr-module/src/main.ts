import { runUntilSignal } from '@passerelle/core';

/** `npm run module:dolibarr`: the Dolibarr module over the Dolibarr of the environment, until Ctrl+C. */
await runUntilSignal(
  async () => (await import('./start-module.js')).startDolibarrModule({ env: process.env, cwd: process.cwd() }),
  { stopping: 'stopping the module...' },
);
