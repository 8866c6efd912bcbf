import { ValidationError } from '../errors/index.js';

/**
 * The endpoint's limits, in one place so the routes, the OpenAPI document and the tests agree.
 * Changing one is a protocol change: the remote client reads the same numbers.
 */

/** Most items a read returns in one page (`limit` 1..500). */
export const MAX_LIMIT = 500;

/** Page size when the request has no `limit`. */
export const DEFAULT_LIMIT = 100;

/** Most items one write body (`{ items: [...] }`) may carry. */
export const MAX_BATCH = 500;

/** Largest request body read, counted on the stream (a `Content-Length` header can lie). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Time budget of one request. A read nearing it stops fetching and answers the page it has, with a
 * `nextCursor`, rather than letting a proxy time it out (lessons.md item 8).
 */
export const REQUEST_DEADLINE_MS = 10_000;

/**
 * Margin kept before the deadline: a read stops starting new platform calls once less than this is
 * left, so serialising and sending the short page still fits in the budget.
 */
export const DEADLINE_SAFETY_MS = 2_000;

/** Accepted clock skew of an HMAC-signed request's timestamp, each way. */
export const HMAC_MAX_SKEW_SECONDS = 300;

/** How long the addresses of an `allowedHosts` name are reused before it is resolved again. */
export const HOST_CACHE_TTL_MS = 300_000;

/**
 * How long a failed host resolution is remembered. Shorter than a success, so a DNS hiccup does not
 * lock the remote side out for the whole cache lifetime.
 */
export const HOST_NEGATIVE_CACHE_TTL_MS = 30_000;

/** Age after which a cursor is refused as stale: the cloud restarts its read instead of resuming. */
export const CURSOR_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Longest cursor text decoded; anything longer is refused before any work is done on it. */
export const MAX_CURSOR_LENGTH = 2048;

/** `Retry-After` sent when the state store cannot write: long enough for a disk or lock to clear. */
export const STORE_UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

const LIMIT_DIGITS = /^[0-9]{1,4}$/;

/**
 * Reads the `limit` query parameter: absent means {@link DEFAULT_LIMIT}; anything but a whole number
 * in 1..{@link MAX_LIMIT} (`0`, `501`, `abc`, `1.5`, an empty value) is refused rather than clamped,
 * so a client bug shows up instead of silently paging differently.
 */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = LIMIT_DIGITS.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    const message = `limit must be a whole number from 1 to ${MAX_LIMIT}`;
    throw new ValidationError(message, [{ path: 'limit', message }]);
  }
  return limit;
}
