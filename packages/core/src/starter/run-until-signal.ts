import { ValidationError } from '../errors/index.js';
import { StartupError } from './startup-errors.js';

/** What `runUntilSignal` runs: anything with an async `stop()`. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** The part of `process` `runUntilSignal` uses; tests pass an `EventEmitter` with an `exit` of their own. */
export interface SignalHost {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export interface RunUntilSignalOptions {
  /** Said after `<SIGNAL> received: `. @default 'stopping...' */
  stopping?: string;
  /** Said when a signal arrives before start-up is done (it stops as soon as it is). @default nothing */
  waiting?: string;
  /** Said once stopped cleanly. @default nothing */
  stopped?: string;
  /** @default ['SIGINT', 'SIGTERM'] */
  signals?: readonly NodeJS.Signals[];
  /** @default process */
  host?: SignalHost;
  /** @default console.log */
  log?: (line: string) => void;
  /** @default console.error */
  error?: (line: string) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `start` until SIGINT or SIGTERM, then stops what it started and exits: 0 once stopped, 1 when
 * `stop` failed (`Stopped with an error: …`). The handlers are installed before `start` runs, so a
 * Ctrl+C during start-up still stops cleanly as soon as start-up is done; a second signal is ignored.
 * A start-up failure prints `Cannot start: <message>` and exits 1; a `ValidationError` (a variable at
 * fault) or a `StartupError` (the platform cannot be used) is that one line, anything else also shows
 * its stack, for a bug report.
 * @returns what `start` returned, or null when it failed
 */
export async function runUntilSignal<T extends Stoppable>(
  start: () => Promise<T>,
  options: RunUntilSignalOptions = {},
): Promise<T | null> {
  const host = options.host ?? process;
  const log = options.log ?? ((line: string) => console.log(line));
  const error = options.error ?? ((line: string) => console.error(line));
  let running: T | null = null;
  let stopping: NodeJS.Signals | null = null;

  const stop = (started: T, signal: NodeJS.Signals) => {
    log(`\n${signal} received: ${options.stopping ?? 'stopping...'}`);
    started.stop().then(
      () => {
        if (options.stopped) log(options.stopped);
        host.exit(0);
      },
      (failure: unknown) => {
        error(`Stopped with an error: ${messageOf(failure)}`);
        host.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = signal;
    if (running) stop(running, signal);
    else if (options.waiting) log(`\n${signal} received: ${options.waiting}`);
  };
  for (const signal of options.signals ?? ['SIGINT', 'SIGTERM']) host.on(signal, onSignal);

  try {
    running = await start();
  } catch (failure) {
    error(`Cannot start: ${messageOf(failure)}`);
    const plain = failure instanceof ValidationError || failure instanceof StartupError;
    if (!plain && failure instanceof Error && failure.stack) error(failure.stack);
    host.exit(1);
    return null;
  }
  if (stopping) stop(running, stopping);
  return running;
}
