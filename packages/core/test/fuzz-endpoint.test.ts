/**
 * Property-based fuzzing of the endpoint (fast-check): 10,000 generated requests through
 * `module.fetch` in-process, plus a share over a real 127.0.0.1 socket. Methods, paths (known
 * routes, traversal, encoded segments), query strings (limits, cursors real and forged, dates,
 * secrets), headers (credentials of every shape, content types, idempotency keys, forwarded-for)
 * and bodies (random JSON, near-valid batches for each write route, huge and non-finite numbers,
 * unicode, deep nesting, invalid UTF-8, truncated JSON).
 *
 * The properties: never a 5xx but 501 (a route the adapter cannot serve) and, on a module without
 * a password, 503 `not-configured`; every error is `application/problem+json` with `type`, `title`
 * and a `status` equal to the HTTP status; a success is JSON; the password never comes back; the
 * module still answers normally afterwards. Set FUZZ_SEED to replay a run.
 */

import {
  createMemoryAdapter,
  createModule,
  createSqliteStore,
  orderStatuses,
  type PasserelleModule,
  type RunningServer,
  type Store,
} from '@passerelle/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaultReport } from './fault-report.js';

const PASSWORD = 'fuzz-password-correct-horse-0123';
const BASE = '/passerelle/v1';
const IN_PROCESS_RUNS = 10_000;
const SOCKET_RUNS = 400;
const report = createFaultReport('fuzz');
const seed = process.env.FUZZ_SEED === undefined ? Date.now() % 2_147_483_647 : Number(process.env.FUZZ_SEED);

/** Status codes the endpoint may answer, by module; a 5xx outside these is a bug. */
const ALLOWED = {
  configured: new Set([200, 400, 401, 403, 404, 409, 413, 415, 422, 429, 501]),
  unconfigured: new Set([200, 404, 503]),
};
const ALLOWED_5XX = { configured: [501], unconfigured: [503] };
/**
 * The admin page shares the module's `fetch` (a traversal such as `/passerelle/v1/../admin` lands on
 * it): it answers HTML by design, redirects to its sign-in page, and is 503 while it has no password.
 */
const ADMIN_PATH = '/passerelle/admin';
const ADMIN_PASSWORD = 'fuzz-admin-password-0123456';
const ALLOWED_ADMIN = {
  configured: new Set([200, 303, 401, 403, 404, 405, 413, 415, 429]),
  unconfigured: new Set([200, 303, 404, 503]),
};

interface FuzzRequest {
  target: 'configured' | 'unconfigured';
  method: string;
  path: string;
  query: [string, string][];
  headers: [string, string][];
  body: string | Uint8Array | null;
  address: string;
}

// ---------------------------------------------------------------- arbitraries

const hostileStrings = [
  '',
  ' ',
  '1 OR 1=1',
  "'; DROP TABLE acknowledgements; --",
  '" OR ""="',
  '../../../etc/passwd',
  '..%2f..%2fadmin',
  '%00',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀👍🏽',
  'MUG',
  'TSHIRT-S',
  '1001',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack.
  '${jndi:ldap://x}',
  'a'.repeat(5000),
];
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const reference = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('MUG', 'TSHIRT-S', 'TSHIRT-M', 'NEW-1', 'NEW-2') },
  { weight: 3, arbitrary: text },
);
const hugeNumber = fc.constantFrom(
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 63),
  0.1 + 0.2,
  -0,
  1e-320,
  1.2345678901234568e29,
);
const number = fc.oneof(fc.integer(), fc.double(), hugeNumber, fc.integer({ min: -5, max: 500 }));
const isoish = fc.oneof(
  fc
    .date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') })
    .map((date) => date.toISOString()),
  fc.constantFrom(
    '2026-02-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '0000-00-00 00:00:00',
    '2026-01-01T24:00:00+14:00',
    '+275760-09-13T00:00:00.000Z',
    'yesterday',
    '1700000000',
  ),
);
const decimalish = fc.oneof(
  fc.constantFrom('19.90', '0.00', '-1', '1e3', '12,50', '99999999999999999999.99', 'NaN'),
  number.map(String),
  number,
);

/** An item that is often valid for the route and often wrong in one field. */
function nearValidItem(route: string): fc.Arbitrary<unknown> {
  const base: Record<string, fc.Arbitrary<unknown>> = {
    '/products': fc.record(
      {
        reference,
        name: fc.oneof(fc.record({ en: text }), text),
        price: decimalish,
        quantity: number,
        active: fc.oneof(fc.boolean(), text),
        weight: fc.anything(),
      },
      { requiredKeys: ['reference'] },
    ),
    '/stock': fc.record(
      { reference, quantity: number, asOf: isoish, location: text },
      { requiredKeys: ['reference', 'quantity'] },
    ),
    '/prices': fc.record(
      { reference, price: decimalish, currency: fc.constantFrom('EUR', 'USD', 'eur', 'XXXX') },
      { requiredKeys: ['reference'] },
    ),
    '/categories': fc.record(
      { reference, name: fc.oneof(fc.record({ en: text }), text), parentReference: reference },
      { requiredKeys: ['reference'] },
    ),
    '/customers': fc.record(
      { reference, email: fc.oneof(fc.emailAddress(), text), firstName: text, lastName: text },
      { requiredKeys: ['reference'] },
    ),
    '/customer-groups': fc.record(
      { reference, name: fc.oneof(fc.record({ en: text }), text) },
      { requiredKeys: ['reference'] },
    ),
    '/orders/acknowledge': fc.record({ id: reference, documentNumber: text }, { requiredKeys: ['id'] }),
    '/orders/status': fc.record(
      {
        id: reference,
        status: fc.oneof(fc.constantFrom(...orderStatuses), text),
        trackingNumber: text,
        carrier: text,
        notifyCustomer: fc.boolean(),
        at: isoish,
      },
      { requiredKeys: ['id', 'status'] },
    ),
    '/products/activation': fc.record({ reference, active: fc.oneof(fc.boolean(), text) }),
    '/customers/activation': fc.record({ reference, active: fc.oneof(fc.boolean(), text) }),
  };
  const item = base[route] ?? fc.object();
  // A sprinkle of unknown fields, wrong types and nesting on top of the near-valid shape.
  return fc.oneof(
    { weight: 5, arbitrary: item },
    {
      weight: 1,
      arbitrary: fc
        .tuple(item, text, fc.anything())
        .map(([value, key, extra]) =>
          typeof value === 'object' && value !== null ? { ...value, [key]: extra } : value,
        ),
    },
  );
}

function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const DEEP_BODIES = [
  deepNesting(1_000, 'array'),
  deepNesting(20_000, 'array'),
  deepNesting(5_000, 'object'),
  deepNesting(100_000, 'array'),
  JSON.stringify({ items: [{ reference: 'MUG', name: JSON.parse(deepNesting(200, 'object')) }] }),
  JSON.stringify({ items: [{ reference: 'MUG', quantity: 1, location: JSON.parse(deepNesting(500, 'array')) }] }),
];

function bodyFor(route: string): fc.Arbitrary<string | Uint8Array | null> {
  const batch = fc
    .array(nearValidItem(route), { minLength: 0, maxLength: 8 })
    .map((items) => JSON.stringify({ items }));
  const reset = fc
    .oneof(
      fc.record({ ids: fc.array(reference, { maxLength: 5 }) }),
      fc.constant({ all: true }),
      fc.record({ all: fc.anything() }),
    )
    .map((value) => JSON.stringify(value));
  return fc.oneof(
    { weight: 8, arbitrary: route === '/orders/reset' ? reset : batch },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify({ items: [value] })) },
    { weight: 1, arbitrary: batch.map((json) => json.slice(0, Math.max(0, json.length - 3))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '{"items": 1e400}',
        '{"items":[{"reference":"MUG","quantity":1e400}]}',
        '{"items":[{"reference":"MUG","quantity":-0}]}',
        '{"items":[{"reference":"MUG","quantity":9007199254740993}]}',
        '{"items":[{"reference":"MUG","quantity":1}],"items":[]}',
        '{"__proto__":{"polluted":true},"items":[{"reference":"MUG","quantity":1}]}',
        '{"items":[{"reference":"MUG","constructor":{"prototype":{"x":1}},"quantity":1}]}',
        '\uFEFF{"items":[]}',
        '<html><body>502 Bad Gateway</body></html>',
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP_BODIES) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 64 })
        .map((bytes) => Uint8Array.from([0x7b, 0xff, 0xfe, ...bytes])),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

// Arbitraries are built once per route: building them inside `chain` on every run costs more than the requests.
const bodyArbitraries = new Map<string, fc.Arbitrary<string | Uint8Array | null>>();
function bodies(route: string): fc.Arbitrary<string | Uint8Array | null> {
  let arbitrary = bodyArbitraries.get(route);
  if (arbitrary === undefined) {
    arbitrary = bodyFor(route);
    bodyArbitraries.set(route, arbitrary);
  }
  return arbitrary;
}

const routes: [string, string][] = [
  ['GET', '/health'],
  ['GET', '/info'],
  ['GET', '/configuration'],
  ['GET', '/orders'],
  ['GET', '/changes'],
  ['GET', '/journal'],
  ['GET', '/customers'],
  ['GET', '/products'],
  ['GET', '/stock'],
  ['GET', '/categories'],
  ['GET', '/invoices'],
  ['GET', '/payments'],
  ['GET', '/customer-groups'],
  ['POST', '/orders/acknowledge'],
  ['POST', '/orders/reset'],
  ['POST', '/orders/status'],
  ['POST', '/products/activation'],
  ['POST', '/customers/activation'],
  ['PUT', '/categories'],
  ['PUT', '/products'],
  ['PUT', '/stock'],
  ['PUT', '/prices'],
  ['PUT', '/customers'],
  ['PUT', '/customer-groups'],
  ['PUT', '/orders'],
  ['PUT', '/invoices'],
  ['PUT', '/payments'],
];

const oddPath = fc.oneof(
  fc.constantFrom(
    '/../admin',
    '/%2e%2e/admin',
    '/..%2fadmin',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '//orders',
    '/orders/',
    '/orders/%00',
    '/orders/..',
    '/orders/%2e%2e%2f..%2f',
    '/ORDERS',
    '/orders;jsessionid=1',
    '/orders%3Flimit=1',
    '/health/../orders',
    '/\u00e9t\u00e9',
    // Rebuilt from the schemas on every request (about 100 ms): a rare guest, not one route in 28.
    '/openapi.json',
    '/%ff%fe',
  ),
  reference.map((id) => `/orders/${encodeURIComponent(id)}`),
  fc.array(text.map(encodeURIComponent), { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
);

const queryKey = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      'limit',
      'cursor',
      'since',
      'entities',
      'level',
      'kind',
      'entity',
      'outcome',
      'withoutOrders',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('password', 'token', 'ws_key', 'Password', 'api_key[]', 'signature') },
  { weight: 1, arbitrary: text },
);

function queryValue(cursors: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('1', '100', '500', '0', '501', '-1', '1.5', '1e3', '', 'abc', '99999999999999999999'),
    fc.constantFrom(...cursors),
    fc
      .constantFrom(...cursors)
      .chain((cursor) =>
        fc
          .nat({ max: Math.max(0, cursor.length - 1) })
          .map((index) => `${cursor.slice(0, index)}${cursor[index] === 'A' ? 'B' : 'A'}${cursor.slice(index + 1)}`),
      ),
    fc.base64String({ maxLength: 200 }),
    isoish,
    fc.constantFrom('order', 'order,customer', 'nope', 'order,,', 'error', 'write', 'auth', 'true', 'false', PASSWORD),
    text,
  );
}

const authorization = fc.oneof(
  { weight: 160, arbitrary: fc.constant(`Bearer ${PASSWORD}`) },
  {
    weight: 8,
    arbitrary: text.map((user) => `Basic ${Buffer.from(`${user.replaceAll(':', '')}:${PASSWORD}`).toString('base64')}`),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      'Basic',
      'Basic !!!',
      'Digest username="x"',
      `bearer   ${PASSWORD}  `,
      `Bearer ${'x'.repeat(5000)}`,
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
    ),
  },
  // Each wrong password costs a scrypt (~50 ms) by design: keep them rare so the run stays bounded.
  {
    weight: 1,
    arbitrary: fc.constantFrom('Bearer wrong-password', `Bearer ${PASSWORD}x`, `Bearer ${PASSWORD.slice(0, -1)}`),
  },
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset="UTF-8"',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/problem+json',
  'application/jsonx',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
);
const latin1 = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((code) => code !== 0x7f)
    .map((code) => String.fromCharCode(code)),
  maxLength: 300,
});
const extraHeader = fc.tuple(
  fc.constantFrom(
    'x-forwarded-for',
    'x-real-ip',
    'forwarded',
    'x-passerelle-timestamp',
    'x-passerelle-signature',
    'accept',
    'accept-encoding',
    'cookie',
    'x-http-method-override',
    'transfer-encoding-ish',
    'if-none-match',
  ),
  fc.oneof(
    latin1,
    fc.constantFrom('203.0.113.7', '203.0.113.7, 10.0.0.1', 'unknown', '1', 'sha256=00', '*/*', 'PUT', '::1'),
  ),
);

/** `value` once in `every` draws, `null` otherwise. */
function sometimes<T>(value: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
}

/** `null` once in `every` draws, `value` otherwise. */
function usually<T>(value: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: every - 1, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

function requestArbitrary(cursors: string[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      target: fc.oneof(
        { weight: 19, arbitrary: fc.constant('configured' as const) },
        { weight: 1, arbitrary: fc.constant('unconfigured' as const) },
      ),
      known: fc.constantFrom(...routes),
      odd: sometimes(oddPath, 6),
      method: sometimes(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PURGE'), 8),
      query: fc.array(fc.tuple(queryKey, queryValue(cursors)), { maxLength: 3 }),
      authorization: usually(authorization, 15),
      contentType: sometimes(contentType, 5),
      idempotencyKey: sometimes(fc.oneof(fc.uuid(), latin1, fc.constantFrom('k-1', 'k-2', '')), 3),
      extra: fc.array(extraHeader, { maxLength: 3 }),
      addressIndex: fc.nat({ max: 15 }),
    })
    .chain((shape) => {
      const [knownMethod, knownPath] = shape.known;
      const method = shape.method ?? knownMethod;
      const path = shape.odd ?? knownPath;
      const bodyless = method === 'GET' || method === 'HEAD';
      return (bodyless ? fc.constant(null) : bodies(knownPath)).map((body): FuzzRequest => {
        const headers: [string, string][] = [];
        if (shape.authorization !== null) headers.push(['authorization', shape.authorization]);
        if (shape.contentType !== null) headers.push(['content-type', shape.contentType]);
        else if (body !== null) headers.push(['content-type', 'application/json']);
        if (shape.idempotencyKey !== null) headers.push(['idempotency-key', shape.idempotencyKey]);
        headers.push(...shape.extra);
        const address =
          shape.addressIndex < 8 ? `198.51.100.${shape.addressIndex + 1}` : `2001:db8:${shape.addressIndex}::1`;
        return { target: shape.target, method, path, query: shape.query, headers, body, address };
      });
    });
}

// ---------------------------------------------------------------- harness

let configured: PasserelleModule;
let unconfigured: PasserelleModule;
const stores: Store[] = [];
let server: RunningServer;
const cursors: string[] = ['eyJrIjoib3JkZXJzIn0', 'not-a-cursor'];

beforeAll(async () => {
  const open = () => {
    const store = createSqliteStore({ path: ':memory:' });
    stores.push(store);
    return store;
  };
  // A short, permissive throttle window: failures are part of the input, a lockout would starve the run.
  configured = await createModule({
    adapter: createMemoryAdapter(),
    store: open(),
    settings: { access: { throttle: { maxFailures: 1000, windowSeconds: 1, blockSeconds: 1 } } },
    adminPassword: ADMIN_PASSWORD,
  });
  await configured.settings.setPassword(PASSWORD, 'fuzz');
  unconfigured = await createModule({ adapter: createMemoryAdapter(), store: open() });
  server = await configured.listen({ port: 0, host: '127.0.0.1' });
  await configured.jobs.run('sweep');
  const auth = { authorization: `Bearer ${PASSWORD}` };
  for (const path of ['/orders?limit=1', '/changes?limit=1', '/products?limit=1', '/journal?limit=1']) {
    const page = (await (
      await configured.fetch(new Request(`http://module.test${BASE}${path}`, { headers: auth }))
    ).json()) as { nextCursor?: string | null };
    if (typeof page.nextCursor === 'string') cursors.push(page.nextCursor);
  }
});

afterAll(async () => {
  await configured?.close();
  await unconfigured?.close();
  for (const store of stores) await store.close();
});

function buildRequest(input: FuzzRequest, origin: string): Request | null {
  const query = new URLSearchParams(input.query).toString();
  try {
    return new Request(`${origin}${BASE}${input.path}${query ? `?${query}` : ''}`, {
      method: input.method,
      headers: input.headers,
      ...(input.body === null
        ? {}
        : { body: typeof input.body === 'string' ? input.body : new Uint8Array(input.body) }),
    });
  } catch {
    // Only what WHATWG fetch itself refuses to build (a header it forbids): nothing reached the module.
    return null;
  }
}

interface Tally {
  sent: number;
  unsendable: number;
  statuses: Map<number, number>;
  slowestMs: number;
  /** Time spent waiting for answers, as opposed to generating inputs. */
  answeringMs: number;
  /** Requests that landed on the admin page (a traversal out of the endpoint, or its own path). */
  admin: number;
}

async function check(
  response: Response,
  input: FuzzRequest,
  pathname: string,
  tally: Tally,
  started: number,
): Promise<void> {
  const elapsed = performance.now() - started;
  tally.slowestMs = Math.max(tally.slowestMs, elapsed);
  tally.answeringMs += elapsed;
  tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
  const label = `${input.method} ${input.path} -> ${response.status}`;
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  expect(text.includes(PASSWORD), `${label}: the password came back`).toBe(false);
  expect(text.includes(ADMIN_PASSWORD), `${label}: the admin password came back`).toBe(false);
  if (pathname === ADMIN_PATH || pathname.startsWith(`${ADMIN_PATH}/`)) {
    tally.admin++;
    expect(ALLOWED_ADMIN[input.target].has(response.status), `${label} (admin page)`).toBe(true);
    if (response.status !== 303 && input.method !== 'HEAD') expect(contentType, label).toMatch(/^text\/(html|css)/);
    return;
  }
  expect(ALLOWED[input.target].has(response.status), label).toBe(true);
  if (response.status >= 500) expect(ALLOWED_5XX[input.target], label).toContain(response.status);
  if (response.status >= 400) {
    expect(contentType, label).toBe('application/problem+json');
    if (input.method === 'HEAD') return;
    const problem = JSON.parse(text) as Record<string, unknown>;
    expect(problem.type, label).toMatch(/^https:\/\/passerelle\.dev\/problems\/[a-z-]+$/);
    expect(typeof problem.title, label).toBe('string');
    expect(problem.status, label).toBe(response.status);
  } else if (input.method !== 'HEAD') {
    expect(contentType, label).toMatch(/^application\/json/);
    JSON.parse(text);
  }
}

function summary(tally: Tally, ms: number): string {
  const statuses = [...tally.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  return `${tally.sent} requests in ${(ms / 1000).toFixed(1)} s, ${(tally.answeringMs / 1000).toFixed(1)} s of it answering (slowest ${tally.slowestMs.toFixed(0)} ms, ${tally.admin} landed on the admin page); statuses ${statuses}`;
}

describe('fuzzing the endpoint', () => {
  it(`${IN_PROCESS_RUNS} generated requests in-process: never a 5xx but the allowed ones, always problem+json errors`, async () => {
    const tally: Tally = { sent: 0, unsendable: 0, statuses: new Map(), slowestMs: 0, answeringMs: 0, admin: 0 };
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(cursors), async (input) => {
        const request = buildRequest(input, 'http://module.test');
        if (request === null) {
          tally.unsendable++;
          return;
        }
        tally.sent++;
        const module = input.target === 'configured' ? configured : unconfigured;
        const begin = performance.now();
        await check(
          await module.fetch(request, { clientAddress: input.address }),
          input,
          new URL(request.url).pathname,
          tally,
          begin,
        );
      }),
      { numRuns: IN_PROCESS_RUNS, seed, endOnFailure: true },
    );
    const ms = performance.now() - started;
    expect(tally.sent + tally.unsendable).toBe(IN_PROCESS_RUNS);
    expect(tally.unsendable).toBeLessThan(IN_PROCESS_RUNS * 0.02);
    // Every kind of answer was reached, so the generator is not stuck on one refusal.
    for (const status of [200, 401, 404, 415, 422, 501, 503])
      expect(tally.statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    expect(ms).toBeLessThan(120_000);

    // Still standing: a plain poll answers as before.
    const after = await configured.fetch(
      new Request(`http://module.test${BASE}/orders`, { headers: { authorization: `Bearer ${PASSWORD}` } }),
      { clientAddress: '192.0.2.1' },
    );
    expect(after.status).toBe(200);
    report.record({
      fault: 'fuzzed requests, in-process',
      injected: `fast-check seed ${seed}: random and near-valid methods, paths, queries, headers and bodies to module.fetch (5% to a module without a password); ${tally.unsendable} inputs WHATWG Request refused to build`,
      observed: `${summary(tally, ms)}; no 5xx but 501 (adapter lacks the capability) and 503 (no password yet); every error problem+json with type/title/status; the password never echoed; the module answers normally afterwards`,
    });
  }, 180_000);

  it(`${SOCKET_RUNS} generated requests over a real 127.0.0.1 socket`, async () => {
    const tally: Tally = { sent: 0, unsendable: 0, statuses: new Map(), slowestMs: 0, answeringMs: 0, admin: 0 };
    const origin = new URL(server.url).origin;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(cursors), async (input) => {
        if (input.target === 'unconfigured') return;
        const request = buildRequest(input, origin);
        if (request === null) {
          tally.unsendable++;
          return;
        }
        tally.sent++;
        const begin = performance.now();
        await check(await fetch(request), input, new URL(request.url).pathname, tally, begin);
      }),
      { numRuns: SOCKET_RUNS, seed: seed + 1, endOnFailure: true },
    );
    const ms = performance.now() - started;
    expect(tally.sent).toBeGreaterThan(SOCKET_RUNS * 0.8);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    report.record({
      fault: 'fuzzed requests, over a socket',
      injected: `fast-check seed ${seed + 1}: the same generator through fetch to the module listening on 127.0.0.1`,
      observed: `${summary(tally, ms)}; same properties hold; /health still 200 afterwards`,
    });
  }, 120_000);
});
