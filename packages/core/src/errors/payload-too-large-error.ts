import { PasserelleError } from './passerelle-error.js';

/** The request body is larger than the endpoint accepts; nothing of it was applied. */
export class PayloadTooLargeError extends PasserelleError {
  readonly maxBytes: number;
  constructor(maxBytes: number, message = `The request body is larger than ${maxBytes} bytes.`) {
    super('payload-too-large', message);
    this.maxBytes = maxBytes;
  }
}
