import { ValidationError } from '../errors/index.js';

/**
 * Start-up cannot go on for a reason the person starting the module can fix: the platform cannot be
 * reached, or refused the key. Extend it with the platform's own class and a message that says what
 * to check (naming variables, never their secret values); `runUntilSignal` prints it as one plain line,
 * without a stack, and exits 1.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The endpoint's port is taken by another process. A `ValidationError` on `PASSERELLE_PORT`: the
 * message says to stop the other process or choose another port.
 */
export class PortInUseError extends ValidationError {
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, options: { cause?: unknown } = {}) {
    const message = `Port ${port} on ${host} is already in use. Stop the other process, or choose another port with PASSERELLE_PORT.`;
    super(message, [{ path: 'PASSERELLE_PORT', message }], options);
    this.host = host;
    this.port = port;
  }
}
