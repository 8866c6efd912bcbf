/**
 * How the WooCommerce client retries, as data (ky's field set). WooCommerce core has no rate limit:
 * 429 and 503 come from the host (WAF, CDN, PHP workers busy), so their `Retry-After` is honoured.
 * Only idempotent calls are retried after a failure that may have been applied (5xx, timeout,
 * truncated answer); a create batch is retried only on 429, which says nothing was done.
 */
export interface RetryPolicy {
  /**
   * Retries after the first attempt (so at most `limit + 1` requests).
   * @default 3
   */
  limit: number;
  /**
   * Statuses retried for idempotent calls. Other 4xx are never retried: the same request fails the same way.
   * @default [408, 429, 500, 502, 503, 504]
   */
  statusCodes: number[];
  /**
   * Statuses whose `Retry-After` is waited for instead of the backoff.
   * @default [429, 503]
   */
  afterStatusCodes: number[];
  /**
   * Longest `Retry-After` waited for, in milliseconds; a longer one fails the call at once with
   * `PlatformThrottledError.retryAfterMs`, so the module's retry job comes back later.
   * @default 60_000
   */
  maxRetryAfter: number;
  /**
   * Longest backoff between two attempts, in milliseconds.
   * @default 10_000
   */
  backoffLimit: number;
  /**
   * Backoff before retry `attemptCount` (1-based), in milliseconds, before jitter and `backoffLimit`.
   * @default (attemptCount) => 500 * 2 ** (attemptCount - 1)
   */
  delay: (attemptCount: number) => number;
  /**
   * Full jitter (a random wait between 0 and the backoff), so shops behind one WAF are not hit together.
   * @default true
   */
  jitter: boolean;
  /**
   * Whether an idempotent call that timed out is retried.
   * @default true
   */
  retryOnTimeout: boolean;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  limit: 3,
  statusCodes: [408, 429, 500, 502, 503, 504],
  afterStatusCodes: [429, 503],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
  delay: (attemptCount: number) => 500 * 2 ** (attemptCount - 1),
  jitter: true,
  retryOnTimeout: true,
});

/** The defaults overridden field by field. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...defined };
  if (!Number.isInteger(policy.limit) || policy.limit < 0)
    throw new RangeError('retry.limit must be a whole number, 0 or more');
  return policy;
}
