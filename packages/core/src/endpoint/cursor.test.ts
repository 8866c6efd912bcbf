import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../errors/index.js';
import { createCursorCodec } from './cursor.js';
import { problemResponse } from './problem.js';

const SECRET = 'a-cursor-secret-of-32-characters';
const DAY = 24 * 60 * 60 * 1000;

function fixedClock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidCursorError) return error.reason;
    throw error;
  }
  throw new Error('expected an InvalidCursorError');
}

describe('createCursorCodec', () => {
  const payload = { shopId: '1', updatedAt: '2024-05-01T10:00:00.000Z', id: 42, guest: false, after: null };

  it('round-trips a flat payload through an opaque URL-safe string', () => {
    const codec = createCursorCodec(SECRET);
    const cursor = codec.encode(payload);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('updatedAt');
    expect(codec.decode(cursor)).toEqual(payload);
  });

  it('accepts a byte secret', () => {
    const codec = createCursorCodec(new Uint8Array(32).fill(7));
    expect(codec.decode(codec.encode({ seq: 9 }))).toEqual({ seq: 9 });
  });

  it('refuses a secret too short to resist guessing', () => {
    expect(() => createCursorCodec('short')).toThrow(TypeError);
  });

  it('refuses payloads that are not flat JSON values', () => {
    const codec = createCursorCodec(SECRET);
    expect(() => codec.encode({ n: Number.NaN })).toThrow(TypeError);
    expect(() => codec.encode({ nested: { a: 1 } } as never)).toThrow(TypeError);
    expect(() => codec.encode({ big: 'x'.repeat(5000) })).toThrow(RangeError);
  });

  it('refuses a cursor forged with another secret', () => {
    const forged = createCursorCodec('another-secret-of-32-characters!').encode(payload);
    expect(reasonOf(() => createCursorCodec(SECRET).decode(forged))).toBe('forged');
  });

  it('refuses a cursor whose payload was edited', () => {
    const codec = createCursorCodec(SECRET);
    const bytes = Buffer.from(codec.encode({ id: 42 }), 'base64url');
    const text = bytes.toString('latin1').replace('42', '99');
    const tampered = Buffer.from(text, 'latin1').toString('base64url');
    expect(tampered).not.toBe(codec.encode({ id: 42 }));
    expect(reasonOf(() => codec.decode(tampered))).toBe('forged');
  });

  it('refuses a cursor whose tag was edited', () => {
    const codec = createCursorCodec(SECRET);
    const bytes = Buffer.from(codec.encode(payload), 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(reasonOf(() => codec.decode(bytes.toString('base64url')))).toBe('forged');
  });

  it('refuses a cursor of an unknown version', () => {
    const codec = createCursorCodec(SECRET);
    const bytes = Buffer.from(codec.encode(payload), 'base64url');
    bytes[0] = 2;
    expect(reasonOf(() => codec.decode(bytes.toString('base64url')))).toBe('unsupported-version');
  });

  it.each([
    '',
    'not a cursor',
    'abc',
    '!!!!',
    Buffer.from('{"p":{"id":1},"iat":1}').toString('base64url'),
    Buffer.from(JSON.stringify({ updatedAt: '2024-01-01' })).toString('base64'),
    'A'.repeat(5000),
  ])('refuses garbage %#', (garbage) => {
    expect(() => createCursorCodec(SECRET).decode(garbage)).toThrow(InvalidCursorError);
  });

  it('refuses a cursor older than its maximum age', () => {
    const clock = fixedClock('2024-05-01T00:00:00Z');
    const codec = createCursorCodec(SECRET, { clock, maxAgeMs: 7 * DAY });
    const cursor = codec.encode(payload);
    clock.advance(7 * DAY - 1000);
    expect(codec.decode(cursor)).toEqual(payload);
    clock.advance(2000);
    expect(reasonOf(() => codec.decode(cursor))).toBe('stale');
  });

  it('expires cursors after 30 days by default', () => {
    const clock = fixedClock('2024-05-01T00:00:00Z');
    const codec = createCursorCodec(SECRET, { clock });
    const cursor = codec.encode(payload);
    clock.advance(29 * DAY);
    expect(codec.decode(cursor)).toEqual(payload);
    clock.advance(2 * DAY);
    expect(reasonOf(() => codec.decode(cursor))).toBe('stale');
  });

  it('is answered as a 400 invalid-cursor problem', async () => {
    let thrown: unknown;
    try {
      createCursorCodec(SECRET).decode('garbage');
    } catch (error) {
      thrown = error;
    }
    const response = problemResponse(thrown);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'https://passerelle.dev/problems/invalid-cursor' });
  });
});
