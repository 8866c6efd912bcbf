import type { Clock } from './store.types.js';

/** The real clock: the default of every store and of the module. */
export const systemClock: Clock = { now: () => new Date() };
