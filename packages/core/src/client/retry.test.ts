import { afterEach, describe, expect, it } from 'vitest';
import { createClient, defaultRetryPolicy, PasserelleHttpError } from './index.js';
import { echoResults, type FakeResponse, startTestServer, type TestServer, validationProblem } from './test-server.js';

const PASSWORD = 'retry-test-password';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const busy = (status: number, retryAfter?: string): FakeResponse => ({
  status,
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  json: { type: 'https://passerelle.dev/problems/store-unavailable', title: 'Store unavailable', status },
});

async function failure(promise: Promise<unknown>): Promise<PasserelleHttpError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PasserelleHttpError);
  return error as PasserelleHttpError;
}

describe('retries', () => {
  it('retries a write after 503 + Retry-After with the SAME Idempotency-Key, and it is applied once', async () => {
    const applied = new Map<string, unknown>();
    server = await startTestServer((request, index) => {
      if (index === 0) return busy(503, '1');
      const key = String(request.headers['idempotency-key']);
      if (!applied.has(key)) applied.set(key, echoResults(request).json);
      return { json: applied.get(key) };
    });
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const written = await client.products.put([{ reference: 'SKU-1', name: 'Mug' }]);

    expect(written.results).toEqual([{ key: 'SKU-1', outcome: 'created' }]);
    expect(server.requests.length).toBe(2);
    const [first, second] = server.requests;
    expect(first?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    expect(second?.body).toBe(first?.body);
    expect(applied.size).toBe(1);
    // Retry-After: 1 was waited for, not the backoff (loose bound: timers are not exact).
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(800);
  });

  it('honours 429 + Retry-After on a read', async () => {
    server = await startTestServer((_request, index) =>
      index === 0 ? busy(429, '1') : { json: { items: [{ id: '1' }], nextCursor: null } },
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const page = await client.orders.list();

    expect(page.items).toEqual([{ id: '1' }]);
    expect(server.requests.length).toBe(2);
    const [first, second] = server.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(800);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    server = await startTestServer((_request, index) =>
      index === 0 ? busy(503, new Date(Date.now() + 1500).toUTCString()) : { json: { status: 'ok' } },
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    await client.info();
    expect(server.requests.length).toBe(2);
    const [first, second] = server.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it('gives up at once when Retry-After is longer than maxRetryAfter, and carries the wait', async () => {
    server = await startTestServer(() => busy(429, '120'));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const error = await failure(client.orders.list());

    expect(server.requests.length).toBe(1);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.retryable).toBe(true);
  });

  it('does not retry a 422, and the error carries the problem field paths', async () => {
    server = await startTestServer(() =>
      validationProblem([
        { path: 'items.0.price', message: 'Expected a decimal string' },
        { path: 'items.1.reference', message: 'Required' },
      ]),
    );
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });

    const error = await failure(client.prices.put([{ reference: 'A', price: 1 }, { reference: '' }]));

    expect(server.requests.length).toBe(1);
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation');
    expect(error.retryable).toBe(false);
    expect(error.issues.map((issue) => issue.path)).toEqual(['items.0.price', 'items.1.reference']);
    expect(error.problem.detail).toBe('The request body is invalid.');
    expect(error.message).toContain('items.0.price');
    expect(error.method).toBe('PUT');
    expect(error.route).toBe('/prices');
  });

  it.each([400, 401, 403, 404, 409, 413])('does not retry a %i', async (status) => {
    server = await startTestServer(() => ({ status, json: { type: 'about:blank', title: 'No', status } }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    const error = await failure(client.customers.put([{ reference: 'C1' }]));
    expect(error.status).toBe(status);
    expect(server.requests.length).toBe(1);
  });

  it('retries a 500 up to the limit with backoff, then throws the last answer', async () => {
    server = await startTestServer(() => ({
      status: 500,
      json: { type: 'https://passerelle.dev/problems/internal', title: 'Internal error', status: 500, detail: 'boom' },
    }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, retry: { limit: 2, delay: () => 20 } });

    const error = await failure(client.configuration());

    expect(server.requests.length).toBe(3);
    expect(error.status).toBe(500);
    expect(error.code).toBe('internal');
    expect(error.problem.detail).toBe('boom');
  });

  it('sends a single request when retries are turned off', async () => {
    server = await startTestServer(() => busy(503));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, retry: 0 });
    await failure(client.info());
    expect(server.requests.length).toBe(1);
  });

  it('turns a non-problem error page into a synthetic problem', async () => {
    server = await startTestServer(() => ({
      status: 502,
      text: '<html>Bad gateway</html>',
      headers: { 'content-type': 'text/html' },
    }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, retry: 0 });
    const error = await failure(client.info());
    expect(error.problem).toEqual({ type: 'about:blank', title: 'Bad Gateway', status: 502 });
    expect(error.code).toBeUndefined();
  });

  it('default policy: 3 retries of GET, PUT and POST on 408/429/5xx, Retry-After up to 60 s, backoff up to 10 s', () => {
    expect(defaultRetryPolicy.limit).toBe(3);
    expect(defaultRetryPolicy.methods).toEqual(['get', 'put', 'post']);
    expect(defaultRetryPolicy.statusCodes).toEqual([408, 429, 500, 502, 503, 504]);
    expect(defaultRetryPolicy.maxRetryAfter).toBe(60_000);
    expect(defaultRetryPolicy.backoffLimit).toBe(10_000);
    expect(defaultRetryPolicy.jitter).toBe(true);
    expect(defaultRetryPolicy.delay(1)).toBeLessThan(defaultRetryPolicy.delay(3));
  });
});
