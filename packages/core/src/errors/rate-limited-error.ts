import { PasserelleError } from './passerelle-error.js';

export class RateLimitedError extends PasserelleError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number) {
    super('rate-limited', message, { retryable: true });
    this.retryAfterMs = retryAfterMs;
  }
}
