import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createClient,
  PasserelleClientError,
  PasserelleHttpError,
  PasserelleNetworkError,
  PasserelleTimeoutError,
} from './index.js';
import { startTestServer, type TestServer } from './test-server.js';

const PASSWORD = 'never-show-this-password-9f3a';
const HMAC_SECRET = 'never-show-this-hmac-secret-77';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything a log line could show of an error: message, stack, own properties, causes. */
function everythingShown(error: unknown): string {
  return `${String(error)}\n${error instanceof Error ? error.stack : ''}\n${inspect(error, { depth: 8, showHidden: true })}`;
}

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<string> {
  const probe = await startTestServer(() => ({}));
  await probe.close();
  return probe.baseUrl;
}

describe('transport errors', () => {
  it('a module that does not answer in time gives PasserelleTimeoutError', async () => {
    server = await startTestServer(() => ({ delayMs: 1_000, json: {} }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, timeoutMs: 100, retry: 0 });

    const error = await client.info().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PasserelleTimeoutError);
    expect((error as PasserelleTimeoutError).timeoutMs).toBe(100);
    expect((error as PasserelleTimeoutError).retryable).toBe(true);
    expect(everythingShown(error)).not.toContain(PASSWORD);
  });

  it('retries a timed-out write with the same key before giving up', async () => {
    server = await startTestServer(() => ({ delayMs: 500, json: {} }));
    const client = createClient({
      baseUrl: server.baseUrl,
      password: PASSWORD,
      timeoutMs: 100,
      retry: { limit: 1, delay: () => 10 },
    });

    await expect(client.products.put([{ reference: 'A' }])).rejects.toBeInstanceOf(PasserelleTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.length).toBe(2);
    expect(server.requests[1]?.headers['idempotency-key']).toBe(server.requests[0]?.headers['idempotency-key']);
  });

  it('a refused connection gives PasserelleNetworkError after the retries', async () => {
    const baseUrl = await closedPort();
    const client = createClient({
      baseUrl,
      password: PASSWORD,
      hmacSecret: HMAC_SECRET,
      retry: { limit: 1, delay: () => 10 },
    });

    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PasserelleNetworkError);
    expect((error as PasserelleNetworkError).errorCode).toBe('ECONNREFUSED');
    expect((error as PasserelleNetworkError).message).toContain('GET /orders');
    expect(PasserelleClientError.is(error)).toBe(true);
    const shown = everythingShown(error);
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain(HMAC_SECRET);
  });

  it('an HTTP error shows neither the password nor the request headers, even when the module echoes them', async () => {
    server = await startTestServer((request) => ({
      status: 401,
      json: {
        type: 'https://passerelle.dev/problems/unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: `Refused ${String(request.headers.authorization)}`,
        errors: [{ path: 'authorization', message: String(request.headers.authorization) }],
      },
    }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD, hmacSecret: HMAC_SECRET });

    const error = await client.products.put([{ reference: 'A' }]).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PasserelleHttpError);
    const shown = everythingShown(error);
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain(HMAC_SECRET);
    expect(shown).not.toMatch(/x-passerelle-signature/i);
    expect((error as PasserelleHttpError).problem.detail).toBe('Refused Bearer [redacted]');
    expect((error as PasserelleHttpError).message).toContain('PUT /products answered 401 Unauthorized');
  });

  it('errors are told apart by a cross-realm guard', async () => {
    expect(PasserelleClientError.is(new PasserelleTimeoutError('late', 5))).toBe(true);
    expect(PasserelleClientError.is(new Error('other'))).toBe(false);
    expect(PasserelleClientError.is({ message: 'plain object' })).toBe(false);
  });

  it('an aborted call rejects with the abort reason, not a client error', async () => {
    server = await startTestServer(() => ({ delayMs: 1_000, json: {} }));
    const client = createClient({ baseUrl: server.baseUrl, password: PASSWORD });
    const controller = new AbortController();
    const pending = client.info({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((caught: unknown) => caught);
    expect(PasserelleClientError.is(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });
});
