/**
 * Every error Passerelle raises on purpose. `code` names the problem type that
 * `endpoint/problem.ts` maps it to; `retryable` tells a caller whether the same
 * request may succeed later.
 */
export type PasserelleErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'idempotency-conflict'
  | 'not-supported'
  | 'not-configured'
  | 'not-found'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'invalid-cursor'
  | 'platform'
  | 'store-unavailable'
  | 'internal';

export interface PasserelleErrorOptions {
  cause?: unknown;
  retryable?: boolean;
}

const marker = Symbol.for('passerelle.error');

export class PasserelleError extends Error {
  readonly code: PasserelleErrorCode;
  readonly retryable: boolean;
  readonly [marker] = true;

  constructor(code: PasserelleErrorCode, message: string, options: PasserelleErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /** Cross-realm guard: works when two copies of the package are loaded. */
  static is(value: unknown): value is PasserelleError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
