import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, PasserelleHttpError } from './index.js';
import { echoResults, type RecordedRequest, startTestServer, type TestServer } from './test-server.js';

const PASSWORD = 'correct-horse-battery-staple';
const HMAC_SECRET = 'hmac-shared-secret-0123456789';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What the module does with a signed request: recompute and compare in constant time, within ±5 min. */
function verifySignature(request: RecordedRequest, nowSeconds: number): boolean {
  const timestamp = request.headers['x-passerelle-timestamp'];
  const signature = request.headers['x-passerelle-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = `sha256=${createHmac('sha256', HMAC_SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

describe('authentication', () => {
  it('sends the password as a Bearer header and never in the URL', async () => {
    server = await startTestServer(() => ({ json: { items: [], nextCursor: null } }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    await client.orders.list({ limit: 2, cursor: 'abc' });
    await client.products.put([{ reference: 'SKU-1' }]).catch(() => undefined);

    expect(server.requests.length).toBe(2);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${PASSWORD}`);
      expect(request.url).not.toContain(PASSWORD);
      expect(decodeURIComponent(request.url)).not.toContain(PASSWORD);
      expect(request.body).not.toContain(PASSWORD);
    }
    expect(server.requests[0]?.url).toBe('/passerelle/v1/orders?cursor=abc&limit=2');
    expect(server.requests[0]?.headers['user-agent']).toBe('@passerelle/core/client');
  });

  it('sends no credentials to GET /health', async () => {
    server = await startTestServer(() => ({ json: { status: 'ok' } }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, hmacSecret: HMAC_SECRET });

    await expect(client.health()).resolves.toEqual({ status: 'ok' });
    const [request] = server.requests;
    expect(request?.route).toBe('/health');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['x-passerelle-signature']).toBeUndefined();
  });

  it('signs reads and writes so that the module can verify them', async () => {
    server = await startTestServer((request) => {
      if (!verifySignature(request, Math.floor(Date.now() / 1000))) {
        return {
          status: 401,
          json: { type: 'https://passerelle.dev/problems/unauthorized', title: 'Unauthorized', status: 401 },
        };
      }
      return request.method === 'GET' ? { json: { protocol: 'passerelle/1' } } : echoResults(request);
    });
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, hmacSecret: HMAC_SECRET });

    await expect(client.info()).resolves.toEqual({ protocol: 'passerelle/1' });
    const written = await client.stock.put([{ reference: 'SKU-1', quantity: 4, location: 'main' }]);

    expect(written.results).toEqual([{ key: 'SKU-1', outcome: 'created' }]);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${PASSWORD}`,
      `Bearer ${PASSWORD}`,
    ]);
    expect(server.requests[1]?.headers['x-passerelle-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('refuses a request signed with another secret (the test server really checks)', async () => {
    server = await startTestServer((request) =>
      verifySignature(request, Math.floor(Date.now() / 1000))
        ? { json: {} }
        : {
            status: 401,
            json: { type: 'https://passerelle.dev/problems/unauthorized', title: 'Unauthorized', status: 401 },
          },
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, hmacSecret: 'another-secret-value' });

    const error = await client.info().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PasserelleHttpError);
    expect((error as PasserelleHttpError).status).toBe(401);
    expect(server.requests.length).toBe(1);
  });

  it('signs each retry with a fresh timestamp', async () => {
    let clock = 1_750_000_000_000;
    server = await startTestServer((_request, index) =>
      index === 0
        ? { status: 503, headers: { 'retry-after': '0' }, json: { type: 'about:blank', title: 'Busy', status: 503 } }
        : { json: {} },
    );
    const client = createClient({
      baseUrl: server.baseUrl,
      password: PASSWORD,
      hmacSecret: HMAC_SECRET,
      now: () => {
        clock += 7_000;
        return clock;
      },
    });

    await client.configuration();

    const [first, second] = server.requests;
    expect(first?.headers['x-passerelle-timestamp']).toBe('1750000007');
    expect(second?.headers['x-passerelle-timestamp']).toBe('1750000014');
    expect(first && verifySignature(first, 1_750_000_007)).toBe(true);
    expect(second && verifySignature(second, 1_750_000_014)).toBe(true);
  });
});

describe('baseUrl', () => {
  it('appends /passerelle/v1 to an origin or a mount path, and keeps a full base as is', () => {
    const make = (baseUrl: string) => createClient({ baseUrl, password: PASSWORD }).baseUrl;
    expect(make('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/passerelle/v1');
    expect(make('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/passerelle/v1');
    expect(make('http://127.0.0.1:8787/passerelle/v1/')).toBe('http://127.0.0.1:8787/passerelle/v1');
    expect(make('https://shop.example/api')).toBe('https://shop.example/api/passerelle/v1');
  });

  it('reaches the routes when given only the origin', async () => {
    server = await startTestServer(() => ({ json: { openapi: '3.1.0' } }));
    const client = createClient({ baseUrl: server.origin, password: PASSWORD });
    await expect(client.openapi()).resolves.toEqual({ openapi: '3.1.0' });
    expect(server.requests[0]?.url).toBe('/passerelle/v1/openapi.json');
  });

  it('refuses credentials in the URL without repeating them', () => {
    const attempt = () => createClient({ baseUrl: `http://cloud:${PASSWORD}@127.0.0.1:8787`, password: PASSWORD });
    expect(attempt).toThrow(TypeError);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain(PASSWORD);
    }
  });

  it('refuses a missing password and a non-http URL', () => {
    expect(() => createClient({ baseUrl: 'http://127.0.0.1:8787', password: '' })).toThrow(/password/);
    expect(() => createClient({ baseUrl: 'ftp://127.0.0.1', password: PASSWORD })).toThrow(/http/);
    expect(() => createClient({ baseUrl: 'http://127.0.0.1?x=1', password: PASSWORD })).toThrow(/query/);
  });
});
