import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuthError,
  IdempotencyConflictError,
  InvalidCursorError,
  NotConfiguredError,
  NotFoundError,
  NotSupportedError,
  PasserelleError,
  PayloadTooLargeError,
  PlatformError,
  PlatformThrottledError,
  RateLimitedError,
  StoreUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors/index.js';
import { MAX_BODY_BYTES, STORE_UNAVAILABLE_RETRY_AFTER_SECONDS } from './limits.js';
import {
  type ProblemDocument,
  parseJsonBody,
  problemResponse,
  readBodyBytes,
  zodIssuesToFieldIssues,
} from './problem.js';

async function problemOf(response: Response): Promise<ProblemDocument> {
  return (await response.json()) as ProblemDocument;
}

describe('problemResponse', () => {
  it.each([
    [new ValidationError('bad', [{ path: 'items.0.price', message: 'required' }]), 422, 'validation'],
    [new InvalidCursorError('forged'), 400, 'invalid-cursor'],
    [new AuthError('wrong-credentials', 'The credentials were refused.'), 401, 'unauthorized'],
    [new AuthError('address-not-allowed', 'Not allowed.'), 403, 'forbidden'],
    [new RateLimitedError('slow down', 1500), 429, 'rate-limited'],
    [new IdempotencyConflictError(), 409, 'idempotency-conflict'],
    [new NotSupportedError('no invoices', { invoices: false }), 501, 'not-supported'],
    [new NotConfiguredError(), 503, 'not-configured'],
    [new StoreUnavailableError('disk full'), 503, 'store-unavailable'],
    [new NotFoundError('no order 12'), 404, 'not-found'],
    [new PayloadTooLargeError(MAX_BODY_BYTES), 413, 'payload-too-large'],
    [new UnsupportedMediaTypeError(['application/json']), 415, 'unsupported-media-type'],
    [new PlatformError('PrestaShop answered 500', 500), 502, 'platform'],
    [new PasserelleError('internal', 'invariant broken'), 500, 'internal'],
  ])('maps %o', async (error, status, code) => {
    const response = problemResponse(error, '/passerelle/v1/orders');
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const problem = await problemOf(response);
    expect(problem).toMatchObject({
      type: `https://passerelle.dev/problems/${code}`,
      status,
      instance: '/passerelle/v1/orders',
    });
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
  });

  it('omits instance when none is given', async () => {
    expect(await problemOf(problemResponse(new NotFoundError('gone')))).not.toHaveProperty('instance');
  });

  it('lists field issues of a validation problem', async () => {
    const issues = [
      { path: 'items.3.price', message: 'Invalid input' },
      { path: 'items.4.reference', message: 'required' },
    ];
    const problem = await problemOf(problemResponse(new ValidationError('The request body is invalid.', issues)));
    expect(problem.errors).toEqual(issues);
    expect(problem.detail).toBe('The request body is invalid.');
  });

  it('challenges a 401 with a Bearer realm', () => {
    const response = problemResponse(new AuthError('missing-credentials', 'Send the password.'));
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="passerelle"');
    expect(problemResponse(new AuthError('address-not-allowed', 'no')).headers.get('www-authenticate')).toBeNull();
  });

  it('sends Retry-After in whole seconds, rounded up and never 0', () => {
    expect(problemResponse(new RateLimitedError('slow', 1500)).headers.get('retry-after')).toBe('2');
    expect(problemResponse(new RateLimitedError('slow', 60_000)).headers.get('retry-after')).toBe('60');
    expect(problemResponse(new RateLimitedError('slow', 0)).headers.get('retry-after')).toBe('1');
    expect(problemResponse(new StoreUnavailableError('locked')).headers.get('retry-after')).toBe(
      String(STORE_UNAVAILABLE_RETRY_AFTER_SECONDS),
    );
    expect(problemResponse(new PlatformThrottledError('Shopify throttled', 2500)).headers.get('retry-after')).toBe('3');
  });

  it('tells a not-supported caller the capabilities', async () => {
    const capabilities = { invoices: false, stock: true };
    const problem = await problemOf(problemResponse(new NotSupportedError('invoices are not read', capabilities)));
    expect(problem.capabilities).toEqual(capabilities);
  });

  it('summarises a platform error without its body or the query string of the URL called', async () => {
    const body = { secretToken: 'tok_live_123', html: '<html>stack trace</html>' };
    const message = `GET https://shop.example/api/products?ws_key=ABCDEF123&limit=5 failed:\n${'x'.repeat(500)}`;
    const response = problemResponse(new PlatformError(message, 500, body));
    const text = await response.text();
    expect(text).not.toContain('tok_live_123');
    expect(text).not.toContain('stack trace');
    expect(text).not.toContain('ABCDEF123');
    const problem = JSON.parse(text) as ProblemDocument;
    expect(problem.detail).toContain('https://shop.example/api/products');
    expect(problem.detail.length).toBeLessThanOrEqual(200);
    expect(problem.detail).not.toContain('\n');
    expect(problem.platformStatus).toBe(500);
    expect(problem.retryable).toBe(true);
  });

  it('never echoes the message of an unknown error', async () => {
    const response = problemResponse(new Error('connect failed: postgres://admin:hunter2@db/passerelle'));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ type: 'https://passerelle.dev/problems/internal', status: 500 });
  });

  it('answers 500 for thrown non-errors', async () => {
    for (const thrown of ['hunter2', 42, null, undefined, { code: 'validation', message: 'hunter2' }]) {
      const response = problemResponse(thrown);
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain('hunter2');
    }
  });
});

describe('zodIssuesToFieldIssues', () => {
  const schema = z.strictObject({
    items: z.array(z.strictObject({ reference: z.string(), price: z.string().regex(/^\d+\.\d{2}$/) })),
  });

  it('gives dotted paths, with a prefix when asked', () => {
    const result = schema.safeParse({
      items: [
        { reference: 'A', price: '1.00' },
        { reference: 'B', price: '1.00' },
        { reference: 'C', price: '1.00' },
        { reference: 'D', price: 12 },
      ],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToFieldIssues(result.error)).toEqual([{ path: 'items.3.price', message: expect.any(String) }]);
    expect(zodIssuesToFieldIssues(result.error, 'body')).toEqual([
      { path: 'body.items.3.price', message: expect.any(String) },
    ]);
  });

  it('reports each unknown key at its own path', () => {
    const result = schema.safeParse({ items: [{ reference: 'A', price: '1.00', colour: 'red', size: 'L' }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToFieldIssues(result.error)).toEqual([
      { path: 'items.0.colour', message: 'unknown field' },
      { path: 'items.0.size', message: 'unknown field' },
    ]);
  });

  it('uses an empty path for a root issue', () => {
    const result = z.object({}).safeParse('text');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToFieldIssues(result.error)[0]?.path).toBe('');
  });
});

function jsonRequest(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return new Request('http://module.test/passerelle/v1/products', { method: 'PUT', body, headers });
}

/** A body stream of `total` bytes in 64 KiB chunks, counting what the reader pulled. */
function streamOf(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(65_536, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled: () => sent };
}

function streamingRequest(stream: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return new Request('http://module.test/passerelle/v1/products', {
    method: 'PUT',
    body: stream,
    headers,
    duplex: 'half',
  } as RequestInit);
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('parseJsonBody', () => {
  const schema = z.strictObject({
    items: z.array(z.strictObject({ reference: z.string(), quantity: z.number().int() })),
  });

  it('parses and validates a JSON body', async () => {
    const body = { items: [{ reference: 'SKU-1', quantity: 3 }] };
    await expect(parseJsonBody(jsonRequest(JSON.stringify(body)), schema)).resolves.toEqual(body);
  });

  it('accepts a UTF-8 charset parameter', async () => {
    const request = jsonRequest('{"items":[]}', { 'content-type': 'Application/JSON; charset="UTF-8"' });
    await expect(parseJsonBody(request, schema)).resolves.toEqual({ items: [] });
  });

  it.each([
    { 'content-type': 'text/plain' },
    { 'content-type': 'application/x-www-form-urlencoded' },
    { 'content-type': 'application/json; charset=latin1' },
    {} as Record<string, string>,
  ])('refuses content type %o with 415', async (headers) => {
    const error = await thrownBy(parseJsonBody(jsonRequest('{"items":[]}', headers), schema));
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(problemResponse(error).status).toBe(415);
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    const { stream, pulled } = streamOf(MAX_BODY_BYTES + 1);
    const error = await thrownBy(
      parseJsonBody(
        streamingRequest(stream, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }),
        schema,
      ),
    );
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(problemResponse(error).status).toBe(413);
    expect(pulled()).toBeLessThan(MAX_BODY_BYTES);
  });

  it('counts the stream when Content-Length lies, and stops reading once over the limit', async () => {
    const { stream, pulled } = streamOf(MAX_BODY_BYTES * 3);
    const error = await thrownBy(
      parseJsonBody(streamingRequest(stream, { 'content-type': 'application/json', 'content-length': '12' }), schema),
    );
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(pulled()).toBeLessThan(MAX_BODY_BYTES + 256 * 1024);
  });

  it('counts the stream when there is no Content-Length', async () => {
    const { stream } = streamOf(MAX_BODY_BYTES + 1);
    const error = await thrownBy(
      parseJsonBody(streamingRequest(stream, { 'content-type': 'application/json' }), schema),
    );
    expect(error).toBeInstanceOf(PayloadTooLargeError);
  });

  it('accepts a body of exactly the limit', async () => {
    const { stream } = streamOf(MAX_BODY_BYTES);
    const bytes = await readBodyBytes(streamingRequest(stream, {}));
    expect(bytes.byteLength).toBe(MAX_BODY_BYTES);
  });

  it.each(['{"items": [', '', 'undefined', "{'items': []}", '\u00ff'])(
    'answers malformed JSON %j with 422 at path ""',
    async (body) => {
      const error = await thrownBy(parseJsonBody(jsonRequest(body), schema));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([{ path: '', message: 'malformed JSON' }]);
      expect(problemResponse(error).status).toBe(422);
    },
  );

  it('answers invalid UTF-8 as malformed JSON', async () => {
    const error = await thrownBy(parseJsonBody(jsonRequest(new Uint8Array([0x22, 0xff, 0x22])), schema));
    expect((error as ValidationError).issues).toEqual([{ path: '', message: 'malformed JSON' }]);
  });

  it('answers an unknown field with 422 and its path, together with every other issue', async () => {
    const body = {
      items: [
        { reference: 'A', quantity: 1 },
        { reference: 'B', quantity: 1.5, colour: 'red' },
      ],
    };
    const error = await thrownBy(parseJsonBody(jsonRequest(JSON.stringify(body)), schema));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(
      expect.arrayContaining([
        { path: 'items.1.colour', message: 'unknown field' },
        { path: 'items.1.quantity', message: expect.any(String) },
      ]),
    );
    const problem = await problemOf(problemResponse(error));
    expect(problem.status).toBe(422);
    expect(problem.errors).toContainEqual({ path: 'items.1.colour', message: 'unknown field' });
  });
});
