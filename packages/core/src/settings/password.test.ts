import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { parseSettings } from './parse-settings.js';
import {
  fingerprint,
  generatePassword,
  hashPassword,
  isPasswordHash,
  matchPassword,
  setPassword,
  verifyPassword,
} from './password.js';
import { defaultSettings } from './schema.js';

const PASSWORD = 'correct horse battery staple';

describe('hashPassword / verifyPassword', () => {
  it('encodes scrypt with its parameters, a 16-byte salt and a 32-byte key', async () => {
    const encoded = await hashPassword(PASSWORD);
    const [scheme, N, r, p, salt = '', key = ''] = encoded.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(isPasswordHash(encoded)).toBe(true);
    expect(encoded).not.toContain(PASSWORD);
  });

  it('salts every hash', async () => {
    expect(await hashPassword(PASSWORD)).not.toBe(await hashPassword(PASSWORD));
  });

  it('accepts the password and refuses anything else', async () => {
    const encoded = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, encoded)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, encoded)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('answers false for malformed, tampered or abusive hashes instead of throwing', async () => {
    const encoded = await hashPassword(PASSWORD);
    const parts = encoded.split('$');
    const flipped = Buffer.from(parts[5] ?? '', 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(await verifyPassword(PASSWORD, [...parts.slice(0, 5), flipped.toString('base64')].join('$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, 'not-a-hash')).toBe(false);
    expect(await verifyPassword(PASSWORD, PASSWORD)).toBe(false);
    // N not a power of two, and N far too large (would burn CPU and memory on every request).
    expect(await verifyPassword(PASSWORD, encoded.replace('$16384$', '$16385$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, encoded.replace('$16384$', '$67108864$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, encoded.replace('$16384$8$', '$131072$16$'))).toBe(false);
    expect(await verifyPassword(PASSWORD, encoded.replace('$8$1$', '$8$0$'))).toBe(false);
  });
});

describe('fingerprint', () => {
  it('is a short, stable tag that differs between passwords and does not contain them', () => {
    expect(fingerprint(PASSWORD)).toMatch(/^sha256:[0-9a-f]{8}$/);
    expect(fingerprint(PASSWORD)).toBe(fingerprint(PASSWORD));
    expect(fingerprint(PASSWORD)).not.toBe(fingerprint(`${PASSWORD}!`));
    expect(fingerprint('abcdefgh')).not.toContain('abcdefgh');
  });
});

describe('generatePassword', () => {
  it('makes 32 base64url characters that differ every time and are long enough to set', () => {
    const a = generatePassword();
    const b = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a).not.toBe(b);
    expect(() => setPassword(defaultSettings(), a)).not.toThrow();
  });
});

describe('setPassword', () => {
  const now = new Date('2025-03-01T10:00:00.000Z');

  it('stores a hash, its fingerprint and the date, never the password', async () => {
    const settings = setPassword(defaultSettings(), PASSWORD, { now });
    expect(await verifyPassword(PASSWORD, settings.access.passwordHash ?? '')).toBe(true);
    expect(settings.access.passwordFingerprint).toBe(fingerprint(PASSWORD));
    expect(settings.access.passwordSetAt).toBe(now.toISOString());
    expect(settings.access.previousPasswordHash).toBeNull();
    expect(JSON.stringify(settings)).not.toContain(PASSWORD);
    // The result is valid settings.
    expect(parseSettings(settings)).toEqual(settings);
  });

  it('does not modify the settings it is given', () => {
    const before = defaultSettings();
    setPassword(before, PASSWORD, { now });
    expect(before).toEqual(defaultSettings());
  });

  it('on rotation with a grace period keeps the old hash until the grace ends', async () => {
    const first = setPassword(defaultSettings(), 'first-password-0001', { now });
    const rotated = setPassword(first, 'second-password-0002', { now, graceSeconds: 3600 });
    expect(rotated.access.previousPasswordHash).toBe(first.access.passwordHash);
    expect(rotated.access.previousPasswordValidUntil).toBe('2025-03-01T11:00:00.000Z');
    expect(rotated.access.passwordFingerprint).toBe(fingerprint('second-password-0002'));
    expect(parseSettings(rotated)).toEqual(rotated);

    expect(await matchPassword(rotated.access, 'second-password-0002', now)).toBe('current');
    expect(await matchPassword(rotated.access, 'first-password-0001', new Date('2025-03-01T10:59:59Z'))).toBe(
      'previous',
    );
    expect(await matchPassword(rotated.access, 'first-password-0001', new Date('2025-03-01T11:00:00Z'))).toBeNull();
    expect(await matchPassword(rotated.access, 'third-password-0003', now)).toBeNull();
  });

  it('on rotation without a grace period drops the old password at once', async () => {
    const first = setPassword(defaultSettings(), 'first-password-0001', { now });
    const rotated = setPassword(first, 'second-password-0002', { now });
    expect(rotated.access.previousPasswordHash).toBeNull();
    expect(rotated.access.previousPasswordValidUntil).toBeNull();
    expect(await matchPassword(rotated.access, 'first-password-0001', now)).toBeNull();
  });

  it('keeps no previous password when none was set, even with a grace period', () => {
    const settings = setPassword(defaultSettings(), PASSWORD, { now, graceSeconds: 600 });
    expect(settings.access.previousPasswordHash).toBeNull();
  });

  it('keeps only the latest previous password across two rotations', () => {
    const first = setPassword(defaultSettings(), 'first-password-0001', { now });
    const second = setPassword(first, 'second-password-0002', { now, graceSeconds: 60 });
    const third = setPassword(second, 'third-password-0003', { now, graceSeconds: 60 });
    expect(third.access.previousPasswordHash).toBe(second.access.passwordHash);
  });

  it('refuses an unusable password at access.password, without echoing it', () => {
    for (const bad of ['short-pass1', 'émoji-password-✓', ' leading-space-password', 'line\nbreak-password']) {
      try {
        setPassword(defaultSettings(), bad, { now });
        expect.unreachable(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['access.password']);
        expect((error as Error).message).not.toContain(bad);
      }
    }
  });

  it('accepts exactly 12 characters and refuses 11', () => {
    expect(() => setPassword(defaultSettings(), 'abcdefghijkl', { now })).not.toThrow();
    expect(() => setPassword(defaultSettings(), 'abcdefghijk', { now })).toThrow(/at least 12/);
  });

  it('refuses a negative or fractional grace period', () => {
    const first = setPassword(defaultSettings(), 'first-password-0001', { now });
    expect(() => setPassword(first, 'second-password-0002', { now, graceSeconds: -1 })).toThrow(ValidationError);
    expect(() => setPassword(first, 'second-password-0002', { now, graceSeconds: 1.5 })).toThrow(ValidationError);
  });
});
