import { afterEach, describe, expect, it } from 'vitest';
import { createPrestashopClient, PrestashopError } from '../src/index.js';
import { FAKE_KEY, FAKE_URL } from './fake-prestashop.js';
import { type ModuleShop, moduleShop } from './module-harness.js';

let shop: ModuleShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

describe('secrets never travel on', () => {
  it('a PrestaShop error echoing the key is scrubbed before it becomes an error', async () => {
    const echo: typeof fetch = async () =>
      new Response(
        JSON.stringify({ errors: [{ code: 18, message: `Invalid key ${FAKE_KEY} (ws_key=${FAKE_KEY})` }] }),
        {
          status: 500,
          headers: { 'content-type': 'application/json' },
        },
      );
    const client = createPrestashopClient({ url: FAKE_URL, key: FAKE_KEY, fetch: echo, retry: 0 });
    const error = (await client.list('products').catch((caught: unknown) => caught)) as PrestashopError;
    expect(error).toBeInstanceOf(PrestashopError);
    const everything = JSON.stringify({ message: error.message, errors: error.errors, body: error.body });
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(FAKE_KEY);
  });

  it('a new customer’s generated password never reaches an item result or the journal, even when PrestaShop echoes the XML', async () => {
    shop = await moduleShop();
    shop.fake.fault({ kind: 'echo', method: 'POST', resource: 'customers' });
    const answer = await shop.call('PUT', '/customers', {
      items: [{ reference: 'CL-SECRET', email: 'secret@example.com', firstName: 'Sam', lastName: 'Secret' }],
    });
    const post = shop.fake.calls.find((call) => call.method === 'POST' && call.resource === 'customers');
    const password = /<passwd><!\[CDATA\[([^\]]+)\]\]><\/passwd>/.exec(post?.body ?? '')?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [result] = (answer.body as { results: { outcome: string; error: string }[] }).results;
    expect(result?.outcome).toBe('failed');
    expect(result?.error).toContain('<passwd>[redacted]</passwd>');
    const journal = await shop.call('GET', '/journal?limit=100');
    const activity = await shop.module.store.readActivity('default', { limit: 500 });
    for (const text of [JSON.stringify(answer.body), JSON.stringify(journal.body), JSON.stringify(activity)]) {
      expect(text).not.toContain(password as string);
      expect(text).not.toContain(FAKE_KEY);
    }
  });
});
