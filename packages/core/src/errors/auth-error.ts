import { PasserelleError } from './passerelle-error.js';

/** Why a request was refused; journaled as is, so it never holds a secret. */
export type AuthFailure =
  | 'missing-credentials'
  | 'wrong-credentials'
  | 'secret-in-query'
  | 'address-not-allowed'
  | 'bad-signature'
  | 'stale-signature';

export class AuthError extends PasserelleError {
  readonly failure: AuthFailure;
  constructor(failure: AuthFailure, message: string) {
    super(failure === 'address-not-allowed' ? 'forbidden' : 'unauthorized', message);
    this.failure = failure;
  }
}
