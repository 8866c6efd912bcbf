import { isHTTPError, type RetryOptions } from 'ky';

/**
 * How the PrestaShop client retries, as data (ky's field set). PrestaShop has no rate limiter of its
 * own: what answers 429/503 is the host (WAF, maintenance page, PHP-FPM saturation), so `Retry-After`
 * is honoured whenever it comes. A POST creates (a product, an order history) and is never replayed
 * after it may have reached PHP: only the answers a host gives *before* PHP runs are retried for it.
 */
export interface RetryPolicy {
  /**
   * Retries after the first attempt (so at most `limit + 1` requests).
   * @default 3
   */
  limit: number;
  /**
   * Methods retried on `statusCodes`, timeouts, network errors and non-JSON answers, lower case.
   * PUT, PATCH and DELETE are idempotent on the Webservice (they name the id).
   * @default ['get', 'head', 'put', 'patch', 'delete']
   */
  methods: string[];
  /**
   * Statuses retried for `methods`. Other 4xx are never retried: the same request fails the same way.
   * @default [408, 429, 500, 502, 503, 504]
   */
  statusCodes: number[];
  /**
   * Statuses retried for a POST as well: the host refused it before PrestaShop saved anything.
   * @default [429, 503]
   */
  postStatusCodes: number[];
  /**
   * Statuses whose `Retry-After` is honoured instead of the backoff.
   * @default [429, 503]
   */
  afterStatusCodes: number[];
  /**
   * Longest `Retry-After` waited for, in milliseconds; a longer one fails the call at once.
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
   * `true` is full jitter (a random wait between 0 and the backoff), so parallel writes that failed
   * together do not come back together.
   * @default true
   */
  jitter: boolean | ((delay: number) => number);
  /**
   * Whether a timed-out attempt of `methods` is retried (a timed-out POST never is).
   * @default true
   */
  retryOnTimeout: boolean;
  /**
   * Whether a 2xx answer that is not JSON (a PHP notice printed before the JSON, an HTML error page
   * served with 200) is retried for `methods`.
   * @default true
   */
  retryUnreadable: boolean;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = Object.freeze({
  limit: 3,
  methods: Object.freeze(['get', 'head', 'put', 'patch', 'delete']) as string[],
  statusCodes: Object.freeze([408, 429, 500, 502, 503, 504]) as number[],
  postStatusCodes: Object.freeze([429, 503]) as number[],
  afterStatusCodes: Object.freeze([429, 503]) as number[],
  maxRetryAfter: 60_000,
  backoffLimit: 10_000,
  delay: (attemptCount: number) => 500 * 2 ** (attemptCount - 1),
  jitter: true,
  retryOnTimeout: true,
  retryUnreadable: true,
});

/** The policy in force: the defaults overridden field by field; a number sets `limit` only. */
export function resolveRetryPolicy(retry: Partial<RetryPolicy> | number | undefined): RetryPolicy {
  if (typeof retry === 'number') return { ...defaultRetryPolicy, limit: retry };
  const overrides = Object.fromEntries(Object.entries(retry ?? {}).filter(([, value]) => value !== undefined));
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...overrides };
  if (!Number.isInteger(policy.limit) || policy.limit < 0)
    throw new RangeError('retry.limit must be a whole number, 0 or more');
  return { ...policy, methods: policy.methods.map((method) => method.toLowerCase()) };
}

/**
 * The policy as ky's retry options for one request. An idempotent method gets the whole policy; a POST
 * is retried only on `postStatusCodes`, never after a timeout or a network error (it may have been saved).
 */
export function toKyRetry(policy: RetryPolicy, method: string): RetryOptions {
  const common = {
    limit: policy.limit,
    afterStatusCodes: [...policy.afterStatusCodes],
    maxRetryAfter: policy.maxRetryAfter,
    backoffLimit: policy.backoffLimit,
    delay: policy.delay,
    jitter: policy.jitter,
  };
  if (policy.methods.includes(method.toLowerCase())) {
    return {
      ...common,
      methods: [...policy.methods] as RetryOptions['methods'],
      statusCodes: [...policy.statusCodes],
      retryOnTimeout: policy.retryOnTimeout,
    };
  }
  return {
    ...common,
    methods: [method.toLowerCase()] as RetryOptions['methods'],
    statusCodes: [...policy.postStatusCodes],
    retryOnTimeout: false,
    shouldRetry: ({ error }) =>
      isHTTPError(error) && policy.postStatusCodes.includes(error.response.status) ? undefined : false,
  };
}
