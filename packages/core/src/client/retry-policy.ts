import type { RetryOptions } from 'ky';
import { isHTTPError } from 'ky';
import { parseRetryAfter } from './retry-after.js';

/**
 * How the client retries, as data (ky's field set). Every write carries an `Idempotency-Key`, so
 * POST and PUT are as safe to retry as GET: a retry after a lost answer is applied once.
 */
export interface RetryPolicy {
  /**
   * Retries after the first attempt (so at most `limit + 1` requests).
   * @default 3
   */
  limit: number;
  /**
   * Methods retried, lower case.
   * @default ['get', 'put', 'post']
   */
  methods: string[];
  /**
   * Statuses retried. Other 4xx are never retried: the same request would fail the same way.
   * @default [408, 429, 500, 502, 503, 504]
   */
  statusCodes: number[];
  /**
   * Statuses whose `Retry-After` is honoured instead of the backoff.
   * @default [408, 429, 500, 502, 503, 504]
   */
  afterStatusCodes: number[];
  /**
   * Longest `Retry-After` waited for, in milliseconds. A longer one is not waited for (nor clamped):
   * the call fails at once with `PasserelleHttpError.retryAfterMs`, so a scheduler can come back later
   * instead of holding a request open.
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
   * @default (attemptCount) => 1000 * 2 ** (attemptCount - 1)
   */
  delay: (attemptCount: number) => number;
  /**
   * `true` is full jitter (a random wait between 0 and the backoff), so many clouds retrying after
   * the same outage do not arrive together; or a function of the backoff.
   * @default true
   */
  jitter: boolean | ((delay: number) => number);
  /**
   * Whether a timed-out attempt is retried (writes stay applied once through their key).
   * @default true
   */
  retryOnTimeout: boolean;
}

const RETRIED_STATUSES = Object.freeze([408, 429, 500, 502, 503, 504]);

export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  limit: 3,
  methods: Object.freeze(['get', 'put', 'post']) as string[],
  statusCodes: RETRIED_STATUSES as number[],
  afterStatusCodes: RETRIED_STATUSES as number[],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
  delay: (attemptCount: number) => 1000 * 2 ** (attemptCount - 1),
  jitter: true,
  retryOnTimeout: true,
});

/** The policy in force: the defaults, overridden field by field; a number sets `limit` only. */
export function resolveRetryPolicy(retry: Partial<RetryPolicy> | number | undefined): RetryPolicy {
  if (typeof retry === 'number') return { ...defaultRetryPolicy, limit: retry };
  const overrides = Object.fromEntries(Object.entries(retry ?? {}).filter(([, value]) => value !== undefined));
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...overrides };
  if (!Number.isInteger(policy.limit) || policy.limit < 0) {
    throw new RangeError('retry.limit must be a whole number, 0 or more');
  }
  return { ...policy, methods: policy.methods.map((method) => method.toLowerCase()) };
}

/** The policy as ky's options. */
export function toKyRetryOptions(policy: RetryPolicy): RetryOptions {
  return {
    limit: policy.limit,
    methods: [...policy.methods],
    statusCodes: [...policy.statusCodes],
    afterStatusCodes: [...policy.afterStatusCodes],
    maxRetryAfter: policy.maxRetryAfter,
    backoffLimit: policy.backoffLimit,
    delay: policy.delay,
    jitter: policy.jitter,
    retryOnTimeout: policy.retryOnTimeout,
    // ky clamps a long Retry-After to maxRetryAfter and retries early, into a module that asked for
    // more time; give up instead and let the error carry the wait.
    shouldRetry: ({ error }) => {
      if (!isHTTPError(error) || !policy.afterStatusCodes.includes(error.response.status)) return undefined;
      const wait = parseRetryAfter(error.response.headers.get('retry-after'));
      return wait !== undefined && wait > policy.maxRetryAfter ? false : undefined;
    },
  };
}
