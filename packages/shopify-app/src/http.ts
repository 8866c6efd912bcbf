import ky, { type KyInstance } from 'ky';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

/**
 * The ky instance for Shopify's plain HTTP calls (OAuth token endpoint, bulk JSONL downloads): the
 * same retry policy as the GraphQL transport. Only idempotent methods retry on 5xx; the token
 * endpoint's POST is retried by its callers where a replay is harmless.
 */
export function createHttp(policy: Partial<RetryPolicy> = {}, fetchImpl?: typeof fetch): KyInstance {
  const retry = { ...defaultRetryPolicy, ...policy };
  return ky.create({
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    timeout: 30_000,
    throwHttpErrors: false,
    retry: {
      limit: retry.limit,
      methods: ['get', 'head'],
      statusCodes: retry.statusCodes,
      afterStatusCodes: retry.afterStatusCodes,
      maxRetryAfter: retry.maxRetryAfter,
      backoffLimit: retry.backoffLimit,
      delay: retry.delay,
      ...(retry.jitter ? { jitter: true } : {}),
    },
  });
}
