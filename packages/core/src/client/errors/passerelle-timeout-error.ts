import { PasserelleClientError } from './passerelle-client-error.js';

/** The module did not answer within `timeoutMs` (per attempt), after every retry the policy allowed. */
export class PasserelleTimeoutError extends PasserelleClientError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number) {
    super(message, { retryable: true });
    this.timeoutMs = timeoutMs;
  }
}
