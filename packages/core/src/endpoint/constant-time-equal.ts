import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string | Uint8Array): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Compares two secrets or MACs in constant time. Both sides are hashed first (as Hono's
 * `timingSafeEqual` does) so the compared buffers always have the same length and the time taken
 * reveals neither the content nor the length of the expected value.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
