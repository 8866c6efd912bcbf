import cron, { type ScheduledTask } from 'node-cron';
import type { ModuleEventEmitter } from './events.js';

export type JobFunction = (signal: AbortSignal) => Promise<void>;

export interface JobDefinition {
  name: string;
  /** node-cron expression (seconds optional); `null` = only run on demand. */
  schedule: string | null;
  run: JobFunction;
}

export interface Jobs {
  register(job: JobDefinition): void;
  /**
   * Runs a job now. A job never overlaps itself: while a run is in progress, this
   * returns that run's promise instead of starting another.
   */
  run(name: string): Promise<void>;
  names(): string[];
  isRunning(name: string): boolean;
  /** Starts the schedules (not done by default, so tests and embedders decide). */
  start(): void;
  /** Stops the schedules, aborts running jobs and waits for them to settle. */
  stop(): Promise<void>;
}

export function createJobs(events: ModuleEventEmitter): Jobs {
  const definitions = new Map<string, JobDefinition>();
  const running = new Map<string, Promise<void>>();
  const tasks: ScheduledTask[] = [];
  const controller = new AbortController();

  const run = (name: string): Promise<void> => {
    const job = definitions.get(name);
    if (!job) return Promise.reject(new Error(`unknown job "${name}"`));
    const current = running.get(name);
    if (current) {
      events.emit('job-skipped', { job: name, reason: 'already-running' });
      return current;
    }
    const started = Date.now();
    events.emit('job-started', { job: name });
    const promise = (async () => {
      try {
        await job.run(controller.signal);
        events.emit('job-finished', { job: name, durationMs: Date.now() - started });
      } catch (error) {
        events.emit('job-failed', { job: name, error: error instanceof Error ? error : new Error(String(error)) });
        throw error;
      } finally {
        running.delete(name);
      }
    })();
    running.set(name, promise);
    return promise;
  };

  return {
    register(job) {
      if (job.schedule !== null && !cron.validate(job.schedule)) {
        throw new Error(`job "${job.name}": invalid cron expression "${job.schedule}"`);
      }
      definitions.set(job.name, job);
    },
    run,
    names: () => [...definitions.keys()],
    isRunning: (name) => running.has(name),
    start() {
      for (const job of definitions.values()) {
        if (job.schedule === null) continue;
        // Failures are reported through `job-failed`; the schedule must not die with them.
        tasks.push(
          cron.schedule(job.schedule, () => run(job.name).catch(() => undefined), { name: job.name, noOverlap: true }),
        );
      }
    },
    async stop() {
      for (const task of tasks.splice(0)) await task.destroy();
      controller.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
}
