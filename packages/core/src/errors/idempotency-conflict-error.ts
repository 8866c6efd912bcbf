import { PasserelleError } from './passerelle-error.js';

export class IdempotencyConflictError extends PasserelleError {
  constructor(message = 'This Idempotency-Key was already used with a different request body.') {
    super('idempotency-conflict', message);
  }
}
