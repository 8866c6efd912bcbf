import { PasserelleClientError } from './passerelle-client-error.js';

/**
 * The module could not be reached: connection refused or reset, DNS failure, TLS failure. No
 * answer was received, so a write may or may not have been applied; retrying it with the same
 * `Idempotency-Key` is what makes that safe.
 */
export class PasserelleNetworkError extends PasserelleClientError {
  /** The system error code when there is one (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`). */
  readonly errorCode: string | undefined;

  constructor(message: string, errorCode: string | undefined, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause, retryable: true });
    this.errorCode = errorCode;
  }
}
