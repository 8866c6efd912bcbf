import { ValidationError } from '../errors/index.js';

// Both stores check their arguments here, so they accept and refuse exactly the same inputs.

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The last value `toInstant` accepted and what it made of it: only ever a value that passed its checks. */
let lastInstant: { value: string; instant: string } | null = null;

/**
 * Journal and activity timestamps are compared as strings by purges (SQLite has no date type), so they are
 * stored in one shape: `toISOString()`. Anything without a time zone would be ambiguous and is refused.
 */
export function toInstant(value: string, path: string): string {
  // A batch's activity entries share one `at`: the last accepted value is remembered, not parsed 500 times.
  if (lastInstant !== null && value === lastInstant.value) return lastInstant.instant;
  const time = isoInstant.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new ValidationError(`${path} must be an ISO 8601 date-time with a time zone.`, [
      { path, message: 'Expected an ISO 8601 date-time with a time zone, e.g. 2025-01-31T12:00:00Z.' },
    ]);
  }
  const instant = new Date(time).toISOString();
  lastInstant = { value, instant };
  return instant;
}

export function pageLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 0) {
    throw new ValidationError('limit must be a non-negative integer.', [
      { path: 'limit', message: 'Expected a non-negative integer.' },
    ]);
  }
  return limit;
}

export function windowMs(windowSeconds: number): number {
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) {
    throw new ValidationError('windowSeconds must be a positive number.', [
      { path: 'windowSeconds', message: 'Expected a positive number of seconds.' },
    ]);
  }
  return windowSeconds * 1000;
}

/** What `JSON.stringify` makes of a settings or details value; `undefined` is stored as null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
