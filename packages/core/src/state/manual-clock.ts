import type { Clock } from './store.types.js';

/** A clock that only moves when told to: tests use it to cross purge horizons, throttle windows and leases. */
export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function createManualClock(start: Date | string = '2025-01-01T00:00:00.000Z'): ManualClock {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new RangeError('createManualClock: start is not a date');
  return {
    // A fresh Date each time, so a caller mutating it cannot move the clock.
    now: () => new Date(current),
    set(at) {
      const next = new Date(at).getTime();
      if (Number.isNaN(next)) throw new RangeError('ManualClock.set: not a date');
      current = next;
    },
    advance(ms) {
      current += ms;
    },
  };
}
