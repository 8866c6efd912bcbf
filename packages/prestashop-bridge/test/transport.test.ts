import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeTransport, createPrestashopClient, missingPermissions, PrestashopError } from '../src/index.js';
import { FAKE_KEY } from './fake-prestashop.js';

let server: Server;
let base = '';
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = createServer((request, response) => {
    sockets.add(request.socket);
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/old/api/languages') {
      response.writeHead(301, { location: `${base}/api/languages${url.search}` });
      response.end();
    } else if (url.pathname === '/old/api/groups/4') {
      response.writeHead(301, { location: 'https://www.shop.example/api/groups/4' });
      response.end();
    } else if (url.pathname === '/api/languages') {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'psws-version': '9.0.0',
      });
      response.end(gzipSync(JSON.stringify({ languages: [{ id: 1, iso_code: 'en' }] })));
    } else if (url.pathname === '/api/slow') {
      setTimeout(() => response.end('{}'), 500);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the keep-alive transport', () => {
  it('decodes gzip, follows a redirect for a read, and reuses its connection', async () => {
    const client = createPrestashopClient({ url: `${base}/old`, key: FAKE_KEY, retry: 0 });
    sockets.clear();
    for (let index = 0; index < 3; index++) {
      expect(await client.list('languages')).toEqual([{ id: 1, iso_code: 'en' }]);
    }
    expect(client.version()).toBe('9.0.0');
    // Six requests (three redirected reads) over at most two connections: they are kept alive and reused.
    expect(sockets.size).toBeLessThanOrEqual(2);
    client.close();
  });

  it('does not replay a write across a redirect and says to use the final URL', async () => {
    const client = createPrestashopClient({ url: `${base}/old`, key: FAKE_KEY, retry: 0, patch: 'always' });
    const error = (await client
      .update('groups', '4', { fields: { reduction: '1' } })
      .catch((caught: unknown) => caught)) as PrestashopError;
    expect(error).toBeInstanceOf(PrestashopError);
    expect(error.status).toBe(301);
    expect(error.message).toContain('the shop redirects to https://www.shop.example/api/groups/4: use its final URL');
    client.close();
  });

  it('aborts a call when its signal fires', async () => {
    const transport = createNodeTransport();
    const started = Date.now();
    const error = await transport
      .fetch(`${base}/api/slow`, { signal: AbortSignal.timeout(100) })
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toMatch(/TimeoutError|AbortError/);
    expect(Date.now() - started).toBeLessThan(450);
    transport.close();
  });
});

describe('missingPermissions', () => {
  it('lists the resources and methods the key lacks', () => {
    const missing = missingPermissions({
      version: '8.1.7',
      shopName: null,
      permissions: { products: ['GET', 'PUT'], stock_availables: ['GET', 'PUT', 'PATCH'] },
    });
    expect(missing).toContain('products: POST, PATCH');
    expect(missing).toContain('order_histories: GET, POST');
    expect(missing.some((line) => line.startsWith('stock_availables'))).toBe(false);
  });
});
