import { PasserelleError } from './passerelle-error.js';

export class NotSupportedError extends PasserelleError {
  /** The adapter's capabilities, so the caller sees what it can do instead. */
  readonly capabilities: unknown;
  constructor(message: string, capabilities: unknown) {
    super('not-supported', message);
    this.capabilities = capabilities;
  }
}
