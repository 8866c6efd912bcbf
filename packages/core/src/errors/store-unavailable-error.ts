import { PasserelleError } from './passerelle-error.js';

/** The state store cannot write (read-only file, disk full): answer 503, apply nothing. */
export class StoreUnavailableError extends PasserelleError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('store-unavailable', message, { cause: options.cause, retryable: true });
  }
}
