import { ValidationError } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrestashopClient, type PrestashopClient, PrestashopError } from '../src/index.js';
import { createFakePrestashop, FAKE_KEY, FAKE_URL, type FakePrestashop } from './fake-prestashop.js';

let fake: FakePrestashop;

function client(options: Partial<Parameters<typeof createPrestashopClient>[0]> = {}): PrestashopClient {
  return createPrestashopClient({
    url: FAKE_URL,
    key: FAKE_KEY,
    retry: { limit: 2, delay: () => 5, jitter: false },
    ...options,
  });
}

afterEach(() => fake?.stop());

describe('authentication and transport', () => {
  it('sends the key as the Basic user name with an empty password, never in the URL, and asks for JSON', async () => {
    fake = createFakePrestashop();
    await client().list('products', { display: ['id'], limit: 1 });
    const [call] = fake.calls;
    expect(call?.authorization).toBe(`Basic ${Buffer.from(`${FAKE_KEY}:`).toString('base64')}`);
    expect(call?.query.has('ws_key')).toBe(false);
    expect(call?.query.get('output_format')).toBe('JSON');
  });

  it('refuses a malformed key or URL before any call, without echoing the key', () => {
    fake = createFakePrestashop();
    const secret = 'short-secret-key';
    expect(() => createPrestashopClient({ url: FAKE_URL, key: secret })).toThrow(ValidationError);
    try {
      createPrestashopClient({ url: FAKE_URL, key: secret });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret);
    }
    expect(() => createPrestashopClient({ url: `https://${FAKE_KEY}@shop.test`, key: FAKE_KEY })).toThrow(
      /credentials/,
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('turns a refused key into a 401 PrestashopError with PrestaShop codes and no key in it', async () => {
    fake = createFakePrestashop();
    const wrongKey = 'WRONGKEY0123456789ABCDEFGHIJKLMN';
    const error = await createPrestashopClient({ url: FAKE_URL, key: wrongKey })
      .list('products')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrestashopError);
    const failure = error as PrestashopError;
    expect(failure.status).toBe(401);
    expect(failure.retryable).toBe(false);
    expect(failure.errors.map((entry) => entry.code)).toEqual([20, 21]);
    expect(failure.message).toMatch(/refused the webservice key \(401\): Authentification key is not active/);
    expect(JSON.stringify({ message: failure.message, body: failure.body, stack: failure.stack })).not.toContain(
      wrongKey,
    );
    // Nothing reachable from the error carries the Authorization header (ky's error holds the request).
    const { inspect } = await import('node:util');
    const basic = Buffer.from(`${wrongKey}:`).toString('base64');
    expect(inspect(failure, { depth: 6, showHidden: true })).not.toContain(basic);
    expect(failure.cause).toBeUndefined();
    expect(fake.count('GET', 'products')).toBe(1);
  });

  it('reads the PrestaShop version, the shop name and the key rights from GET /api/', async () => {
    fake = createFakePrestashop({ permissions: { products: ['GET', 'PUT'], orders: ['GET'] } });
    const description = await client().describe();
    expect(description.version).toBe('8.1.7');
    expect(description.shopName).toBe('Passerelle Demo');
    expect(description.permissions).toEqual({ products: ['GET', 'PUT'], orders: ['GET'] });
  });

  it('adds id_shop to every call in a multistore context, and says when the key is not allowed there', async () => {
    fake = createFakePrestashop({ allowedShops: ['1'] });
    const shopClient = client({ shopId: '1' });
    await shopClient.list('products', { display: ['id'], limit: 1 });
    expect(fake.calls.at(-1)?.query.get('id_shop')).toBe('1');
    shopClient.setShopContext({ shopId: '2' });
    const error = (await shopClient.list('products').catch((caught: unknown) => caught)) as PrestashopError;
    expect(error.status).toBe(403);
    expect(error.hasCode(132)).toBe(true);
  });
});

describe('reads', () => {
  it('builds display, filter, sort, limit=offset,count and date=1 the Webservice way', async () => {
    fake = createFakePrestashop();
    const rows = await client().list('products', {
      display: ['id', 'reference'],
      filter: { date_upd: '>[2024-03-01 00:00:00]', active: '[1]' },
      sort: ['id_DESC'],
      limit: 2,
      offset: 1,
    });
    const query = fake.calls[0]?.query;
    expect(query?.get('display')).toBe('[id,reference]');
    expect(query?.get('filter[date_upd]')).toBe('>[2024-03-01 00:00:00]');
    expect(query?.get('sort')).toBe('[id_DESC]');
    expect(query?.get('limit')).toBe('1,2');
    expect(query?.get('date')).toBe('1');
    expect(rows.map((row) => row.id)).toEqual([9, 7]);
  });

  it('reads an empty list rendered as [] and an unknown id (a bare 404) as null', async () => {
    fake = createFakePrestashop();
    expect(await client().list('products', { filter: { reference: '[nothing-like-this]' } })).toEqual([]);
    expect(await client().get('products', '424242')).toBeNull();
  });

  it('shows why a filter is refused (a date filter without date=1 is error 32)', async () => {
    fake = createFakePrestashop();
    const error = (await client()
      .list('products', { filter: { date_upd: '>[2024-01-01 00:00:00]' }, date: false, params: { date: '0' } })
      .catch((caught: unknown) => caught)) as PrestashopError;
    expect(error.status).toBe(400);
    expect(error.hasCode(32)).toBe(true);
  });
});

describe('writes', () => {
  it('writes XML with CDATA values and <language id> fields, never JSON', async () => {
    fake = createFakePrestashop();
    const row = await client().create('manufacturers', {
      fields: {
        name: 'Ink & <Paper>',
        active: '1',
        description: { languages: { '1': '<p>Fine</p>', '2': '<p>Fin</p>' } },
      },
    });
    const body = fake.calls.at(-1)?.body ?? '';
    expect(body.startsWith('<?xml')).toBe(true);
    expect(body).toContain('<name><![CDATA[Ink & <Paper>]]></name>');
    expect(body).toContain(
      '<description><language id="1"><![CDATA[<p>Fine</p>]]></language><language id="2"><![CDATA[<p>Fin</p>]]></language></description>',
    );
    expect(fake.field('manufacturers', String(row.id), 'description', '2')).toBe('<p>Fin</p>');
  });

  it('the fake refuses a JSON body as PrestaShop does (XML error 127)', async () => {
    fake = createFakePrestashop();
    const response = await fetch(`${FAKE_URL}/api/manufacturers?output_format=JSON`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${FAKE_KEY}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ manufacturer: { name: 'Nope' } }),
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { errors: { code: number; message: string }[] };
    expect(body.errors[0]?.code).toBe(127);
    expect(body.errors[0]?.message).toMatch(/^XML error : String could not be parsed as XML/);
  });

  it('a full PUT blanks the optional fields it does not carry; PATCH changes only what it carries', async () => {
    fake = createFakePrestashop();
    const api = client();
    await api.update('addresses', '2', { fields: { city: 'Villeurbanne' } });
    expect(fake.field('addresses', 2, 'city')).toBe('Villeurbanne');
    expect(fake.field('addresses', 2, 'company')).toBe('Smith SARL');
    expect(fake.count('PATCH', 'addresses')).toBe(1);

    await api.replace('addresses', '2', {
      fields: {
        id_country: '8',
        alias: 'Office',
        lastname: 'Smith',
        firstname: 'Jane',
        address1: '5 rue de la République',
        city: 'Lyon',
      },
    });
    expect(fake.field('addresses', 2, 'city')).toBe('Lyon');
    expect(fake.field('addresses', 2, 'company')).toBe('');
    expect(fake.field('addresses', 2, 'vat_number')).toBe('');
  });

  it('falls back to read-modify-write when the key may not PATCH, keeping every other field', async () => {
    fake = createFakePrestashop({ permissions: { addresses: ['GET', 'PUT'] } });
    const api = client();
    await api.update('addresses', '2', { fields: { city: 'Villeurbanne' } });
    await api.update('addresses', '2', { fields: { postcode: '69100' } });
    expect(fake.count('PATCH', 'addresses')).toBe(1);
    expect(fake.count('PUT', 'addresses')).toBe(2);
    expect(fake.count('GET', 'addresses')).toBe(2);
    expect(fake.field('addresses', 2, 'city')).toBe('Villeurbanne');
    expect(fake.field('addresses', 2, 'postcode')).toBe('69100');
    expect(fake.field('addresses', 2, 'company')).toBe('Smith SARL');
  });

  it('with patch: never, reads, merges a translated field by language and PUTs without read-only fields', async () => {
    fake = createFakePrestashop();
    await client({ patch: 'never' }).update('products', '4', {
      fields: { name: { languages: { '2': 'Mug Le meilleur' } } },
    });
    expect(fake.count('PATCH')).toBe(0);
    const put = fake.calls.find((call) => call.method === 'PUT');
    expect(put?.body).not.toContain('<manufacturer_name>');
    expect(put?.body).not.toContain('<quantity>');
    expect(fake.field('products', 4, 'name', '2')).toBe('Mug Le meilleur');
    expect(fake.field('products', 4, 'name', '1')).toBe('Mug The best is yet to come');
    expect(fake.field('products', 4, 'reference')).toBe('demo_11');
  });

  it('uses read-modify-write on PrestaShop 1.7 (no PATCH) in auto mode', async () => {
    fake = createFakePrestashop({ version: '1.7.8.11' });
    const api = client();
    await api.list('languages');
    await api.update('groups', '4', { fields: { reduction: '12' } });
    expect(fake.count('PATCH')).toBe(0);
    expect(fake.count('PUT', 'groups')).toBe(1);
    expect(fake.field('groups', 4, 'reduction')).toBe('12');
  });
});
