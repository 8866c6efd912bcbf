import { StartupError, ValidationError } from '@passerelle/core';
import cron from 'node-cron';

/** A worker ready to run: what one round does, and how the loop runs it. */
export interface Worker<S> {
  /** Run once and exit, rather than on `schedule`. */
  once: boolean;
  /** A cron expression, already checked. */
  schedule: string;
  /** Said when the loop starts, e.g. `Transferring on "*\/5 * * * *" (Ctrl+C to stop).` */
  scheduled: string;
  /** Names a round in `The <round> stopped: …`, e.g. `transfer`. */
  round: string;
  run(): Promise<S>;
  report(summary: S): void;
  /** Whether some items of the round failed: `--once` then exits 2. */
  failed(summary: S): boolean;
  close(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What both flows' `main.ts` do with a worker: start it (a refused variable or an unreachable module
 * is `Cannot start: …`, exit code 1; anything else also shows its stack), then run it once (exit code
 * 0 all done, 2 some items failed, 1 the round stopped) or on its schedule, never overlapping itself,
 * until SIGINT or SIGTERM.
 * @returns the process exit code
 */
export async function runWorker<S>(start: () => Promise<Worker<S>>): Promise<number> {
  let worker: Worker<S>;
  try {
    worker = await start();
  } catch (error) {
    const plain = error instanceof ValidationError || error instanceof StartupError;
    console.error(
      `Cannot start: ${plain || !(error instanceof Error) ? messageOf(error) : (error.stack ?? error.message)}`,
    );
    return 1;
  }

  if (worker.once) {
    try {
      const summary = await worker.run();
      worker.report(summary);
      return worker.failed(summary) ? 2 : 0;
    } catch (error) {
      console.error(`The ${worker.round} stopped: ${messageOf(error)}`);
      return 1;
    } finally {
      await worker.close();
    }
  }

  console.log(worker.scheduled);
  const task = cron.schedule(
    worker.schedule,
    async () => {
      try {
        worker.report(await worker.run());
      } catch (error) {
        console.error(`The ${worker.round} stopped: ${messageOf(error)}; next run on schedule.`);
      }
    },
    { noOverlap: true },
  );
  await task.execute();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await task.stop();
  await worker.close();
  return 0;
}
