import { PasserelleError } from './passerelle-error.js';

export class NotConfiguredError extends PasserelleError {
  constructor(message = 'The module has no endpoint password yet: set one in the module settings.') {
    super('not-configured', message, { retryable: true });
  }
}
