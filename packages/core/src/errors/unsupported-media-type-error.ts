import { PasserelleError } from './passerelle-error.js';

/** The request body is not in a media type the endpoint reads (it reads `application/json` only). */
export class UnsupportedMediaTypeError extends PasserelleError {
  readonly accepted: string[];
  constructor(accepted: string[], message = `The request body must be sent as ${accepted.join(' or ')}.`) {
    super('unsupported-media-type', message);
    this.accepted = accepted;
  }
}
