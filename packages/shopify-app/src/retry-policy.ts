/**
 * How the Shopify transport retries, as data (ky's field set). GraphQL answers HTTP 200 even when a
 * query is throttled, so cost throttling (`THROTTLED`) has its own budget next to the HTTP statuses.
 */
export interface RetryPolicy {
  /**
   * Retries after an HTTP failure (429, 5xx, network), per call.
   * @default 3
   */
  limit: number;
  /**
   * HTTP statuses worth retrying. A mutation is retried on 5xx or a network error only when it is
   * idempotent (an `@idempotent` key); 429 means Shopify did not run it, so it is always retried.
   * @default [429, 500, 502, 503, 504]
   */
  statusCodes: number[];
  /**
   * Statuses whose `Retry-After` header sets the wait.
   * @default [429, 503]
   */
  afterStatusCodes: number[];
  /**
   * Longest `Retry-After` honoured; a longer one fails the call (retryable) instead of blocking it.
   * @default 60_000
   */
  maxRetryAfter: number;
  /**
   * Retries of a `THROTTLED` answer; each waits until the bucket has refilled enough for the query.
   * @default 10
   */
  throttledLimit: number;
  /**
   * Backoff before retry `attempt` (1-based), in milliseconds, before jitter.
   * @default attempt => 300 * 2 ** (attempt - 1)
   */
  delay: (attempt: number) => number;
  /**
   * Upper bound of one backoff, in milliseconds.
   * @default 10_000
   */
  backoffLimit: number;
  /**
   * Full jitter: each backoff is drawn between half and all of the computed delay, so many shops
   * retrying together do not hit Shopify in step.
   * @default true
   */
  jitter: boolean;
}

export const defaultRetryPolicy: RetryPolicy = {
  limit: 3,
  statusCodes: [429, 500, 502, 503, 504],
  afterStatusCodes: [429, 503],
  maxRetryAfter: 60_000,
  throttledLimit: 10,
  delay: (attempt) => 300 * 2 ** (attempt - 1),
  backoffLimit: 10_000,
  jitter: true,
};

/** The wait before retry `attempt` of a failed call. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const computed = Math.min(policy.backoffLimit, Math.max(0, policy.delay(attempt)));
  return policy.jitter ? computed / 2 + (random() * computed) / 2 : computed;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
