/**
 * How the Dolibarr client retries, as data (ky's field set). Dolibarr has no idempotency key: a
 * POST that timed out may have created the order, so writes are retried only when the server
 * refused them before doing anything (429 from a rate-limiting proxy). Reads and PUTs (which
 * assign the same fields again) are retried on 5xx and timeouts too. A 401 is never retried:
 * Dolibarr sleeps a second on a bad key, on purpose.
 */
export interface DolibarrRetryPolicy {
  /**
   * Retries after the first attempt (so at most `limit + 1` requests).
   * @default 3
   */
  limit: number;
  /**
   * Methods retried on `statusCodes` and timeouts, lower case.
   * @default ['get', 'put', 'delete']
   */
  methods: string[];
  /**
   * Statuses on which POST is retried too: the request was refused, not half-applied.
   * @default [429]
   */
  postStatusCodes: number[];
  /**
   * Statuses retried.
   * @default [408, 429, 500, 502, 503, 504]
   */
  statusCodes: number[];
  /**
   * Statuses whose `Retry-After` is honoured instead of the backoff.
   * @default [413, 429, 503]
   */
  afterStatusCodes: number[];
  /**
   * Longest `Retry-After` waited for, in milliseconds (a longer one is cut to this).
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
   * Full jitter (a random wait between 0 and the backoff), so several modules retrying after one
   * outage do not hit a small PHP host together.
   * @default true
   */
  jitter: boolean;
  /**
   * Whether a timed-out GET or PUT is retried (a timed-out POST never is).
   * @default true
   */
  retryOnTimeout: boolean;
}

export const defaultDolibarrRetryPolicy: Readonly<DolibarrRetryPolicy> = Object.freeze({
  limit: 3,
  methods: ['get', 'put', 'delete'],
  postStatusCodes: [429],
  statusCodes: [408, 429, 500, 502, 503, 504],
  afterStatusCodes: [413, 429, 503],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
  delay: (attemptCount: number) => 500 * 2 ** (attemptCount - 1),
  jitter: true,
  retryOnTimeout: true,
});

export function resolveRetryPolicy(overrides: Partial<DolibarrRetryPolicy> | number | undefined): DolibarrRetryPolicy {
  if (typeof overrides === 'number') return { ...defaultDolibarrRetryPolicy, limit: overrides };
  const defined = Object.fromEntries(Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined));
  const policy: DolibarrRetryPolicy = { ...defaultDolibarrRetryPolicy, ...defined };
  if (!Number.isInteger(policy.limit) || policy.limit < 0)
    throw new RangeError('retry.limit must be a whole number, 0 or more');
  return policy;
}
