import { PlatformError } from '@passerelle/core';

/** What went wrong on the way to PrestaShop. */
export type PrestashopFailure =
  /** PrestaShop (or the host) answered an error status. */
  | 'http'
  /** A 2xx answer that is not the expected JSON: a PHP notice, an HTML page, XML where JSON was asked. */
  | 'unreadable'
  | 'timeout'
  | 'network';

/** One entry of the Webservice's `errors` list (`{"errors":[{"code":87,"message":"Id(s) not exists: 9"}]}`). */
export interface WebserviceErrorEntry {
  code: number | null;
  message: string;
}

/**
 * A failed Webservice call. The message names the method, the resource and PrestaShop's own error
 * codes and messages; it never holds the webservice key (the key travels in the Authorization
 * header only, and every text is scrubbed of it before it gets here).
 */
export class PrestashopError extends PlatformError {
  readonly failure: PrestashopFailure;
  readonly method: string;
  /** `products`, `products/12`, `images/products/12`… */
  readonly resource: string;
  readonly errors: WebserviceErrorEntry[];

  constructor(input: {
    message: string;
    status: number;
    failure: PrestashopFailure;
    method: string;
    resource: string;
    errors?: WebserviceErrorEntry[];
    retryable: boolean;
    cause?: unknown;
  }) {
    const errors = input.errors ?? [];
    super(input.message, input.status, { errors }, { cause: input.cause, retryable: input.retryable });
    this.failure = input.failure;
    this.method = input.method;
    this.resource = input.resource;
    this.errors = errors;
  }

  /** Whether PrestaShop answered this Webservice error code (87 = unknown id, 93 = field not writable…). */
  hasCode(code: number): boolean {
    return this.errors.some((error) => error.code === code);
  }
}
