import { PasserelleError } from './passerelle-error.js';

/** Why a cursor was refused; the caller restarts its read from the beginning in every case. */
export type InvalidCursorReason = 'malformed' | 'forged' | 'stale' | 'unsupported-version';

/** A cursor the endpoint did not issue, that was altered, or that is too old to resume from. */
export class InvalidCursorError extends PasserelleError {
  readonly reason: InvalidCursorReason;
  constructor(reason: InvalidCursorReason, message = 'The cursor is invalid: restart the read without a cursor.') {
    super('invalid-cursor', message);
    this.reason = reason;
  }
}
