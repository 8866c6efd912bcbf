const marker = Symbol.for('passerelle.client-error');

/**
 * Base of every error the remote client raises about the exchange with a module: an HTTP error
 * answer, an unreachable module, a timeout, an answer that breaks the protocol. Mistakes in the
 * caller's own input (a page size of 0) are plain `RangeError`/`TypeError`, kept apart on purpose
 * as ky does: retrying them never helps.
 */
export class PasserelleClientError extends Error {
  /** Whether sending the same request again later may succeed. */
  readonly retryable: boolean;
  readonly [marker] = true;

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable ?? false;
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /** Cross-realm guard: works when two copies of the package are loaded. */
  static is(value: unknown): value is PasserelleClientError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
