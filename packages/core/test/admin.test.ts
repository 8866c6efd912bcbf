import {
  ADMIN_SECURITY_HEADERS,
  createMemoryStore,
  createModule,
  definePlatformSection,
  extendSettings,
  type ModuleEvents,
  type PasserelleModule,
  type RunningServer,
  type Store,
  ValidationError,
} from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AdminClient, formOf } from './support/admin-client.js';
import { createRecordingAdapter, type RecordingAdapter } from './support/recording-adapter.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
const ENDPOINT_PASSWORD = 'endpoint-secret-password-1234';

let adapter: RecordingAdapter;
let store: Store;
let module: PasserelleModule;
let server: RunningServer;

async function boot(
  options: { settings?: unknown; adminPassword?: string | null; schema?: z.ZodType; endpointPassword?: boolean } = {},
) {
  adapter = createRecordingAdapter();
  store = createMemoryStore();
  module = await createModule({
    adapter,
    store,
    settings: options.settings ?? {},
    ...(options.adminPassword === null ? {} : { adminPassword: options.adminPassword ?? ADMIN_PASSWORD }),
    ...(options.schema ? { settingsSchema: options.schema } : {}),
  });
  if (options.endpointPassword !== false) await module.settings.setPassword(ENDPOINT_PASSWORD, 'test');
  server = await module.listen({ port: 0, host: '127.0.0.1' });
  return new AdminClient(new URL(server.url).origin);
}

async function signedIn(options: Parameters<typeof boot>[0] = {}, name = 'Ana') {
  const client = await boot(options);
  const answer = await client.login(ADMIN_PASSWORD, name);
  expect(answer.status).toBe(303);
  await client.get('/');
  return client;
}

const endpoint = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ENDPOINT_PASSWORD}`, 'content-type': 'application/json', ...init.headers },
  });

afterEach(async () => {
  await module?.close();
  await store?.close();
});

describe('admin access', () => {
  it('stays closed with instructions when no admin password is configured', async () => {
    const client = await boot({ adminPassword: null });
    const page = await client.get('/');
    expect(page.status).toBe(503);
    expect(page.text).toContain('PASSERELLE_ADMIN_PASSWORD');
    expect((await client.post('/login', { password: 'anything-at-all' }, { csrf: false })).status).toBe(503);
  });

  it('refuses an admin password shorter than 12 characters at start', async () => {
    await expect(
      createModule({ adapter: createRecordingAdapter(), store: createMemoryStore(), adminPassword: 'short' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('sends every page to the sign-in page until signed in', async () => {
    const client = await boot();
    for (const path of ['/', '/connect', '/orders', '/sync', '/activity', '/changes']) {
      const page = await client.get(path);
      expect(page.status, path).toBe(303);
      expect(page.location).toBe('/passerelle/admin/login');
    }
  });

  it('puts the security headers on every answer: pages, redirects, errors, the style sheet', async () => {
    const client = await boot();
    const answers = [
      await client.get('/login'),
      await client.get('/'),
      await client.get('/no-such-page'),
      await client.get('/assets/admin.css'),
      await client.post('/settings', {}, { csrf: false }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 303, 303, 200, 403]);
    for (const answer of answers) {
      for (const [name, value] of Object.entries(ADMIN_SECURITY_HEADERS)) expect(answer.headers.get(name)).toBe(value);
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(answer.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    }
  });

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict and not Secure over plain http', async () => {
    const client = await boot();
    const answer = await client.login(ADMIN_PASSWORD, 'Ana');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/passerelle/admin');
    const line = client.setCookieLines.find((entry) => entry.startsWith('passerelle_admin_session='));
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Strict/);
    expect(line).toMatch(/Path=\/passerelle\/admin/);
    expect(line).not.toMatch(/Secure/);
    const page = await client.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('admin:Ana');
  });

  it('marks the cookies Secure when the request came over https (through a trusted proxy)', async () => {
    const client = await boot({ settings: { access: { trustedProxies: ['127.0.0.1'] } } });
    const https = new AdminClient(client.origin, '/passerelle/admin', { 'x-forwarded-proto': 'https' });
    await https.login(ADMIN_PASSWORD);
    const line = https.setCookieLines.find((entry) => entry.startsWith('passerelle_admin_session='));
    expect(line).toMatch(/; Secure/);
    const untrusted = await boot();
    const spoofed = new AdminClient(untrusted.origin, '/passerelle/admin', { 'x-forwarded-proto': 'https' });
    await spoofed.login(ADMIN_PASSWORD);
    expect(spoofed.setCookieLines.find((entry) => entry.startsWith('passerelle_admin_session='))).not.toMatch(/Secure/);
  });

  it('marks the cookies Secure when the module itself is reached over https (module.fetch)', async () => {
    await boot();
    const response = await module.fetch(new Request('https://shop.example/passerelle/admin/login'));
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join('\n')).toMatch(/passerelle_admin_login=[^;]+;.*Secure/);
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    const client = await boot();
    await client.get('/login');
    const answer = await client.post('/login', { password: ADMIN_PASSWORD }, { csrf: false });
    expect(answer.status).toBe(403);
    expect(client.cookies.has('passerelle_admin_session')).toBe(false);
  });

  it('throttles failed sign-ins per address (429 + Retry-After, even for the right password), journaled without the password', async () => {
    const client = await boot({
      settings: { access: { throttle: { maxFailures: 3, windowSeconds: 60, blockSeconds: 120 } } },
    });
    expect((await client.login('wrong-password-number-1')).status).toBe(401);
    expect((await client.login('wrong-password-number-2')).status).toBe(401);
    const third = await client.login('wrong-password-number-3');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(60);
    const right = await client.login(ADMIN_PASSWORD);
    expect(right.status).toBe(429);
    expect(client.cookies.has('passerelle_admin_session')).toBe(false);
    // The endpoint's own throttle is a different key: the cloud at the same address is not locked out.
    expect((await endpoint('/info')).status).toBe(200);
    const log = await store.readActivity('default', { limit: 50, kind: 'admin' });
    expect(log.filter((entry) => entry.outcome === 'rejected')).toHaveLength(3);
    expect(JSON.stringify(log)).not.toContain('wrong-password-number');
  });

  it('signs out: the old cookie no longer opens the pages', async () => {
    const client = await signedIn();
    const token = client.cookies.get('passerelle_admin_session') as string;
    const out = await client.post('/logout', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/passerelle/admin/login?signedOut=1');
    client.cookies.set('passerelle_admin_session', token);
    expect((await client.get('/')).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('answers 403 to a form posted without the token, with another session’s token, or a wrong one, and saves nothing', async () => {
    const client = await signedIn();
    const other = new AdminClient(client.origin);
    await other.login(ADMIN_PASSWORD);
    await other.get('/');
    const before = await module.settings.current();
    const change = { 'products.update.price': ['false'] };
    expect((await client.post('/settings', change, { csrf: false })).status).toBe(403);
    expect((await client.post('/settings', change, { csrf: 'not-the-token' })).status).toBe(403);
    expect((await client.post('/settings', change, { csrf: other.lastCsrf })).status).toBe(403);
    const refused = await client.post('/orders/reset', { ids: 'ALL', confirm: 'yes' }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('CSRF');
    const after = await module.settings.current();
    expect(after.revision).toBe(before.revision);
    expect(after.settings.products.update.price).toBe(true);
  });
});

describe('settings form', () => {
  it('renders every section in DESIGN §5 order with labels bound to controls', async () => {
    const client = await signedIn();
    const page = await client.get('/');
    const headings = [...page.text.matchAll(/<h2 id="section-[^"]+-title">([^<]+)<\/h2>/g)].map((match) => match[1]);
    expect(headings.slice(0, 12)).toEqual([
      'Access',
      'Product creation',
      'Product update',
      'Categories',
      'Packs',
      'Customer groups',
      'Customer creation',
      'Customer update',
      'Customer export',
      'Order reading',
      'Orders grouped by day',
      'Status update',
    ]);
    expect(page.text).toMatch(/<html lang="en">/);
    expect(page.text).toContain(
      '<input type="checkbox" id="s-products-update-price" name="products.update.price" value="true" checked',
    );
    expect(page.text).toContain('<label for="s-products-update-price">Price</label>');
    expect(page.text).toContain('<textarea id="s-access-allowedIps" name="access.allowedIps"');
    expect(page.text).toContain('<select id="s-orders-read-findBy" name="orders.read.findBy"');
    expect(page.text).not.toMatch(/<script/);
  });

  it('saves the whole form: a toggle off takes effect on the next endpoint request, journaled with who and which fields', async () => {
    const client = await signedIn({}, 'Ana');
    const page = await client.get('/');
    const form = formOf(page.text);
    form.delete('products.update.price');
    form.append('products.update.price', 'false');
    const saved = await client.post('/settings', form);
    expect(saved.status).toBe(303);
    const after = await client.get('/');
    expect(after.text).toContain('Settings saved: revision 3.');
    expect(after.text).toContain('Price (products.update.price)');

    const { results } = await (
      await endpoint('/products', {
        method: 'PUT',
        body: JSON.stringify({ items: [{ reference: 'MUG-1', name: { en: 'Mug' }, price: '15.00' }] }),
      })
    ).json();
    expect(results[0].withheld).toContain('price');
    expect(adapter.data.products.get('MUG-1')?.price).toBe('12.50');

    const [entry] = await store.readActivity('default', { limit: 1, kind: 'settings' });
    expect(entry?.details).toEqual({ revision: 3, paths: ['products.update.price'], by: 'admin:Ana' });
  });

  it('an invalid IP list re-renders with the error next to the field and saves nothing, not even the valid fields', async () => {
    const client = await signedIn();
    const before = await module.settings.current();
    const form = formOf((await client.get('/')).text);
    form.set('access.allowedIps', '203.0.113.7\n999.1.1.1\n10.0.0.0/8');
    form.delete('products.update.price');
    form.append('products.update.price', 'false');
    const answer = await client.post('/settings', form);
    expect(answer.status).toBe(422);
    expect(answer.text).toMatch(
      /<p class="error" id="s-access-allowedIps-error"><code>access\.allowedIps\.1<\/code>: “999\.1\.1\.1”: Not an IPv4/,
    );
    expect(answer.text).toMatch(
      /<textarea id="s-access-allowedIps"[^>]*aria-describedby="s-access-allowedIps-help s-access-allowedIps-error" aria-invalid="true">203\.0\.113\.7\n999\.1\.1\.1\n10\.0\.0\.0\/8<\/textarea>/,
    );
    expect(answer.text).toContain('href="#s-access-allowedIps"');
    const after = await module.settings.current();
    expect(after.revision).toBe(before.revision);
    expect(after.settings.access.allowedIps).toEqual([]);
    expect(after.settings.products.update.price).toBe(true);
  });

  it('reports a number that is not one inline, and a value out of bounds with the schema’s message', async () => {
    const client = await signedIn();
    const form = formOf((await client.get('/')).text);
    form.set('orders.read.priceDecimals', 'two');
    form.set('sync.overlapSeconds', '99999');
    const answer = await client.post('/settings', form);
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('<code>orders.read.priceDecimals</code>: Enter a whole number.');
    expect(answer.text).toMatch(/<code>sync\.overlapSeconds<\/code>: Too big/);
  });

  it('saves multiple choices, maps, lists, dates and selects from the form', async () => {
    const client = await signedIn();
    const form = formOf((await client.get('/')).text);
    form.delete('orders.read.syncStatuses');
    form.append('orders.read.syncStatuses', '');
    form.append('orders.read.syncStatuses', 'paid');
    form.append('orders.read.syncStatuses', 'shipped');
    form.set('orders.statusUpdate.statusMap[shipped]', '4');
    form.set('access.allowedHosts', 'ERP.example.com, mypc.dyndns.org');
    form.set('customers.export.since', '2025-01-31');
    form.set('orders.read.findBy', 'updatedAt');
    expect((await client.post('/settings', form)).status).toBe(303);
    const { settings } = await module.settings.current();
    expect(settings.orders.read.syncStatuses).toEqual(['paid', 'shipped']);
    expect(settings.orders.statusUpdate.statusMap).toEqual({ shipped: '4' });
    expect(settings.access.allowedHosts).toEqual(['erp.example.com', 'mypc.dyndns.org']);
    expect(settings.customers.export.since).toBe('2025-01-31');
    expect(settings.orders.read.findBy).toBe('updatedAt');
    const page = await client.get('/');
    expect(page.text).toContain('name="orders.statusUpdate.statusMap[shipped]" value="4"');
  });

  it('says so and saves no revision when nothing changed', async () => {
    const client = await signedIn();
    const before = await module.settings.current();
    expect((await client.post('/settings', formOf((await client.get('/')).text))).status).toBe(303);
    expect((await client.get('/')).text).toContain('Nothing changed');
    expect((await module.settings.current()).revision).toBe(before.revision);
  });

  it('shows a bridge’s platform section by itself when the schema was extended, and saves it', async () => {
    const shopify = definePlatformSection(
      'shopify',
      z.strictObject({
        notifyOnFulfil: z.boolean().default(false).meta({
          label: 'Notify on fulfilment',
          labelFr: 'Notifier à l’expédition',
          description: 'Shopify only.',
          descriptionFr: 'Propre à Shopify.',
        }),
      }),
      { label: 'Shopify', labelFr: 'Shopify', description: 'Shopify only.', descriptionFr: 'Propre à Shopify.' },
    );
    const client = await signedIn({ schema: extendSettings([shopify]) });
    const page = await client.get('/');
    expect(page.text).toContain('<h2 id="section-platform-shopify-title">Shopify</h2>');
    const form = formOf(page.text);
    form.append('platform.shopify.notifyOnFulfil', 'true');
    expect((await client.post('/settings', form)).status).toBe(303);
    const { settings } = await module.settings.current();
    expect(
      (settings as unknown as { platform: { shopify: { notifyOnFulfil: boolean } } }).platform.shopify.notifyOnFulfil,
    ).toBe(true);
  });

  it('never shows a stored secret: the HMAC signing secret is write-only', async () => {
    const client = await signedIn();
    const secret = 'hmac-signing-secret-0123456789abcdef-XYZ';
    const form = formOf((await client.get('/')).text);
    form.set('access.hmac.secret', secret);
    expect((await client.post('/settings', form)).status).toBe(303);
    expect((await module.settings.current()).settings.access.hmac.secret).toBe(secret);
    const page = await client.get('/');
    expect(page.text).not.toContain(secret);
    expect(page.text).toContain('A value is set; it is never shown.');
    // Saving the form again with the field blank keeps the secret.
    expect((await client.post('/settings', formOf(page.text))).status).toBe(303);
    expect((await module.settings.current()).settings.access.hmac.secret).toBe(secret);
    const log = await store.readActivity('default', { limit: 50 });
    expect(JSON.stringify(log)).not.toContain(secret);
  });

  it('speaks French with ?lang=fr or Accept-Language, and remembers the choice', async () => {
    const client = await signedIn();
    const fr = await client.get('/?lang=fr');
    expect(fr.text).toMatch(/<html lang="fr">/);
    expect(fr.text).toContain('<label for="s-products-update-price">Prix</label>');
    expect(fr.text).toContain('Enregistrer les réglages');
    expect(fr.text).toContain('href="/passerelle/admin?lang=en"');
    expect((await client.get('/')).text).toMatch(/<html lang="fr">/);
    const browser = await boot();
    const login = await browser.get('/login', { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(login.text).toMatch(/<html lang="fr">/);
    expect(login.text).toContain('Mot de passe d’administration');
  });
});

describe('the endpoint password', () => {
  it('never appears in any page, nor its hash', async () => {
    const client = await signedIn();
    const { settings } = await module.settings.current();
    const hash = settings.access.passwordHash as string;
    for (const path of ['/', '/connect', '/orders', '/sync', '/activity', '/changes', '/?lang=fr']) {
      const page = await client.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).not.toContain(ENDPOINT_PASSWORD);
      expect(page.text, path).not.toContain(hash);
      expect(page.text, path).not.toContain('scrypt$');
    }
    const selfTest = await client.post('/connect/self-test', {});
    expect(selfTest.text).not.toContain(ENDPOINT_PASSWORD);
    expect((await client.get('/connect')).text).toContain(settings.access.passwordFingerprint as string);
  });

  it('generates a new one shown once, with the old one accepted during the chosen grace period', async () => {
    const client = await signedIn();
    await client.get('/connect');
    const answer = await client.post('/connect/password', { grace: '3600' });
    expect(answer.status).toBe(200);
    const fresh = /id="new-password"[^>]*value="([^"]+)"/.exec(answer.text)?.[1] as string;
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const { settings } = await module.settings.current();
    expect(answer.text).toContain(settings.access.passwordFingerprint as string);
    expect(settings.access.previousPasswordValidUntil).not.toBeNull();
    expect((await client.get('/connect')).text).not.toContain(fresh);
    expect((await endpoint('/info', { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
    expect((await endpoint('/info')).status).toBe(200);

    await client.get('/connect');
    const noGrace = await client.post('/connect/password', { grace: '0' });
    const third = /id="new-password"[^>]*value="([^"]+)"/.exec(noGrace.text)?.[1] as string;
    expect(noGrace.text).toContain('The previous password no longer works.');
    expect((await endpoint('/info', { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(401);
    expect((await endpoint('/info', { headers: { authorization: `Bearer ${third}` } })).status).toBe(200);

    const log = await store.readActivity('default', { limit: 50, kind: 'settings' });
    expect(log[0]?.details).toMatchObject({ paths: ['access.passwordHash'], by: 'admin:Ana' });
    expect(JSON.stringify(log)).not.toContain(fresh);
    expect(JSON.stringify(log)).not.toContain(third);
  });
});

describe('connect your cloud', () => {
  it('shows the endpoint URL and the caller’s address, and runs the self-test', async () => {
    const client = await signedIn({ settings: { access: { allowedIps: ['10.0.0.0/8'] } } });
    const page = await client.get('/connect');
    expect(page.text).toContain(`value="${server.url}"`);
    expect(page.text).toContain('<code>127.0.0.1</code>');
    const result = await client.post('/connect/self-test', {});
    expect(result.status).toBe(200);
    expect(result.text).toContain('recording 1.0, API test/1.');
    expect(result.text).toContain('127.0.0.1 is not in the IP allow-list');
    expect(result.text).toContain('1 check(s) need attention.');
  });

  it('flags a missing password and an unreachable platform', async () => {
    const client = await signedIn({ endpointPassword: false });
    expect((await client.get('/')).text).toContain('not set: the endpoint refuses every request');
    adapter.describe = async () => {
      throw new Error('connect ECONNREFUSED (ws_key=abcdef)');
    };
    const result = await client.post('/connect/self-test', {});
    expect(result.text).toContain('Not set: generate one above');
    expect(result.text).toContain('Not reachable: connect ECONNREFUSED (ws_key=[redacted]');
  });
});

describe('orders', () => {
  async function acknowledged(): Promise<string[]> {
    const queue = await (await endpoint('/orders')).json();
    const ids = queue.items.slice(0, 2).map((order: { id: string }) => order.id);
    await endpoint('/orders/acknowledge', {
      method: 'POST',
      body: JSON.stringify({ items: ids.map((id: string) => ({ id })) }),
    });
    return ids;
  }

  it('resets transferred orders by id after a confirmation step, journaled with who', async () => {
    const client = await signedIn({}, 'Ana');
    const [first, second] = await acknowledged();
    const resets: Parameters<ModuleEvents['reset']>[0][] = [];
    module.events.on('reset', (event) => resets.push(event));
    await client.get('/orders');
    const confirm = await client.post('/orders/reset', { ids: `${first}, nope` });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(`These orders will go back into the transfer queue: ${first}, nope.`);
    let queue = await (await endpoint('/orders')).json();
    expect(queue.items.map((order: { id: string }) => order.id)).not.toContain(first);

    const done = await client.post('/orders/reset', { ids: `${first},nope`, confirm: 'yes' });
    expect(done.status).toBe(303);
    const page = await client.get('/orders');
    expect(page.text).toContain(`1 order(s) reset: ${first}.`);
    expect(page.text).toContain('Not transferred (nothing to do): nope.');
    queue = await (await endpoint('/orders')).json();
    const ids = queue.items.map((order: { id: string }) => order.id);
    expect(ids).toContain(first);
    expect(ids).not.toContain(second);
    expect(resets).toEqual([{ shopId: 'default', ids: [first], all: false, by: 'admin' }]);
    const [entry] = await store.readActivity('default', { limit: 1, kind: 'reset' });
    expect(entry).toMatchObject({ entity: 'order', outcome: 'ok', message: '1 order(s) reset by admin:Ana' });
    expect(entry?.details).toEqual({ ids: [first], all: false, by: 'admin:Ana' });
  });

  it('resets ALL after confirmation, and refuses an empty request', async () => {
    const client = await signedIn();
    const ids = await acknowledged();
    await client.get('/orders');
    const empty = await client.post('/orders/reset', { ids: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Enter at least one order id, or ALL.');
    const confirm = await client.post('/orders/reset', { ids: 'all' });
    expect(confirm.text).toContain('Every transferred order will go back into the transfer queue.');
    await client.post('/orders/reset', { ids: 'ALL', confirm: 'yes' });
    const queue = await (await endpoint('/orders')).json();
    expect(queue.items.map((order: { id: string }) => order.id)).toEqual(expect.arrayContaining(ids));
  });
});

describe('sync health, resync and journals', () => {
  it('shows health and cursor lag, and a resync makes the next sweep journal the products again', async () => {
    const client = await signedIn();
    for (const product of adapter.data.products.values()) product.sourceUpdatedAt = '2026-03-01T10:00:00.000Z';
    await module.jobs.run('sweep');
    const health = await client.get('/sync');
    expect(health.text).toContain('2026-03-01T10:00:00.000Z');
    expect(health.text).toMatch(/<th scope="row">stock<\/th>\s*<td>read whole on every sweep/);
    const lastBefore = await store.lastChangeSeq('default');
    await module.jobs.run('sweep');
    expect(await store.lastChangeSeq('default')).toBe(lastBefore);

    const answer = await client.post('/sync/resync', { entity: 'product', from: '2026-02-01' });
    expect(answer.status).toBe(303);
    expect((await client.get('/sync')).text).toContain(
      'product: the next sweep reads again from 2026-02-01; 2 item(s) will be journaled again.',
    );
    await module.jobs.run('sweep');
    const again = await store.readChanges('default', { afterSeq: lastBefore, limit: 10, entities: ['product'] });
    expect(again.map((change) => [change.id, change.op])).toEqual([
      ['1', 'updated'],
      ['2', 'updated'],
    ]);
    const [entry] = await store.readActivity('default', { limit: 1, kind: 'resync' });
    expect(entry).toMatchObject({ entity: 'product', message: 'product resync from 2026-02-01 by admin:Ana' });
    const bad = await client.post('/sync/resync', { entity: 'product', from: '2026-02-31' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a date (YYYY-MM-DD).');
  });

  it('pages the activity log newest first and filters it', async () => {
    const client = await signedIn();
    const entries = Array.from({ length: 60 }, (_, index) => ({
      shopId: 'default',
      at: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      level: index % 2 ? ('warn' as const) : ('info' as const),
      kind: 'write',
      entity: 'product',
      reference: `P-${index}`,
      outcome: index % 2 ? 'failed' : 'created',
      message: `entry number ${index}`,
      details: null,
    }));
    await store.appendActivity(entries);
    const first = await client.get('/activity?kind=write');
    expect(first.text.indexOf('entry number 59')).toBeLessThan(first.text.indexOf('entry number 58'));
    expect(first.text).not.toContain('entry number 9<');
    const older = /href="(\/passerelle\/admin\/activity\?[^"]*before=\d+)"/.exec(first.text)?.[1] as string;
    const second = await client.get(older.replace(/&amp;/g, '&'));
    expect(second.text).toContain('entry number 9<');
    const warn = await client.get('/activity?level=warn&outcome=failed');
    expect(warn.text).toContain('entry number 59');
    expect(warn.text).not.toContain('entry number 58');
  });

  it('shows the change journal newest first, by entity', async () => {
    const client = await signedIn();
    await module.jobs.run('sweep');
    const page = await client.get('/changes?entity=product');
    expect(page.text).toMatch(
      /<td>product<\/td>\s*<td class="mono">2<\/td>[\s\S]*<td>product<\/td>\s*<td class="mono">1<\/td>/,
    );
    expect(page.text).not.toContain('<td>order</td>');
  });
});
