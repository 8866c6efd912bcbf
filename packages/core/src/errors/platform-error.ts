import { PasserelleError } from './passerelle-error.js';

/**
 * The platform (PrestaShop, WooCommerce, Shopify, Dolibarr) answered with an error.
 * `body` is bounded and scrubbed by the bridge before it gets here.
 */
export class PlatformError extends PasserelleError {
  readonly status: number;
  readonly body: unknown;
  constructor(message: string, status: number, body?: unknown, options: { cause?: unknown; retryable?: boolean } = {}) {
    super('platform', message, {
      cause: options.cause,
      retryable: options.retryable ?? (status === 429 || status >= 500 || status === 0),
    });
    this.status = status;
    this.body = body;
  }
}

/** 429 or a cost-throttle answer: retry after `retryAfterMs`. */
export class PlatformThrottledError extends PlatformError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, body?: unknown) {
    super(message, 429, body, { retryable: true });
    this.retryAfterMs = retryAfterMs;
  }
}
