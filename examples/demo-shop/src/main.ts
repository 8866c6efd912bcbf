import type { RunningDemo } from './start-demo.js';

/**
 * `npm start`: the demo shop and its Passerelle module, until Ctrl+C. The signal handlers come
 * first and the module is loaded after them, so a Ctrl+C while the shop loads or seeds still ends
 * with the databases closed.
 */
let demo: RunningDemo | null = null;
let stopping: NodeJS.Signals | null = null;

function stop(running: RunningDemo, signal: NodeJS.Signals): void {
  console.log(`\n${signal} received: stopping the module and closing the databases...`);
  running
    .stop()
    .then(() => {
      console.log('Stopped.');
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(`Stopped with an error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = signal;
  if (demo) stop(demo, signal);
  else console.log(`\n${signal} received: stopping as soon as start-up is done...`);
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const [{ ValidationError }, { PortInUseError }, { startDemo }] = await Promise.all([
  import('@passerelle/core'),
  import('./port-in-use-error.js'),
  import('./start-demo.js'),
]);

try {
  demo = await startDemo({ env: process.env, cwd: process.cwd() });
} catch (error) {
  // A refused variable or a taken port is said plainly; anything else also shows its stack, for a bug report.
  const known = error instanceof ValidationError || error instanceof PortInUseError;
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
if (stopping) stop(demo, stopping);
