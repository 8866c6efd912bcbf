import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from '../index.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createConcurrencyLimit', () => {
  it('bounds the calls of several concurrent batches together, not each batch', async () => {
    const limit = createConcurrencyLimit();
    let inFlight = 0;
    let most = 0;
    const call = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      await tick();
      inFlight--;
    };
    // Four batches of 10, each 4 wide: 16 asked for at once, 4 allowed.
    const batches = Array.from({ length: 4 }, () => limit.map(Array.from({ length: 10 }), 4, call));
    await Promise.all(batches);
    expect(most).toBe(4);
    expect(limit.active).toBe(0);
    expect(limit.waiting).toBe(0);
  });

  it('serves waiting calls first come, first served, and frees the slot of a call that throws', async () => {
    const limit = createConcurrencyLimit();
    const order: number[] = [];
    let release: () => void = () => {};
    const first = limit.run(() => new Promise<void>((resolve) => (release = resolve)), 1);
    const failing = limit.run(async () => {
      order.push(1);
      throw new Error('refused');
    }, 1);
    const later = limit.run(async () => {
      order.push(2);
    }, 1);
    await tick();
    expect(order).toEqual([]);
    expect(limit.waiting).toBe(2);
    release();
    await first;
    await expect(failing).rejects.toThrow('refused');
    await later;
    expect(order).toEqual([1, 2]);
    expect(limit.active).toBe(0);
  });

  it('runs a task started from inside another of the same limit without waiting for a slot', async () => {
    const limit = createConcurrencyLimit();
    const outer = Array.from({ length: 2 }, (_, index) =>
      limit.run(async () => {
        await tick();
        return limit.run(async () => `inner ${index}`, 2);
      }, 2),
    );
    expect(await Promise.all(outer)).toEqual(['inner 0', 'inner 1']);
  });

  it('takes a raised limit on the next call', async () => {
    const limit = createConcurrencyLimit();
    let inFlight = 0;
    let most = 0;
    const call = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
    };
    await Promise.all(Array.from({ length: 6 }, () => limit.run(call, 2)));
    expect(most).toBe(2);
    most = 0;
    await Promise.all(Array.from({ length: 6 }, () => limit.run(call, 3)));
    expect(most).toBe(3);
  });
});
