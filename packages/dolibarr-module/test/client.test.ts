import { PlatformError, PlatformThrottledError } from '@passerelle/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiBaseOf, createDolibarrClient } from '../src/client.js';
import { createFakeDolibarr } from './fake-dolibarr.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const fast = { limit: 2, delay: () => 1, jitter: false, backoffLimit: 5 };

function fakeOn(options: Parameters<typeof createFakeDolibarr>[0] = {}) {
  const fake = createFakeDolibarr(options);
  server.use(...fake.handlers);
  return fake;
}

describe('apiBaseOf', () => {
  it('appends api/index.php to a Dolibarr root and keeps an API base as it is', () => {
    expect(apiBaseOf('https://erp.example.com/')).toBe('https://erp.example.com/api/index.php');
    expect(apiBaseOf('https://erp.example.com/dolibarr/api/index.php/')).toBe(
      'https://erp.example.com/dolibarr/api/index.php',
    );
  });

  it('refuses credentials in the URL and non-http schemes', () => {
    expect(() => apiBaseOf('https://user:secret@erp.example.com')).toThrow(/DOLIBARR_API_KEY/);
    expect(() => apiBaseOf('ftp://erp.example.com')).toThrow(/http/);
  });
});

describe('createDolibarrClient', () => {
  it('sends the key as DOLAPIKEY, the entity as DOLAPIENTITY, and never in the URL', async () => {
    const seen: Request[] = [];
    server.use(
      http.get('https://erp.test/api/index.php/warehouses', ({ request }) => {
        seen.push(request.clone());
        return HttpResponse.json([]);
      }),
    );
    const client = createDolibarrClient({ url: 'https://erp.test', apiKey: 'k3y-0f-the-user', entity: '2' });
    await client.list('warehouses');
    expect(seen[0]?.headers.get('dolapikey')).toBe('k3y-0f-the-user');
    expect(seen[0]?.headers.get('dolapientity')).toBe('2');
    expect(seen[0]?.url).not.toContain('k3y');
  });

  it('turns a refused key into a PlatformError that holds neither the key nor a retry', async () => {
    const fake = fakeOn();
    const secret = 'wrong-key-7f3a9c';
    const client = createDolibarrClient({ url: fake.url, apiKey: secret, retry: fast });
    const error = await client.get('orders').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).status).toBe(401);
    expect((error as PlatformError).message).toMatch(/answered 401: Unauthorized/);
    expect(JSON.stringify({ message: (error as Error).message, body: (error as PlatformError).body })).not.toContain(
      secret,
    );
    // Dolibarr sleeps a second on a bad key on purpose: one attempt only.
    expect(fake.count({ path: /^\/orders/ })).toBe(1);
  });

  it('redacts the key from a network failure message', async () => {
    server.use(http.get('https://erp.test/api/index.php/products', () => HttpResponse.error()));
    const client = createDolibarrClient({ url: 'https://erp.test', apiKey: 'network-key-123', retry: 0 });
    const error = (await client.list('products').catch((caught: unknown) => caught)) as PlatformError;
    expect(error.status).toBe(0);
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain('network-key-123');
  });

  it('retries a GET on 503 and honours Retry-After on 429', async () => {
    const fake = fakeOn();
    fake.failNext({ status: 503, match: /GET \/warehouses/ });
    fake.failNext({ status: 429, retryAfter: 0, match: /GET \/warehouses/ });
    const client = createDolibarrClient({ url: fake.url, apiKey: fake.apiKey, retry: fast });
    const warehouses = await client.list('warehouses');
    expect(warehouses.length).toBeGreaterThan(0);
    expect(fake.count({ path: /^\/warehouses$/ })).toBe(3);
  });

  it('retries a POST only on 429: a 500 may have created the record', async () => {
    const fake = fakeOn();
    fake.failNext({ status: 429, retryAfter: 0, match: /POST \/thirdparties/ });
    const client = createDolibarrClient({ url: fake.url, apiKey: fake.apiKey, retry: fast });
    expect(await client.post('thirdparties', { name: 'Throttled once' })).toEqual(expect.any(Number));
    expect(fake.count({ method: 'POST', path: /^\/thirdparties$/ })).toBe(2);

    fake.failNext({ status: 500, match: /POST \/thirdparties/ });
    const error = await client.post('thirdparties', { name: 'Failed once' }).catch((caught: unknown) => caught);
    expect((error as PlatformError).status).toBe(500);
    expect(fake.count({ method: 'POST', path: /^\/thirdparties$/ })).toBe(3);
  });

  it('reports a 429 that outlasts the retries as PlatformThrottledError with its delay', async () => {
    const fake = fakeOn();
    fake.failNext({ status: 429, retryAfter: 0, times: 5, match: /GET \/products/ });
    const client = createDolibarrClient({ url: fake.url, apiKey: fake.apiKey, retry: { ...fast, limit: 1 } });
    const error = await client.list('products').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformThrottledError);
    expect((error as PlatformThrottledError).retryAfterMs).toBe(0);
  });

  it('reads an empty list answered 404 "No … found" as empty, and a missing route as an error', async () => {
    const fake = fakeOn({ version: '15.0.3', seed: false });
    const client = createDolibarrClient({ url: fake.url, apiKey: fake.apiKey, retry: 0 });
    expect(await client.list('orders')).toEqual([]);
    expect(fake.calls.find((call) => call.path === '/orders')?.status).toBe(404);
    const missing = await client.list('nosuchmodule').catch((caught: unknown) => caught);
    expect((missing as PlatformError).status).toBe(404);
  });

  it('unwraps pagination_data answers', async () => {
    const fake = fakeOn();
    const client = createDolibarrClient({ url: fake.url, apiKey: fake.apiKey });
    const rows = await client.list<{ ref: string }>('products', { pagination_data: 'true', limit: 2 });
    expect(rows).toHaveLength(2);
  });

  it('reads the version once from /status and picks the filter dialect from it', async () => {
    const legacy = fakeOn({ version: '18.0.4' });
    const old = createDolibarrClient({ url: legacy.url, apiKey: legacy.apiKey });
    expect((await old.version()).major).toBe(18);
    expect((await old.dialect()).strict).toBe(false);
    await old.version();
    expect(legacy.count({ path: /^\/status$/ })).toBe(1);

    const current = fakeOn({ version: '21.0.1' });
    const client = createDolibarrClient({ url: current.url, apiKey: current.apiKey });
    expect((await client.dialect()).strict).toBe(true);
  });

  it('proves the key with /users/info', async () => {
    const fake = fakeOn();
    const client = createDolibarrClient({ url: fake.url, apiKey: fake.apiKey, entity: '2' });
    expect(await client.whoami()).toEqual({ login: 'passerelle-api', entity: '2' });
  });
});
