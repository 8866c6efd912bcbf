/**
 * Access control as an attacker probes it: wrong passwords of every length and every prefix of the
 * right one are refused identically (same status, headers and body, so neither the answer nor its
 * shape says how close a guess was; the compare itself is `crypto.timingSafeEqual` over scrypt
 * outputs of equal length, see settings/password.ts, and HMAC signatures go through
 * endpoint/constant-time-equal.ts, both read for this suite rather than timed); repeated failures
 * are throttled per address (per /64 for IPv6) with Retry-After, and `X-Forwarded-For` is believed
 * only from a trusted proxy, right-most untrusted hop first.
 */

import {
  createMemoryAdapter,
  createMemoryStore,
  createModule,
  type PasserelleModule,
  type RunningServer,
} from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultReport } from './fault-report.js';

const PASSWORD = 'Access-Right-Password-42';
const report = createFaultReport('security-access');
let module: PasserelleModule | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await module?.close();
  module = undefined;
  server = undefined;
});

async function boot(settings: unknown = {}): Promise<PasserelleModule> {
  module = await createModule({ adapter: createMemoryAdapter(), store: createMemoryStore(), settings });
  await module.settings.setPassword(PASSWORD, 'test');
  return module;
}

const ask = (current: PasserelleModule, headers: Record<string, string>, address: string, path = '/orders') =>
  current.fetch(new Request(`http://module.test/passerelle/v1${path}`, { headers }), { clientAddress: address });

/** An answer with what may differ between two requests (the instance path) left out. */
async function shape(response: Response): Promise<string> {
  const body = (await response.json()) as Record<string, unknown>;
  const headers = [...response.headers].filter(([name]) => name !== 'date').sort();
  return JSON.stringify({ status: response.status, headers, body: { ...body, instance: undefined } });
}

describe('wrong passwords are refused identically', () => {
  it('every prefix, every extension, other lengths and near misses, as Bearer and as Basic', async () => {
    const current = await boot({ access: { throttle: { maxFailures: 1000, windowSeconds: 60, blockSeconds: 60 } } });
    const guesses = [
      ...Array.from({ length: PASSWORD.length }, (_, length) => PASSWORD.slice(0, length)).filter(
        (guess) => guess.length > 0,
      ),
      `${PASSWORD}x`,
      `${PASSWORD}${PASSWORD}`,
      `x${PASSWORD}`,
      PASSWORD.toLowerCase(),
      PASSWORD.replace(/.$/, '3'),
      'a',
      'a'.repeat(1024),
      'a'.repeat(1025),
      'a'.repeat(4096),
    ];
    // A fresh address each, so the throttle never changes the answer being compared; in parallel, since
    // each refusal costs a scrypt.
    const answers = await Promise.all(
      guesses.flatMap((guess, index) => [
        ask(current, { authorization: `Bearer ${guess}` }, `198.51.100.${index + 1}`).then(shape),
        ask(
          current,
          { authorization: `Basic ${Buffer.from(`cloud:${guess}`).toString('base64')}` },
          `198.51.101.${index + 1}`,
        ).then(shape),
      ]),
    );
    const shapes = new Set(answers);
    expect(shapes.size).toBe(1);
    const [only] = [...shapes];
    expect(JSON.parse(only as string)).toMatchObject({
      status: 401,
      body: { type: 'https://passerelle.dev/problems/unauthorized', detail: 'The credentials were refused.' },
    });
    // And the right one, in both forms, is let in.
    expect((await ask(current, { authorization: `Bearer ${PASSWORD}` }, '192.0.2.1')).status).toBe(200);
    expect(
      (await ask(current, { authorization: `Basic ${Buffer.from(`any:${PASSWORD}`).toString('base64')}` }, '192.0.2.1'))
        .status,
    ).toBe(200);
    report.record({
      fault: 'password guessing by prefix and length',
      injected: `${guesses.length * 2} wrong passwords: every prefix of the right one, extensions, case and last-character changes, 1 to 4096 characters, as Bearer and Basic`,
      observed:
        'one single answer for all of them (401 unauthorized, same headers, same body); compare is timingSafeEqual over scrypt outputs (settings/password.ts), HMAC via constant-time-equal.ts',
    });
  });
});

describe('throttling after repeated failures', () => {
  it('blocks an address after maxFailures with 429 + Retry-After, even with the right password, and not its neighbours', async () => {
    const current = await boot({ access: { throttle: { maxFailures: 4, windowSeconds: 60, blockSeconds: 120 } } });
    const attacker = '203.0.113.66';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await ask(current, { authorization: `Bearer guess-${attempt}` }, attacker)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const blocked = await ask(current, { authorization: `Bearer ${PASSWORD}` }, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(100);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    // A secret in the query counts as a failure too.
    const leaky = '203.0.113.67';
    for (let attempt = 0; attempt < 4; attempt++)
      await ask(current, { authorization: `Bearer ${PASSWORD}` }, leaky, `/orders?password=${PASSWORD}`);
    expect((await ask(current, { authorization: `Bearer ${PASSWORD}` }, leaky)).status).toBe(429);
    // Another address is not affected.
    expect((await ask(current, { authorization: `Bearer ${PASSWORD}` }, '203.0.113.68')).status).toBe(200);
    report.record({
      fault: 'repeated failures from one address',
      injected:
        '6 wrong passwords from one IPv4 address (maxFailures 4), then the right one; 4 requests with the password in the query from another',
      observed:
        '401 x3 then 429 with Retry-After ~120 s, still 429 with the right password; the query-string offender is blocked too; a third address is unaffected (200)',
    });
  });

  it('counts an IPv6 /64 as one address, so rotating through it does not escape', async () => {
    const current = await boot({ access: { throttle: { maxFailures: 3, windowSeconds: 60, blockSeconds: 60 } } });
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2::2',
      '2001:db8:1:2::abcd',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
    ]) {
      await ask(current, { authorization: 'Bearer nope' }, address);
    }
    expect((await ask(current, { authorization: `Bearer ${PASSWORD}` }, '2001:db8:1:2::99')).status).toBe(429);
    expect((await ask(current, { authorization: `Bearer ${PASSWORD}` }, '2001:db8:1:3::1')).status).toBe(200);
    report.record({
      fault: 'failures spread over one IPv6 /64',
      injected: '4 wrong passwords from 4 different addresses of 2001:db8:1:2::/64 (maxFailures 3)',
      observed: 'a fifth address of the same /64 is blocked (429) even with the right password; the next /64 is not',
    });
  });
});

describe('X-Forwarded-For is believed only from a trusted proxy', () => {
  const get = (headers: Record<string, string>) =>
    fetch(`${(server as RunningServer).url}/orders`, { headers: { authorization: `Bearer ${PASSWORD}`, ...headers } });

  it('ignores it from any other peer, and walks it from the right behind a trusted one', async () => {
    const current = await boot({ access: { allowedIps: ['203.0.113.7'] } });
    server = await current.listen({ port: 0, host: '127.0.0.1' });
    // The socket is 127.0.0.1, not a trusted proxy: a forged header changes nothing.
    expect((await get({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(403);
    await current.settings.update({ access: { trustedProxies: ['127.0.0.1'] } }, 'test');
    expect((await get({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    // The client writes the left of the header: only the right-most untrusted hop counts.
    expect((await get({ 'x-forwarded-for': '203.0.113.7, 198.51.100.9' })).status).toBe(403);
    expect((await get({ 'x-forwarded-for': '198.51.100.9, 203.0.113.7' })).status).toBe(200);
    // Garbage in the chain stops the walk at the proxy itself, which is not allowed either.
    expect((await get({ 'x-forwarded-for': 'not-an-ip, 203.0.113.7, <script>' })).status).toBe(403);
    report.record({
      fault: 'forged X-Forwarded-For',
      injected:
        'allow-list 203.0.113.7; requests from 127.0.0.1 claiming 203.0.113.7, before and after 127.0.0.1 is made a trusted proxy, with forged left-most and garbage hops',
      observed:
        'untrusted peer: 403 whatever the header; trusted proxy: the right-most hop decides (203.0.113.7 admitted, a forged left-most 203.0.113.7 refused 403, a garbage hop refused 403)',
    });
  });

  it('throttles the forwarded client, not the proxy, so one abuser behind it does not lock everyone out', async () => {
    const current = await boot({
      access: { trustedProxies: ['127.0.0.1'], throttle: { maxFailures: 2, windowSeconds: 60, blockSeconds: 60 } },
    });
    server = await current.listen({ port: 0, host: '127.0.0.1' });
    const bad = (address: string) =>
      fetch(`${(server as RunningServer).url}/orders`, {
        headers: { authorization: 'Bearer nope', 'x-forwarded-for': address },
      });
    await bad('198.51.100.20');
    expect((await bad('198.51.100.20')).status).toBe(429);
    expect((await get({ 'x-forwarded-for': '198.51.100.20' })).status).toBe(429);
    expect((await get({ 'x-forwarded-for': '198.51.100.21' })).status).toBe(200);
    // Rotating the left-most (client-written) part of the header does not escape the block.
    expect((await get({ 'x-forwarded-for': '10.9.9.9, 198.51.100.20' })).status).toBe(429);
    report.record({
      fault: 'an abuser behind a trusted proxy',
      injected:
        'wrong passwords forwarded for 198.51.100.20 (maxFailures 2), then right ones for it, for a neighbour, and with a rotated left-most hop',
      observed:
        'the forwarded client is blocked (429), the neighbour behind the same proxy is served (200), a rotated left-most hop stays blocked',
    });
  });
});
