import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors/index.js';
import type { AccessSettings } from './access-settings.js';

/**
 * The endpoint password (DESIGN §4): stored only as a scrypt hash, recognised by a short
 * fingerprint, compared in constant time, rotatable with a grace period.
 */

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32, saltBytes: 16 } as const;
// Bounds on what a stored hash may ask for, so a tampered settings file cannot make every
// request burn seconds of CPU or gigabytes of memory.
const MAX_N = 1 << 17;
const MAX_R = 16;
const MAX_P = 4;
/** scrypt memory is 128 * N * r bytes; 64 MiB is 4 times what the default parameters use. */
const MAX_MEMORY = 64 * 1024 * 1024;
const MIN_LENGTH = 12;
const MAX_LENGTH = 1024;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

const B64 = '[A-Za-z0-9+/]+={0,2}';
const HASH_PATTERN = new RegExp(`^scrypt\\$(\\d{1,8})\\$(\\d{1,3})\\$(\\d{1,3})\\$(${B64})\\$(${B64})$`);

/** `sha256:` and 8 hex digits, as `fingerprint()` makes it. */
export const FINGERPRINT_PATTERN = /^sha256:[0-9a-f]{8}$/;

/** Whether `value` has the shape `hashPassword()` produces (it says nothing about which password). */
export function isPasswordHash(value: string): boolean {
  return HASH_PATTERN.test(value);
}

function deriveKey(plain: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; raise Node's 32 MiB default only as far as the parameters need.
    const maxmem = 256 * N * r + 1024 * 1024;
    scrypt(plain.normalize('NFC'), salt, keylen, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function encode(salt: Buffer, key: Buffer): string {
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64` with a random 16-byte salt. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  return encode(salt, await deriveKey(plain, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen));
}

/**
 * Whether `plain` is the password `encoded` was made from. The comparison is constant-time; a
 * malformed hash or out-of-bounds parameters answer `false` rather than throw.
 */
export async function verifyPassword(plain: string, encoded: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(encoded);
  if (!match) return false;
  const [, nText = '', rText = '', pText = '', saltText = '', hashText = ''] = match;
  const N = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  // N must be a power of two above 1 for scrypt.
  const validN = N > 1 && N <= MAX_N && (N & (N - 1)) === 0;
  if (!validN || r < 1 || r > MAX_R || p < 1 || p > MAX_P || 128 * N * r > MAX_MEMORY) return false;
  const expected = Buffer.from(hashText, 'base64');
  const salt = Buffer.from(saltText, 'base64');
  if (expected.length < 16 || expected.length > 64 || salt.length < 8) return false;
  const actual = await deriveKey(plain, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A short tag that recognises a password without revealing it: `sha256:` and the first 8 hex
 * digits of SHA-256 over a Passerelle-specific prefix and the password. The admin page shows it
 * (never the password) and the remote side can compute it to check it holds the same password.
 * 32 bits cannot be reversed, and the prefix keeps it out of generic SHA-256 lookup tables.
 */
export function fingerprint(plain: string): string {
  const digest = createHash('sha256')
    .update(`passerelle-endpoint-password:${plain.normalize('NFC')}`)
    .digest('hex');
  return `sha256:${digest.slice(0, 8)}`;
}

/** A new random password: 24 random bytes as 32 base64url characters (safe in any header). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Refuses a password the endpoint could not use reliably: shorter than 12 characters, or holding
 * characters an HTTP header cannot carry unchanged (non-ASCII, control characters, and spaces at
 * either end, which header parsing strips).
 */
export function assertUsablePassword(plain: string): void {
  const problems: string[] = [];
  if (plain.length < MIN_LENGTH) problems.push(`must be at least ${MIN_LENGTH} characters long`);
  if (plain.length > MAX_LENGTH) problems.push(`must be at most ${MAX_LENGTH} characters long`);
  if (plain.length > 0 && !PRINTABLE_ASCII.test(plain)) {
    problems.push('may only hold printable ASCII characters (letters, digits, punctuation, spaces)');
  }
  if (plain !== plain.trim()) problems.push('must not start or end with a space');
  if (problems.length > 0) {
    const message = `The endpoint password ${problems.join(', ')}.`;
    throw new ValidationError(message, [{ path: 'access.password', message }]);
  }
}

export interface SetPasswordOptions {
  /**
   * How long the password being replaced keeps working, so the remote side can switch over
   * without failed syncs. 0 ends it at once.
   * @default 0
   */
  graceSeconds?: number;
  /** @default new Date() */
  now?: Date;
}

const MAX_GRACE_SECONDS = 30 * 24 * 3600;

/**
 * Returns `settings` with a new endpoint password: its hash, fingerprint and date. When a password
 * was already set and `graceSeconds` > 0, the old hash stays valid until `now + graceSeconds`;
 * otherwise no previous password is kept. Synchronous (about 50 ms of scrypt) because it only runs
 * when an admin or the start-up configuration sets the password, never per request.
 */
export function setPassword<T extends { access: AccessSettings }>(
  settings: T,
  plain: string,
  options: SetPasswordOptions = {},
): T {
  assertUsablePassword(plain);
  const graceSeconds = options.graceSeconds ?? 0;
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
    const message = `The grace period must be a whole number of seconds between 0 and ${MAX_GRACE_SECONDS}.`;
    throw new ValidationError(message, [{ path: 'access.previousPasswordValidUntil', message }]);
  }
  const now = options.now ?? new Date();
  const salt = randomBytes(SCRYPT.saltBytes);
  const hash = encode(
    salt,
    scryptSync(plain.normalize('NFC'), salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }),
  );
  const current = settings.access.passwordHash;
  const keepPrevious = current !== null && graceSeconds > 0;
  return {
    ...settings,
    access: {
      ...settings.access,
      passwordHash: hash,
      passwordFingerprint: fingerprint(plain),
      passwordSetAt: now.toISOString(),
      previousPasswordHash: keepPrevious ? current : null,
      previousPasswordValidUntil: keepPrevious ? new Date(now.getTime() + graceSeconds * 1000).toISOString() : null,
    },
  };
}

/**
 * Which stored password `plain` is: the current one, the previous one still within its grace
 * period, or neither (`null`). Both hashes are checked whatever the outcome of the first, so the
 * answer time does not tell which one matched.
 */
export async function matchPassword(
  access: Pick<AccessSettings, 'passwordHash' | 'previousPasswordHash' | 'previousPasswordValidUntil'>,
  plain: string,
  now: Date = new Date(),
): Promise<'current' | 'previous' | null> {
  const [current, previous] = await Promise.all([
    access.passwordHash === null ? false : verifyPassword(plain, access.passwordHash),
    access.previousPasswordHash === null ? false : verifyPassword(plain, access.previousPasswordHash),
  ]);
  if (current) return 'current';
  const validUntil =
    access.previousPasswordValidUntil === null ? Number.NaN : Date.parse(access.previousPasswordValidUntil);
  if (previous && validUntil > now.getTime()) return 'previous';
  return null;
}
