import { runUntilSignal } from '@passerelle/core';

/**
 * `npm start`: the demo shop and its Passerelle module, until Ctrl+C. The signal handlers come
 * first and the module is loaded after them, so a Ctrl+C while the shop loads or seeds still ends
 * with the databases closed.
 */
await runUntilSignal(
  async () => (await import('./start-demo.js')).startDemo({ env: process.env, cwd: process.cwd() }),
  {
    stopping: 'stopping the module and closing the databases...',
    waiting: 'stopping as soon as start-up is done...',
    stopped: 'Stopped.',
  },
);
