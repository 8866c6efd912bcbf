import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runUntilSignal, StartupError, ValidationError } from '../index.js';

function harness() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const exited = new Promise<number>((resolve) => {
    emitter.on('exit', resolve);
  });
  const host = {
    on: (signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void) => emitter.on(signal, listener),
    exit: (code: number) => {
      exits.push(code);
      emitter.emit('exit', code);
    },
  };
  return {
    emitter,
    exits,
    out,
    err,
    exited,
    options: { host, log: (line: string) => out.push(line), error: (line: string) => err.push(line) },
  };
}

describe('runUntilSignal', () => {
  it('stops on SIGTERM and exits 0; a second signal is ignored', async () => {
    const h = harness();
    let stops = 0;
    const stop = async () => {
      stops += 1;
    };
    const running = await runUntilSignal(async () => ({ stop }), {
      ...h.options,
      stopping: 'stopping the module...',
      stopped: 'Stopped.',
    });
    expect(running).not.toBeNull();
    h.emitter.emit('SIGTERM', 'SIGTERM');
    h.emitter.emit('SIGINT', 'SIGINT');
    expect(await h.exited).toBe(0);
    expect(stops).toBe(1);
    expect(h.out).toEqual(['\nSIGTERM received: stopping the module...', 'Stopped.']);
  });

  it('a signal during start-up stops as soon as start-up is done', async () => {
    const h = harness();
    let stopped = false;
    await runUntilSignal(
      async () => {
        h.emitter.emit('SIGINT', 'SIGINT');
        return {
          stop: async () => {
            stopped = true;
          },
        };
      },
      { ...h.options, waiting: 'stopping as soon as start-up is done...' },
    );
    expect(await h.exited).toBe(0);
    expect(stopped).toBe(true);
    expect(h.out).toEqual([
      '\nSIGINT received: stopping as soon as start-up is done...',
      '\nSIGINT received: stopping...',
    ]);
  });

  it('a failed stop says so and exits 1', async () => {
    const h = harness();
    await runUntilSignal(
      async () => ({
        stop: async () => {
          throw new Error('disk gone');
        },
      }),
      h.options,
    );
    h.emitter.emit('SIGINT', 'SIGINT');
    expect(await h.exited).toBe(1);
    expect(h.err).toEqual(['Stopped with an error: disk gone']);
  });

  it('a variable at fault or an unusable platform is one plain line and exit 1; a bug also shows its stack', async () => {
    class ShopUnreachableError extends StartupError {}
    for (const failure of [
      new ValidationError('PASSERELLE_PORT: expected a port number', [{ path: 'PASSERELLE_PORT', message: 'x' }]),
      new ShopUnreachableError('The shop at https://shop.test could not be reached'),
    ]) {
      const h = harness();
      const running = await runUntilSignal(async () => Promise.reject(failure), h.options);
      expect(running).toBeNull();
      expect(h.exits).toEqual([1]);
      expect(h.err).toEqual([`Cannot start: ${failure.message}`]);
    }
    expect(new ShopUnreachableError('x').name).toBe('ShopUnreachableError');
    const h = harness();
    await runUntilSignal(async () => Promise.reject(new TypeError('undefined is not a function')), h.options);
    expect(h.exits).toEqual([1]);
    expect(h.err[0]).toBe('Cannot start: undefined is not a function');
    expect(h.err[1]).toMatch(/^TypeError: undefined is not a function\n\s+at /);
  });
});
