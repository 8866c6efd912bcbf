import { PasserelleError } from './passerelle-error.js';

export class NotFoundError extends PasserelleError {
  constructor(message: string) {
    super('not-found', message);
  }
}
