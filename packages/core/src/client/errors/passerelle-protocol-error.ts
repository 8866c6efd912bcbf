import { PasserelleClientError } from './passerelle-client-error.js';

/**
 * The module answered with a success status but not in the shape the protocol promises (not JSON,
 * no `items`, fewer write results than items sent, a cursor that does not move). Usually a proxy
 * page or a version mismatch; the client stops rather than guess.
 */
export class PasserelleProtocolError extends PasserelleClientError {}
