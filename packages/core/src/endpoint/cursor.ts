import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../errors/index.js';
import { CURSOR_MAX_AGE_MS, MAX_CURSOR_LENGTH } from './limits.js';

/** What a cursor carries: flat values only (dates as ISO strings), like a sync checkpoint. */
export type CursorValue = string | number | boolean | null;
export type CursorPayload = Record<string, CursorValue>;

export interface CursorCodec {
  /** Seals a position into an opaque, URL-safe string. */
  encode(payload: CursorPayload): string;
  /** Opens a cursor this codec issued; throws {@link InvalidCursorError} for anything else. */
  decode(cursor: string): CursorPayload;
}

export interface CursorCodecOptions {
  /**
   * Age after which a cursor is refused as stale; `Infinity` keeps cursors valid forever.
   * @default CURSOR_MAX_AGE_MS (30 days)
   */
  maxAgeMs?: number;
  /** @default the system clock */
  clock?: { now(): Date };
}

const VERSION = 1;
const TAG_BYTES = 16;
const MIN_SECRET_BYTES = 16;
// Binds the tag to its use, so a MAC made with the same secret elsewhere never passes as a cursor.
const DOMAIN = 'passerelle.cursor\u0000';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function isCursorValue(value: unknown): value is CursorValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function isPayload(value: unknown): value is CursorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value as Record<string, unknown>).every(isCursorValue)
  );
}

/**
 * Creates the codec for the endpoint's opaque cursors: a version byte, the JSON of
 * `{ p: payload, iat: issued-at seconds }`, and an HMAC-SHA256 tag truncated to 128 bits, all
 * base64url. The tag means a client can neither forge a position nor edit one (say, to skip the
 * `shopId` filter a cursor carries); the issue time lets old cursors expire.
 * The secret must be at least 16 bytes; keep it stable across restarts or every cursor dies with it.
 */
export function createCursorCodec(secret: Uint8Array | string, options: CursorCodecOptions = {}): CursorCodec {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new TypeError(`The cursor secret must be at least ${MIN_SECRET_BYTES} bytes long.`);
  }
  const maxAgeMs = options.maxAgeMs ?? CURSOR_MAX_AGE_MS;
  const now = () => (options.clock ? options.clock.now() : new Date()).getTime();

  const tag = (body: Uint8Array): Buffer =>
    createHmac('sha256', key).update(DOMAIN).update(body).digest().subarray(0, TAG_BYTES);

  return {
    encode(payload) {
      if (!isPayload(payload)) {
        throw new TypeError('A cursor payload holds only strings, finite numbers, booleans and null.');
      }
      const json = Buffer.from(JSON.stringify({ p: payload, iat: Math.floor(now() / 1000) }), 'utf8');
      const body = Buffer.concat([Buffer.of(VERSION), json]);
      const cursor = Buffer.concat([body, tag(body)]).toString('base64url');
      if (cursor.length > MAX_CURSOR_LENGTH) {
        throw new RangeError(`A cursor payload must encode to at most ${MAX_CURSOR_LENGTH} characters.`);
      }
      return cursor;
    },

    decode(cursor) {
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) {
        throw new InvalidCursorError('malformed');
      }
      const bytes = Buffer.from(cursor, 'base64url');
      // Refuse non-canonical spellings too: one position, one cursor text.
      if (bytes.byteLength < 1 + TAG_BYTES + 2 || bytes.toString('base64url') !== cursor) {
        throw new InvalidCursorError('malformed');
      }
      if (bytes[0] !== VERSION) throw new InvalidCursorError('unsupported-version');
      const body = bytes.subarray(0, bytes.byteLength - TAG_BYTES);
      if (!timingSafeEqual(tag(body), bytes.subarray(bytes.byteLength - TAG_BYTES))) {
        throw new InvalidCursorError('forged');
      }
      let sealed: unknown;
      try {
        sealed = JSON.parse(body.subarray(1).toString('utf8'));
      } catch {
        throw new InvalidCursorError('malformed');
      }
      const { p: payload, iat } = (typeof sealed === 'object' && sealed !== null ? sealed : {}) as Record<
        string,
        unknown
      >;
      if (!isPayload(payload) || typeof iat !== 'number' || !Number.isFinite(iat)) {
        throw new InvalidCursorError('malformed');
      }
      if (now() - iat * 1000 > maxAgeMs) {
        throw new InvalidCursorError('stale', 'The cursor has expired: restart the read without a cursor.');
      }
      return Object.fromEntries(Object.entries(payload));
    },
  };
}
