/**
 * Hostile input on the wire, sent as raw HTTP over a 127.0.0.1 socket so nothing normalises it on
 * the way: CR/LF and bare CR in header values, over-long headers and request lines, path traversal
 * out of `/passerelle/v1` (plain, percent-encoded, double-encoded, backslashes), and SQL-looking ids,
 * references and cursors. Each is refused or harmless: no response splitting, no route reached
 * without credentials, the endpoint password never opening the admin page, and the SQLite store's
 * tables byte-for-byte unchanged except for the journal of what was refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryAdapter,
  createModule,
  createSqliteStore,
  type MemoryAdapter,
  type PasserelleModule,
  type RunningServer,
  type Store,
} from '@passerelle/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaultReport } from './fault-report.js';

const PASSWORD = 'Input-Hardening-Password-7';
const ADMIN_PASSWORD = 'Input-Admin-Password-7777';
const report = createFaultReport('security-input');
const dir = mkdtempSync(join(tmpdir(), 'passerelle-security-input-'));
const storePath = join(dir, 'store.db');

let adapter: MemoryAdapter;
let store: Store;
let module: PasserelleModule;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  adapter = createMemoryAdapter();
  store = createSqliteStore({ path: storePath });
  module = await createModule({ adapter, store, adminPassword: ADMIN_PASSWORD });
  await module.settings.setPassword(PASSWORD, 'test');
  server = await module.listen({ port: 0, host: '127.0.0.1' });
  port = server.port;
  await module.jobs.run('sweep');
});

afterAll(async () => {
  await module.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: [string, string][];
  body: string;
  raw: string;
}

/** Sends bytes as they are and reads until the server closes (every request says `Connection: close`). */
function raw(request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers: headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
        body: rest.join('\r\n\r\n'),
        raw: text,
      });
    });
    // Not end(): a half-closed socket makes Node drop an answer that is still being computed.
    socket.write(request, 'latin1');
  });
}

const bearer = `Authorization: Bearer ${PASSWORD}\r\n`;
const get = (target: string, headers = '') =>
  raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`);

/** Every table of the SQLite store, rows as JSON, minus what a refusal legitimately adds (the activity journal). */
function storeSnapshot(): Record<string, string> {
  const db = new Database(storePath, { readonly: true });
  try {
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as { name: string }[]
    ).map((row) => row.name);
    return Object.fromEntries(
      tables
        .filter((name) => !['activity', 'auth_failures', 'auth_blocks'].includes(name))
        .map((name) => [name, JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())]),
    );
  } finally {
    db.close();
  }
}

describe('header injection and over-long headers', () => {
  it('refuses CR/LF tricks at the parser and never lets a request value into a response header', async () => {
    const bareCr = await raw(
      `GET /passerelle/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n${bearer}Idempotency-Key: abc\rSet-Cookie: pwned=1\r\nConnection: close\r\n\r\n`,
    );
    expect(bareCr.status).toBe(400);
    const bareLf = await raw(
      `GET /passerelle/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n${bearer}X-Note: abc\nSet-Cookie: pwned=1\r\nConnection: close\r\n\r\n`,
    );
    expect(bareLf.status).toBe(400);
    const nul = await raw(
      `GET /passerelle/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n${bearer}X-Note: a\u0000b\r\nConnection: close\r\n\r\n`,
    );
    expect(nul.status).toBe(400);
    // Encoded CR/LF in the path ends up, escaped, in the problem body, not in a header.
    const encoded = await get('/passerelle/v1/orders/%0d%0aSet-Cookie:%20pwned=1%0d%0a', bearer);
    expect(encoded.status).toBe(404);
    expect(encoded.headers.map(([name]) => name)).not.toContain('set-cookie');
    expect(encoded.headers.find(([name]) => name === 'content-type')?.[1]).toBe('application/problem+json');
    // An Idempotency-Key of another shape is a 422, not an echo.
    const body = '{"items":[{"reference":"MUG","quantity":1}]}';
    const key = await raw(
      `PUT /passerelle/v1/stock HTTP/1.1\r\nHost: 127.0.0.1\r\n${bearer}Content-Type: application/json\r\nIdempotency-Key: a b\u00e9\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(key.status).toBe(422);
    expect(key.body).toContain('header.Idempotency-Key');
    report.record({
      fault: 'header injection',
      injected:
        'bare CR and bare LF inside header values (a Set-Cookie smuggled in), a NUL byte, %0d%0a in the path, a non-ASCII Idempotency-Key',
      observed: `${bareCr.status} / ${bareLf.status} / ${nul.status} from the HTTP parser before any handler; the encoded CR/LF path is a 404 problem with no Set-Cookie; the key is a 422 naming header.Idempotency-Key`,
    });
  });

  it('answers 431 to headers past the parser limit and 401 to an oversize credential, then keeps serving', async () => {
    const huge = await get('/passerelle/v1/orders', `${bearer}X-Padding: ${'a'.repeat(20_000)}\r\n`);
    expect(huge.status).toBe(431);
    const longUrl = await get(`/passerelle/v1/orders?limit=1&pad=${'b'.repeat(20_000)}`, bearer);
    expect(longUrl.status).toBe(431);
    const credential = await get('/passerelle/v1/orders', `Authorization: Bearer ${'c'.repeat(10_000)}\r\n`);
    expect(credential.status).toBe(401);
    const many = await get(
      '/passerelle/v1/orders',
      `${bearer}${Array.from({ length: 200 }, (_, index) => `X-H${index}: v\r\n`).join('')}`,
    );
    expect([200, 431]).toContain(many.status);
    expect((await get('/passerelle/v1/health')).status).toBe(200);
    report.record({
      fault: 'over-long headers',
      injected: 'a 20 kB header, a 20 kB request line, a 10 kB Bearer credential, 200 extra headers',
      observed: `431 / 431 from the parser; the oversize credential is refused (401) before any hashing; 200 headers: ${many.status}; /health still 200`,
    });
  });
});

describe('path traversal out of the endpoint', () => {
  const targets = [
    '/passerelle/v1/../admin',
    '/passerelle/v1/%2e%2e/admin',
    '/passerelle/v1/%2E%2E/admin',
    '/passerelle/v1/..%2fadmin',
    '/passerelle/v1/..%2Fadmin/connect',
    '/passerelle/v1/%2e%2e%2fadmin%2fconnect',
    '/passerelle/v1/%252e%252e/admin',
    '/passerelle/v1/..\\admin',
    '/passerelle/v1/..%5cadmin',
    '/passerelle/v1/orders/../../admin/orders',
    '/passerelle/v1/./../../passerelle/admin/sync',
    '/passerelle/v1/health/../orders',
    '/passerelle/v1/health/%2e%2e/orders',
    '/passerelle/v1/%2e%2e/v1/orders',
    '//passerelle/v1/orders',
    '/passerelle//v1/orders',
    '/PASSERELLE/V1/orders',
  ];

  it('never serves endpoint data without credentials, and the endpoint password never opens the admin page', async () => {
    const seen: string[] = [];
    for (const target of targets) {
      const anonymous = await get(target);
      const withPassword = await get(target, bearer);
      seen.push(`${target}: ${anonymous.status}/${withPassword.status}`);
      for (const answer of [anonymous, withPassword]) {
        expect(answer.status, target).toBeGreaterThan(0);
        // No admin page past its sign-in: a 303 to /login, the login page, or a refusal.
        const location = answer.headers.find(([name]) => name === 'location')?.[1];
        if (answer.status === 303) expect(location, target).toMatch(/\/passerelle\/admin\/login$/);
        const html = (answer.headers.find(([name]) => name === 'content-type')?.[1] ?? '').startsWith('text/html');
        if (answer.status === 200 && html)
          expect(answer.body, target).toMatch(/<form method="post" action="\/passerelle\/admin\/login">/);
      }
      // Without credentials nothing from the queue or the catalogue.
      expect(anonymous.body, target).not.toContain('"items"');
      // 400: the HTTP parser refuses a raw backslash in the request target.
      expect([200, 303, 400, 401, 404], target).toContain(anonymous.status);
      if (anonymous.status === 200)
        expect(anonymous.body, target).toMatch(/<form method="post" action="\/passerelle\/admin\/login">/);
    }
    report.record({
      fault: 'path traversal',
      injected: `${targets.length} raw request targets: ../, %2e%2e, %2E%2E, ..%2f, double-encoded %252e, backslashes, dot segments back into /v1, doubled slashes, upper case; each without and with the endpoint password`,
      observed: `dot segments are resolved before routing, so each lands on a route that applies its own access rules: endpoint routes answer 401 without credentials, the admin answers 303 to its sign-in whatever the endpoint password; encoded variants are 404. Seen (anonymous/with password): ${seen.join('; ')}`,
    });
  });
});

describe('SQL-looking ids, references and cursors', () => {
  const sqlish = [
    '1 OR 1=1',
    "1' OR '1'='1",
    "'; DROP TABLE acknowledgements; --",
    '1; DELETE FROM bindings',
    '" OR ""="',
    '%27%20OR%201%3D1',
    '1 UNION SELECT * FROM settings',
  ];

  it('are refused or treated as plain text, and the store is unchanged', async () => {
    const before = storeSnapshot();
    const outcomes: string[] = [];
    const json = `${bearer}Content-Type: application/json\r\n`;
    const send = (method: string, path: string, body: unknown) => {
      const text = JSON.stringify(body);
      return raw(
        `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${json}Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
    };
    for (const id of sqlish) {
      const one = await get(`/passerelle/v1/orders/${encodeURIComponent(id)}`, bearer);
      expect(one.status, id).toBe(404);
      const cursor = await get(`/passerelle/v1/orders?cursor=${encodeURIComponent(id)}`, bearer);
      expect(cursor.status, id).toBe(400);
      const changes = await get(
        `/passerelle/v1/changes?cursor=${encodeURIComponent(id)}&entities=${encodeURIComponent(id)}`,
        bearer,
      );
      expect([400, 422], id).toContain(changes.status);
      const since = await get(`/passerelle/v1/customers?since=${encodeURIComponent(id)}`, bearer);
      expect(since.status, id).toBe(422);
      const journal = await get(
        `/passerelle/v1/journal?kind=${encodeURIComponent(id)}&entity=${encodeURIComponent(id)}`,
        bearer,
      );
      expect(journal.status, id).toBe(200);
      expect(JSON.parse(journal.body).items, id).toEqual([]);
      const ack = await send('POST', '/passerelle/v1/orders/acknowledge', { items: [{ id }] });
      expect(JSON.parse(ack.body).results[0], id).toMatchObject({ key: id, outcome: 'failed' });
      const reset = await send('POST', '/passerelle/v1/orders/reset', { ids: [id] });
      expect(JSON.parse(reset.body), id).toEqual({ reset: [], count: 0 });
      const stock = await send('PUT', '/passerelle/v1/stock', { items: [{ reference: id, quantity: 1 }] });
      expect(JSON.parse(stock.body).results[0], id).toMatchObject({ key: id, outcome: 'failed' });
      const status = await send('POST', '/passerelle/v1/orders/status', { items: [{ id, status: 'shipped' }] });
      expect(JSON.parse(status.body).results[0], id).toMatchObject({ key: id, outcome: 'failed' });
      outcomes.push(
        `${one.status}/${cursor.status}/${changes.status}/${since.status}/ack ${JSON.parse(ack.body).results[0].outcome}/stock ${JSON.parse(stock.body).results[0].outcome}`,
      );
    }
    // Every table but the journal of refusals is exactly as it was.
    const after = storeSnapshot();
    const ignoredCursors = (snapshot: Record<string, string>) => ({
      ...snapshot,
      cursors: JSON.stringify(
        (JSON.parse(snapshot.cursors ?? '[]') as { name: string }[]).filter((row) => row.name !== 'write-probe'),
      ),
    });
    expect(ignoredCursors(after)).toEqual(ignoredCursors(before));
    expect(Object.keys(after)).toEqual(
      expect.arrayContaining(['acknowledgements', 'bindings', 'settings', 'changes', 'idempotency']),
    );
    // A product created under such a reference is just a product with an odd SKU.
    const created = await send('PUT', '/passerelle/v1/products', {
      items: [{ reference: "'; DROP TABLE bindings; --", name: { en: 'Bobby' } }],
    });
    expect(JSON.parse(created.body).results[0]).toMatchObject({ outcome: 'created' });
    expect((await adapter.products.getByReferences!(["'; DROP TABLE bindings; --"])).size).toBe(1);
    expect(Object.keys(storeSnapshot())).toEqual(Object.keys(before));
    report.record({
      fault: 'SQL-looking ids, references and cursors',
      injected: `${sqlish.length} payloads (1 OR 1=1, '; DROP TABLE …, UNION SELECT …) as order ids in paths, cursors, entity filters, since, journal filters, acknowledge/reset/status ids and stock references`,
      observed: `GET /orders/{id} 404, cursors 400 invalid-cursor, since 422, journal filters match nothing, batch items failed one by one; every store table but the refusal journal byte-identical; a product created with such a SKU is stored as plain text. Per payload: ${outcomes.join('; ')}`,
    });
  });
});
