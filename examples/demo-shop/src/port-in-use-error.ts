/** The endpoint's port is taken by another process: start-up stops and says so plainly. */
export class PortInUseError extends Error {
  readonly port: number;
  readonly host: string;

  constructor(host: string, port: number) {
    super(
      `Port ${port} on ${host} is already in use. Stop the other process, or choose another port with PASSERELLE_PORT.`,
    );
    this.name = 'PortInUseError';
    this.port = port;
    this.host = host;
  }
}
