import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthError, NotConfiguredError, PasserelleError, RateLimitedError } from '../errors/index.js';
import { hashPassword } from '../settings/password.js';
import {
  type AccessGranted,
  type AccessSettings,
  createAccessGuard,
  SECRET_QUERY_PARAMETERS,
  type ThrottleStore,
} from './access.js';
import { problemResponse } from './problem.js';

const PASSWORD = 'correct-horse-battery';
const OLD_PASSWORD = 'old-password-being-rotated';
const HMAC_SECRET = 'hmac-signing-secret-0123456789';
const CLIENT = '203.0.113.9';
const BASE = 'http://module.test/passerelle/v1';

let passwordHash: string;
let oldPasswordHash: string;

beforeAll(async () => {
  [passwordHash, oldPasswordHash] = await Promise.all([hashPassword(PASSWORD), hashPassword(OLD_PASSWORD)]);
});

function manualClock(start = '2025-03-01T12:00:00.000Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

type Clock = ReturnType<typeof manualClock>;

/** The throttle part of the state store, in memory, on the test clock. */
function memoryThrottleStore(clock: Clock): ThrottleStore & { failures(address: string): number } {
  const failures = new Map<string, number[]>();
  const blocks = new Map<string, number>();
  return {
    async recordAuthFailure(address, windowSeconds) {
      const at = clock.now().getTime();
      const recent = (failures.get(address) ?? []).filter((time) => time > at - windowSeconds * 1000);
      recent.push(at);
      failures.set(address, recent);
      return recent.length;
    },
    async clearAuthFailures(address) {
      failures.delete(address);
    },
    async getBlock(address) {
      const until = blocks.get(address);
      return until !== undefined && until > clock.now().getTime() ? new Date(until) : null;
    },
    async setBlock(address, until) {
      blocks.set(address, until.getTime());
    },
    failures: (address) => failures.get(address)?.length ?? 0,
  };
}

function settings(overrides: Partial<AccessSettings> = {}): AccessSettings {
  return {
    passwordHash,
    previousPasswordHash: null,
    previousPasswordValidUntil: null,
    allowedIps: [],
    allowedHosts: [],
    trustedProxies: [],
    hmac: { enabled: false, maxSkewSeconds: 300, secret: null },
    throttle: { maxFailures: 5, windowSeconds: 300, blockSeconds: 600 },
    ...overrides,
  };
}

function setup(
  overrides: Partial<AccessSettings> = {},
  options: { resolveHost?: (host: string) => Promise<string[]> } = {},
) {
  const clock = manualClock();
  const store = memoryThrottleStore(clock);
  let access = settings(overrides);
  const guard = createAccessGuard({
    getAccess: async () => access,
    store,
    clock,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
    hostCacheTtlMs: 60_000,
  });
  return {
    clock,
    store,
    guard,
    update(next: Partial<AccessSettings>) {
      access = { ...access, ...next };
    },
  };
}

function bearer(password: string, path = '/orders'): Request {
  return new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${password}` } });
}

function basic(user: string, password: string): Request {
  const token = Buffer.from(`${user}:${password}`).toString('base64');
  return new Request(`${BASE}/orders`, { headers: { authorization: `Basic ${token}` } });
}

async function rejection(promise: Promise<AccessGranted>): Promise<PasserelleError> {
  try {
    await promise;
  } catch (error) {
    if (PasserelleError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

/** Everything a refusal could leak through: the error, its cause, and the problem answer. */
async function leakSurface(error: PasserelleError): Promise<string> {
  const body = await problemResponse(error).text();
  const cause = error.cause instanceof Error ? `${error.cause.message} ${JSON.stringify(error.cause)}` : '';
  return `${error.message} ${JSON.stringify(error)} ${String(error.stack)} ${cause} ${body}`;
}

describe('access guard: configuration', () => {
  it('answers 503 not-configured until a password is set', async () => {
    const { guard } = setup({ passwordHash: null });
    const error = await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT }));
    expect(error).toBeInstanceOf(NotConfiguredError);
    expect(problemResponse(error).status).toBe(503);
  });
});

describe('access guard: password', () => {
  it('admits the password as a Bearer token', async () => {
    const { guard } = setup();
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: `::ffff:${CLIENT}` })).resolves.toEqual({
      method: 'bearer',
      clientAddress: CLIENT,
      usedPreviousPassword: false,
    });
  });

  it.each(['', 'erp', 'any-user-name'])('admits Basic with any user name (%j)', async (user) => {
    const { guard } = setup();
    const granted = await guard.check({ request: basic(user, PASSWORD), clientAddress: CLIENT });
    expect(granted).toMatchObject({ method: 'basic', usedPreviousPassword: false });
  });

  it('keeps colons that are part of the password in Basic', async () => {
    const { guard } = setup({ passwordHash: await hashPassword('pass:with:colons') });
    await expect(
      guard.check({ request: basic('erp', 'pass:with:colons'), clientAddress: CLIENT }),
    ).resolves.toMatchObject({
      method: 'basic',
    });
  });

  it('refuses a missing Authorization header with 401 and counts it', async () => {
    const { guard, store } = setup();
    const error = await rejection(guard.check({ request: new Request(`${BASE}/orders`), clientAddress: CLIENT }));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).failure).toBe('missing-credentials');
    const response = problemResponse(error);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="passerelle"');
    expect(store.failures(CLIENT)).toBe(1);
  });

  it.each([
    ['a wrong Bearer password', bearer('wrong-password-123')],
    ['a wrong Basic password', basic('erp', 'wrong-password-123')],
    [
      'Basic without a colon',
      new Request(`${BASE}/orders`, { headers: { authorization: `Basic ${btoa('nocolon')}` } }),
    ],
    ['Basic that is not base64', new Request(`${BASE}/orders`, { headers: { authorization: 'Basic %%%' } })],
    ['another scheme', new Request(`${BASE}/orders`, { headers: { authorization: `Digest ${PASSWORD}` } })],
    ['an empty Bearer', new Request(`${BASE}/orders`, { headers: { authorization: 'Bearer ' } })],
    ['a huge Bearer', bearer('x'.repeat(10_000))],
  ])('refuses %s with 401', async (_, request) => {
    const { guard, store } = setup();
    const error = await rejection(guard.check({ request, clientAddress: CLIENT }));
    expect(error).toBeInstanceOf(AuthError);
    expect(problemResponse(error).status).toBe(401);
    expect(store.failures(CLIENT)).toBe(1);
  });

  it('never puts the presented credential in what it throws', async () => {
    const { guard } = setup();
    const presented = 'wrong-Pa55word-hunter2';
    const error = await rejection(guard.check({ request: bearer(presented), clientAddress: CLIENT }));
    expect(await leakSurface(error)).not.toContain('hunter2');
  });

  it('clears the failure count on success', async () => {
    const { guard, store } = setup();
    await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    expect(store.failures(CLIENT)).toBe(2);
    await guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT });
    expect(store.failures(CLIENT)).toBe(0);
  });
});

describe('access guard: secrets in the query string', () => {
  it('refuses the password in the query even when it is correct', async () => {
    const { guard, store } = setup();
    const request = new Request(`${BASE}/orders?password=${PASSWORD}`, {
      headers: { authorization: `Bearer ${PASSWORD}` },
    });
    const error = await rejection(guard.check({ request, clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('secret-in-query');
    expect(problemResponse(error).status).toBe(401);
    expect(store.failures(CLIENT)).toBe(1);
    expect(await leakSurface(error)).not.toContain(PASSWORD);
  });

  it.each([...SECRET_QUERY_PARAMETERS, 'PASSWORD', 'Ws_Key', 'ApiKey', 'ACCESS_TOKEN', 'pass%77ord', 'token[]'])(
    'refuses the parameter %s',
    async (name) => {
      const { guard } = setup();
      const request = new Request(`${BASE}/orders?limit=10&${name}=x`, {
        headers: { authorization: `Bearer ${PASSWORD}` },
      });
      const error = await rejection(guard.check({ request, clientAddress: CLIENT }));
      expect((error as AuthError).failure).toBe('secret-in-query');
    },
  );

  it('lets ordinary parameters through', async () => {
    const { guard } = setup();
    const request = bearer(PASSWORD, '/changes?cursor=abc&entities=order&limit=50&keyword=x&since=2024-01-01');
    await expect(guard.check({ request, clientAddress: CLIENT })).resolves.toMatchObject({ method: 'bearer' });
  });
});

describe('access guard: IP allow-list', () => {
  it('admits an IPv4 address inside an allowed CIDR block, in either spelling', async () => {
    const { guard } = setup({ allowedIps: ['198.51.100.7', '203.0.113.0/24'] });
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '203.0.113.200' })).resolves.toMatchObject({
      clientAddress: '203.0.113.200',
    });
    await expect(
      guard.check({ request: bearer(PASSWORD), clientAddress: '::ffff:203.0.113.1' }),
    ).resolves.toMatchObject({
      clientAddress: '203.0.113.1',
    });
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '198.51.100.7' })).resolves.toBeTruthy();
  });

  it('admits an IPv6 address inside an allowed CIDR block', async () => {
    const { guard } = setup({ allowedIps: ['2001:db8::/32'] });
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '2001:DB8:1::5' })).resolves.toMatchObject({
      clientAddress: '2001:db8:1::5',
    });
  });

  it.each(['198.51.100.8', '203.0.114.1', '2001:db9::1', 'not-an-address'])(
    'refuses %s with 403 without counting it',
    async (address) => {
      const { guard, store } = setup({ allowedIps: ['198.51.100.7', '203.0.113.0/24', '2001:db8::/32'] });
      const error = await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: address }));
      expect((error as AuthError).failure).toBe('address-not-allowed');
      expect(problemResponse(error).status).toBe(403);
      expect(store.failures(address)).toBe(0);
    },
  );

  it('checks the address before the password', async () => {
    const { guard } = setup({ allowedIps: ['10.0.0.0/8'] });
    const error = await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('address-not-allowed');
  });
});

describe('access guard: host allow-list', () => {
  it('admits an address the host resolves to, resolving once within the cache lifetime', async () => {
    const resolveHost = vi.fn(async (host: string) =>
      host === 'erp.example.com' ? ['::ffff:203.0.113.9', '2001:db8::9'] : [],
    );
    const { guard, clock } = setup({ allowedHosts: ['erp.example.com'] }, { resolveHost });
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT })).resolves.toBeTruthy();
    clock.advance(30_000);
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '2001:db8::9' })).resolves.toBeTruthy();
    const error = await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: '198.51.100.1' }));
    expect(problemResponse(error).status).toBe(403);
    expect(resolveHost).toHaveBeenCalledTimes(1);
    expect(resolveHost).toHaveBeenCalledWith('erp.example.com');
  });

  it('resolves again once the cache lifetime is over, and follows the new address', async () => {
    let addresses = [CLIENT];
    const resolveHost = vi.fn(async () => addresses);
    const { guard, clock } = setup({ allowedHosts: ['erp.example.com'] }, { resolveHost });
    await guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT });
    addresses = ['198.51.100.1'];
    clock.advance(59_000);
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT })).resolves.toBeTruthy();
    expect(resolveHost).toHaveBeenCalledTimes(1);
    clock.advance(2_000);
    const error = await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('address-not-allowed');
    expect(resolveHost).toHaveBeenCalledTimes(2);
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '198.51.100.1' })).resolves.toBeTruthy();
  });

  it('shares one resolution between concurrent requests', async () => {
    const resolveHost = vi.fn(async () => [CLIENT]);
    const { guard } = setup({ allowedHosts: ['erp.example.com'] }, { resolveHost });
    await Promise.all([1, 2, 3].map(() => guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT })));
    expect(resolveHost).toHaveBeenCalledTimes(1);
  });

  it('refuses when resolution fails, and retries it sooner than a success', async () => {
    let fail = true;
    const resolveHost = vi.fn(async () => {
      if (fail) throw new Error('ENOTFOUND');
      return [CLIENT];
    });
    const { guard, clock } = setup({ allowedHosts: ['erp.example.com'] }, { resolveHost });
    const error = await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('address-not-allowed');
    fail = false;
    clock.advance(31_000);
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT })).resolves.toBeTruthy();
    expect(resolveHost).toHaveBeenCalledTimes(2);
  });

  it('admits on either list when both are set', async () => {
    const resolveHost = vi.fn(async () => ['198.51.100.20']);
    const { guard } = setup({ allowedIps: ['203.0.113.0/24'], allowedHosts: ['erp.example.com'] }, { resolveHost });
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '203.0.113.5' })).resolves.toBeTruthy();
    // An IP match needs no DNS.
    expect(resolveHost).not.toHaveBeenCalled();
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '198.51.100.20' })).resolves.toBeTruthy();
    const error = await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: '198.51.100.21' }));
    expect(problemResponse(error).status).toBe(403);
  });
});

describe('access guard: throttle', () => {
  it('blocks an address at maxFailures, answering that request 429 already', async () => {
    const { guard } = setup({ throttle: { maxFailures: 3, windowSeconds: 300, blockSeconds: 600 } });
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
      expect(error).toBeInstanceOf(AuthError);
    }
    const third = await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    expect(third).toBeInstanceOf(RateLimitedError);
    expect((third as RateLimitedError).retryAfterMs).toBe(600_000);
    expect((third.cause as AuthError).failure).toBe('wrong-credentials');
    expect(await leakSurface(third)).not.toContain('wrong-password-123');
    const response = problemResponse(third);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('600');
  });

  it('refuses a blocked address even with the right password until the block ends', async () => {
    const { guard, clock } = setup({ throttle: { maxFailures: 2, windowSeconds: 60, blockSeconds: 120 } });
    await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    clock.advance(100_000);
    const blocked = await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT }));
    expect(blocked).toBeInstanceOf(RateLimitedError);
    expect(problemResponse(blocked).headers.get('retry-after')).toBe('20');
    // Another address is not affected.
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '203.0.113.10' })).resolves.toBeTruthy();
    clock.advance(20_001);
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT })).resolves.toMatchObject({
      method: 'bearer',
    });
  });

  it('checks the block before anything else, even before the configuration', async () => {
    const { guard, update } = setup({ throttle: { maxFailures: 1, windowSeconds: 60, blockSeconds: 60 } });
    await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    update({ passwordHash: null });
    expect(await rejection(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT }))).toBeInstanceOf(
      RateLimitedError,
    );
  });

  it('forgets failures older than the window', async () => {
    const { guard, clock } = setup({ throttle: { maxFailures: 2, windowSeconds: 60, blockSeconds: 600 } });
    await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT }));
    clock.advance(61_000);
    expect(
      await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: CLIENT })),
    ).toBeInstanceOf(AuthError);
  });

  it('counts IPv6 failures per /64 so a host cannot rotate addresses', async () => {
    const { guard } = setup({ throttle: { maxFailures: 2, windowSeconds: 60, blockSeconds: 60 } });
    await rejection(guard.check({ request: bearer('wrong-password-123'), clientAddress: '2001:db8:0:1::1' }));
    const second = await rejection(
      guard.check({ request: bearer('wrong-password-123'), clientAddress: '2001:db8:0:1::2' }),
    );
    expect(second).toBeInstanceOf(RateLimitedError);
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: '2001:db8:0:2::1' })).resolves.toBeTruthy();
  });
});

describe('access guard: password rotation', () => {
  const rotation = (validUntil: string) => ({
    previousPasswordHash: oldPasswordHash,
    previousPasswordValidUntil: validUntil,
  });

  it('accepts the previous password during the grace period and says so', async () => {
    const { guard } = setup(rotation('2025-03-02T12:00:00.000Z'));
    await expect(guard.check({ request: bearer(OLD_PASSWORD), clientAddress: CLIENT })).resolves.toMatchObject({
      usedPreviousPassword: true,
    });
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT })).resolves.toMatchObject({
      usedPreviousPassword: false,
    });
  });

  it('refuses the previous password once the grace period is over', async () => {
    const { guard, clock } = setup(rotation('2025-03-01T13:00:00.000Z'));
    await expect(guard.check({ request: basic('erp', OLD_PASSWORD), clientAddress: CLIENT })).resolves.toBeTruthy();
    clock.advance(60 * 60 * 1000);
    const error = await rejection(guard.check({ request: basic('erp', OLD_PASSWORD), clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('wrong-credentials');
    await expect(guard.check({ request: basic('erp', PASSWORD), clientAddress: CLIENT })).resolves.toBeTruthy();
  });

  it('refuses the previous password without an end date', async () => {
    const { guard } = setup({ previousPasswordHash: oldPasswordHash, previousPasswordValidUntil: null });
    expect(await rejection(guard.check({ request: bearer(OLD_PASSWORD), clientAddress: CLIENT }))).toBeInstanceOf(
      AuthError,
    );
  });
});

describe('access guard: HMAC signatures', () => {
  const hmacOn = { hmac: { enabled: true, maxSkewSeconds: 300, secret: HMAC_SECRET } };
  const NOW_SECONDS = Math.floor(new Date('2025-03-01T12:00:00.000Z').getTime() / 1000);

  function sign(timestamp: number, body: string, secret = HMAC_SECRET): string {
    return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  }

  function signed(body: string, headers: Record<string, string>): Request {
    return new Request(`${BASE}/stock`, {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  const body = JSON.stringify({ items: [{ reference: 'SKU-1', quantity: 4 }] });

  it('admits a request signed over timestamp.body, reading a clone so the body stays readable', async () => {
    const { guard } = setup(hmacOn);
    const request = signed(body, {
      'x-passerelle-timestamp': String(NOW_SECONDS),
      'x-passerelle-signature': sign(NOW_SECONDS, body),
    });
    await expect(guard.check({ request, clientAddress: CLIENT })).resolves.toEqual({
      method: 'hmac',
      clientAddress: CLIENT,
      usedPreviousPassword: false,
    });
    expect(await request.text()).toBe(body);
  });

  it('uses the raw body the caller already read', async () => {
    const { guard } = setup(hmacOn);
    const request = new Request(`${BASE}/orders`, {
      headers: {
        'x-passerelle-timestamp': String(NOW_SECONDS),
        'x-passerelle-signature': sign(NOW_SECONDS, body).toUpperCase().replace('SHA256=', 'sha256='),
      },
    });
    await expect(
      guard.check({ request, clientAddress: CLIENT, rawBody: new TextEncoder().encode(body) }),
    ).resolves.toMatchObject({
      method: 'hmac',
    });
  });

  it('signs an empty body for a GET', async () => {
    const { guard } = setup(hmacOn);
    const request = new Request(`${BASE}/orders?limit=10`, {
      headers: { 'x-passerelle-timestamp': String(NOW_SECONDS), 'x-passerelle-signature': sign(NOW_SECONDS, '') },
    });
    await expect(guard.check({ request, clientAddress: CLIENT })).resolves.toMatchObject({ method: 'hmac' });
  });

  it.each([301, -301, 100_000])('refuses a timestamp %i seconds away as stale', async (offset) => {
    const { guard } = setup(hmacOn);
    const timestamp = NOW_SECONDS + offset;
    const request = signed(body, {
      'x-passerelle-timestamp': String(timestamp),
      'x-passerelle-signature': sign(timestamp, body),
    });
    const error = await rejection(guard.check({ request, clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('stale-signature');
    expect(problemResponse(error).status).toBe(401);
  });

  it('accepts a timestamp within the skew', async () => {
    const { guard } = setup(hmacOn);
    const timestamp = NOW_SECONDS - 299;
    const request = signed(body, {
      'x-passerelle-timestamp': String(timestamp),
      'x-passerelle-signature': sign(timestamp, body),
    });
    await expect(guard.check({ request, clientAddress: CLIENT })).resolves.toMatchObject({ method: 'hmac' });
  });

  it.each([
    ['another secret', (t: number) => sign(t, body, 'another-secret-0123456789')],
    ['another body', (t: number) => sign(t, '{"items":[]}')],
    ['another timestamp', (t: number) => sign(t - 1, body)],
    ['a truncated signature', (t: number) => sign(t, body).slice(0, 40)],
    ['no sha256= prefix', (t: number) => sign(t, body).slice('sha256='.length)],
  ])('refuses a signature made with %s', async (_, makeSignature) => {
    const { guard, store } = setup(hmacOn);
    const request = signed(body, {
      'x-passerelle-timestamp': String(NOW_SECONDS),
      'x-passerelle-signature': makeSignature(NOW_SECONDS),
    });
    const error = await rejection(guard.check({ request, clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('bad-signature');
    expect(store.failures(CLIENT)).toBe(1);
    expect(await leakSurface(error)).not.toContain(HMAC_SECRET);
  });

  it('refuses a signature without its timestamp', async () => {
    const { guard } = setup(hmacOn);
    const request = signed(body, { 'x-passerelle-signature': sign(NOW_SECONDS, body) });
    expect(((await rejection(guard.check({ request, clientAddress: CLIENT }))) as AuthError).failure).toBe(
      'missing-credentials',
    );
  });

  it('still accepts the password header when HMAC mode is on', async () => {
    const { guard } = setup(hmacOn);
    await expect(guard.check({ request: bearer(PASSWORD), clientAddress: CLIENT })).resolves.toMatchObject({
      method: 'bearer',
    });
  });

  it('ignores signature headers when HMAC mode is off', async () => {
    const { guard } = setup();
    const request = signed(body, {
      'x-passerelle-timestamp': String(NOW_SECONDS),
      'x-passerelle-signature': sign(NOW_SECONDS, body),
    });
    const error = await rejection(guard.check({ request, clientAddress: CLIENT }));
    expect((error as AuthError).failure).toBe('missing-credentials');
  });

  it('answers not-configured when HMAC mode is on without a signing secret', async () => {
    const { guard } = setup({ hmac: { enabled: true, maxSkewSeconds: 300, secret: null } });
    const request = signed(body, {
      'x-passerelle-timestamp': String(NOW_SECONDS),
      'x-passerelle-signature': sign(NOW_SECONDS, body),
    });
    const error = await rejection(guard.check({ request, clientAddress: CLIENT }));
    expect(error).toBeInstanceOf(NotConfiguredError);
  });
});
