import { createHmac } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-passerelle-timestamp';
export const SIGNATURE_HEADER = 'x-passerelle-signature';

/**
 * The HMAC mode's signature (DESIGN §4): `sha256=` + hex HMAC-SHA256 of `${timestamp}.${rawBody}`,
 * where `timestamp` is unix seconds and `rawBody` the exact bytes sent (`''` without a body).
 */
export function signPayload(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}
