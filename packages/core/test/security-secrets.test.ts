/**
 * Secrets never leave the module: the endpoint password, the HMAC signing secret, the admin password
 * and a platform credential (a PrestaShop `ws_key` a bridge's error quotes in a URL). A session sends
 * them where they do not belong (query string, wrong credentials, failing platform calls, a failing
 * sweep), then every place the module writes to is read back: the injected logger, every answer body
 * and header, the activity journal (through `GET /journal` and straight from the store), `GET /info`,
 * the change journal, and every page of the admin UI. None may hold any of the secrets.
 */

import {
  createMemoryAdapter,
  createMemoryStore,
  createModule,
  type Logger,
  type PasserelleModule,
  PlatformError,
  type Store,
} from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultReport } from './fault-report.js';

const PASSWORD = 'endpoint-secret-Pw-0123456789';
const ADMIN_PASSWORD = 'admin-secret-Pw-9876543210';
const HMAC_SECRET = 'hmac-signing-secret-abcdefghijklmnopqrstuvwxyz';
const PLATFORM_KEY = 'WSKEYQ7T3ZP0L2M8N4B6V1C5X9';
/** How a bridge sends the PrestaShop key: as the user name of a Basic header. */
const PLATFORM_BASIC = Buffer.from(`${PLATFORM_KEY}:`).toString('base64');
const SECRETS = { PASSWORD, ADMIN_PASSWORD, HMAC_SECRET, PLATFORM_KEY, PLATFORM_BASIC };
const report = createFaultReport('security');

interface Recorded {
  level: string;
  message: string;
  details?: Record<string, unknown>;
}

let module: PasserelleModule | undefined;
let store: Store | undefined;
afterEach(async () => {
  await module?.close();
  await store?.close();
  module = undefined;
});

const platformFailure = () =>
  new PlatformError(
    `PrestaShop answered 500 for GET https://shop.example/api/products?ws_key=${PLATFORM_KEY}&output_format=JSON (Authorization: Basic ${PLATFORM_BASIC})`,
    500,
  );

/** Everything a module wrote or answered during a session, as text. */
interface Transcript {
  answers: string[];
  logs: Recorded[];
}

async function boot(): Promise<{ module: PasserelleModule; logs: Recorded[] }> {
  const logs: Recorded[] = [];
  const record =
    (level: string) =>
    (message: string, details?: Record<string, unknown>): void => {
      logs.push({ level, message, ...(details ? { details } : {}) });
    };
  const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const adapter = createMemoryAdapter();
  // The platform fails the way bridges' HTTP clients report it: the URL they called, query string and all.
  adapter.products.write = async () => {
    throw platformFailure();
  };
  adapter.customers.list = async () => {
    throw platformFailure();
  };
  store = createMemoryStore();
  module = await createModule({
    adapter,
    store,
    logger,
    adminPassword: ADMIN_PASSWORD,
    settings: { access: { hmac: { enabled: true, secret: HMAC_SECRET } } },
  });
  await module.settings.setPassword(PASSWORD, 'test');
  return { module, logs };
}

const ENDPOINT = 'http://module.test/passerelle/v1';
const auth = { authorization: `Bearer ${PASSWORD}` };

async function answer(transcript: Transcript, request: Request, address = '203.0.113.50'): Promise<Response> {
  const response = await (module as PasserelleModule).fetch(request, { clientAddress: address });
  const text = await response.clone().text();
  transcript.answers.push(`${response.status} ${JSON.stringify([...response.headers])}\n${text}`);
  return response;
}

function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret) || text.includes(encodeURIComponent(secret)))
    .map(([name]) => name);
}

describe('secrets in the query string', () => {
  it.each([
    'password',
    'Password',
    'PASSWORD',
    'token',
    'key',
    'ws_key',
    'api_key',
    'apikey',
    'secret',
    'access_token',
    'signature',
    'pwd',
    'password[]',
    'ws_key[0]',
  ])('?%s=<the right password> is refused with 401 even with valid headers, and journaled without it', async (name) => {
    await boot();
    const transcript: Transcript = { answers: [], logs: [] };
    const response = await answer(
      transcript,
      new Request(`${ENDPOINT}/orders?${encodeURIComponent(name)}=${PASSWORD}&limit=1`, { headers: auth }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toMatch(/query string/);
    const entries = await (module as PasserelleModule).store.readActivity('default', { limit: 50, kind: 'auth' });
    expect(entries.map((entry) => entry.message)).toContain('request refused: secret-in-query');
    expect(leaks(JSON.stringify(entries))).toEqual([]);
    expect(leaks(transcript.answers.join('\n'))).toEqual([]);
  });
});

describe('secrets never in logs, journal, errors, /info or the admin page', () => {
  it('a session full of refused credentials and failing platform calls leaves no secret anywhere', async () => {
    const { module: current, logs } = await boot();
    const transcript: Transcript = { answers: [], logs };
    const json = { ...auth, 'content-type': 'application/json' };

    // Credentials where they do not belong, and wrong ones.
    await answer(transcript, new Request(`${ENDPOINT}/orders?password=${PASSWORD}`, { headers: auth }));
    await answer(transcript, new Request(`${ENDPOINT}/orders?ws_key=${PLATFORM_KEY}`, { headers: auth }));
    await answer(
      transcript,
      new Request(`${ENDPOINT}/orders`, { headers: { authorization: `Bearer ${PASSWORD}-wrong` } }),
      '203.0.113.51',
    );
    await answer(
      transcript,
      new Request(`${ENDPOINT}/orders`, {
        headers: { authorization: `Basic ${Buffer.from(`user:${ADMIN_PASSWORD}`).toString('base64')}` },
      }),
      '203.0.113.51',
    );
    await answer(
      transcript,
      new Request(`${ENDPOINT}/orders`, {
        headers: { 'x-passerelle-timestamp': '1', 'x-passerelle-signature': `sha256=${'0'.repeat(64)}` },
      }),
      '203.0.113.51',
    );
    // Platform failures, on a write and in the sweep.
    const write = await answer(
      transcript,
      new Request(`${ENDPOINT}/products`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({
          items: [
            { reference: 'NEW-1', name: { en: 'New' } },
            { reference: 'NEW-2', name: { en: 'New 2' } },
          ],
        }),
      }),
    );
    expect(write.status).toBe(200);
    const results = ((await write.json()) as { results: { outcome: string; error?: string }[] }).results;
    expect(results.map((result) => result.outcome)).toEqual(['failed', 'failed']);
    // The failure still says what happened, without the credential.
    expect(results[0]?.error).toMatch(/PrestaShop answered 500/);
    await expect(current.jobs.run('sweep')).rejects.toThrow();
    const read = await answer(transcript, new Request(`${ENDPOINT}/customers`, { headers: auth }));
    expect(read.status).toBe(502);
    expect(((await read.json()) as { detail: string }).detail).toMatch(/PrestaShop answered 500/);
    // Everything the cloud can read back.
    for (const path of [
      '/info',
      '/journal?limit=500',
      '/journal?limit=500&kind=auth',
      '/journal?limit=500&level=error',
      '/changes?limit=500',
      '/orders',
      '/configuration',
    ]) {
      const response = await answer(transcript, new Request(`${ENDPOINT}${path}`, { headers: auth }));
      expect(response.status, path).toBe(200);
    }
    const stored = JSON.stringify(await current.store.readActivity('default', { limit: 1000 }));
    expect(stored).toContain('PrestaShop answered 500');

    // The admin page: sign in, then every page.
    const adminPages: string[] = [];
    const adminBase = `http://module.test${current.adminPath}`;
    const login = await current.fetch(new Request(`${adminBase}/login`), { clientAddress: '203.0.113.60' });
    const loginHtml = await login.text();
    const loginCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginHtml)?.[1] ?? '';
    const signIn = await current.fetch(
      new Request(`${adminBase}/login`, {
        method: 'POST',
        headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, password: ADMIN_PASSWORD, name: 'Security test' }).toString(),
      }),
      { clientAddress: '203.0.113.60' },
    );
    expect(signIn.status).toBe(303);
    const session = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(session).toMatch(/^passerelle_admin_session=/);
    for (const page of ['', '/connect', '/orders', '/sync', '/activity', '/activity?level=error', '/changes']) {
      const response = await current.fetch(new Request(`${adminBase}${page}`, { headers: { cookie: session } }), {
        clientAddress: '203.0.113.60',
      });
      expect(response.status, `admin ${page}`).toBe(200);
      adminPages.push(`${JSON.stringify([...response.headers])}\n${await response.text()}`);
    }
    // The admin shows who failed where, never with what.
    expect(adminPages.join('\n')).toContain('PrestaShop answered 500');

    expect(leaks(transcript.answers.join('\n')), 'answers').toEqual([]);
    expect(leaks(JSON.stringify(logs)), 'logs').toEqual([]);
    expect(logs.length).toBeGreaterThan(0);
    expect(leaks(stored), 'journal in the store').toEqual([]);
    expect(leaks(adminPages.join('\n')), 'admin pages').toEqual([]);
    report.record({
      fault: 'secrets offered everywhere, then searched for',
      injected:
        'endpoint password in the query, wrong and foreign credentials, a bad HMAC signature, platform errors quoting ws_key and a Basic header on a write and in the sweep',
      observed: `no secret (endpoint password, HMAC secret, admin password, platform key) in ${transcript.answers.length} answers, ${logs.length} logger calls, the stored activity journal, /info, /changes, or ${adminPages.length} admin pages; the failures are still described ("PrestaShop answered 500 …")`,
    });
  });
});
