import { DEADLINE_SAFETY_MS, REQUEST_DEADLINE_MS } from './limits.js';

/** A read's time budget: past it, answer the page so far with a cursor instead of timing out. */
export function createDeadline(now: () => number = Date.now, budgetMs = REQUEST_DEADLINE_MS - DEADLINE_SAFETY_MS) {
  const end = now() + budgetMs;
  return { expired: () => now() >= end };
}
