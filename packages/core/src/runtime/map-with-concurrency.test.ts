import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../index.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` tasks in flight and answers in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 6], 3, async (value, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      for (let wait = 0; wait < value; wait++) await tick();
      inFlight--;
      return `${index}:${value}`;
    });
    expect(most).toBe(3);
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
  });

  it('treats a limit below 1 or not a number as 1, and an empty list as nothing to do', async () => {
    let most = 0;
    let inFlight = 0;
    const task = async (value: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      return value * 2;
    };
    expect(await mapWithConcurrency([1, 2, 3], 0, task)).toEqual([2, 4, 6]);
    expect(await mapWithConcurrency([1, 2], Number.NaN, task)).toEqual([2, 4]);
    expect(most).toBe(1);
    expect(await mapWithConcurrency([], 4, task)).toEqual([]);
  });

  it('on a failure starts nothing more, lets the calls in flight finish, then rejects with the first error', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const outcome = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (value) => {
      started.push(value);
      if (value === 1) throw new Error('item 1 failed');
      await tick();
      await tick();
      finished.push(value);
      return value;
    });
    await expect(outcome).rejects.toThrow('item 1 failed');
    // Item 0 was in flight when item 1 failed: it finished before the rejection; nothing after it started.
    expect(finished).toEqual([0]);
    expect(started).toEqual([0, 1]);
  });
});
