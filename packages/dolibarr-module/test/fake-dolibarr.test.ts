import { describe, expect, it } from 'vitest';
import { createFakeDolibarr } from './fake-dolibarr.js';

async function call(
  fake: ReturnType<typeof createFakeDolibarr>,
  path: string,
  init: RequestInit & { key?: string | null } = {},
) {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set('DOLAPIKEY', init.key ?? fake.apiKey);
  const response = await fake.handle(new Request(`${fake.url}/api/index.php${path}`, { ...init, headers }));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

describe('the fake Dolibarr', () => {
  it('answers Restler error bodies: 401 without or with a wrong key, 404, 405', async () => {
    const fake = createFakeDolibarr();
    expect(await call(fake, '/orders', { key: null })).toMatchObject({
      status: 401,
      body: { error: { code: 401, message: expect.stringMatching(/^Unauthorized: Failed to login/) } },
    });
    expect(await call(fake, '/orders', { key: 'nope' })).toMatchObject({ status: 401 });
    expect(await call(fake, '/orders/999')).toEqual({
      status: 404,
      body: { error: { code: 404, message: 'Not Found: Order not found' } },
    });
    expect((await call(fake, '/orders/1', { method: 'DELETE' })).status).toBe(405);
    // /status needs no key.
    expect(await call(fake, '/status', { key: null })).toMatchObject({
      status: 200,
      body: { success: { dolibarr_version: '20.0.2' } },
    });
  });

  it('answers 403 for a right the API user lacks', async () => {
    const fake = createFakeDolibarr({ rights: ['produit.lire'] });
    expect((await call(fake, '/products')).status).toBe(200);
    expect(await call(fake, '/orders')).toMatchObject({ status: 403, body: { error: { code: 403 } } });
  });

  it('is strict on sqlfilters from 20 (400) and keeps the legacy check before (503)', async () => {
    const strict = createFakeDolibarr();
    const unquoted = encodeURIComponent('(t.ref:=:MUG-STONE)');
    expect((await call(strict, `/products?sqlfilters=${unquoted}`)).status).toBe(400);
    const ok = await call(
      strict,
      `/products?sqlfilters=${encodeURIComponent("(t.ref:=:'MUG-STONE') OR (t.ref:=:'NTB-A5')")}`,
    );
    expect((ok.body as { ref: string }[]).map((row) => row.ref).sort()).toEqual(['MUG-STONE', 'NTB-A5']);

    const legacy = createFakeDolibarr({ version: '18.0.4' });
    const withColon = encodeURIComponent("(t.tms:>=:'2025-01-01 00:00:00')");
    expect((await call(legacy, `/products?sqlfilters=${withColon}`)).status).toBe(503);
    expect(
      (await call(legacy, `/products?sqlfilters=${encodeURIComponent("(t.tms:>=:'20250101000000')")}`)).status,
    ).toBe(200);
    expect((await call(legacy, `/products?sqlfilters=${encodeURIComponent('(t.nosuch:=:1)')}`)).status).toBe(503);
  });

  it('finds products by reference through its index as a scan would: any case, after a rename, in id order', async () => {
    const fake = createFakeDolibarr({ seed: false });
    const json = { 'content-type': 'application/json' };
    const create = async (ref: string) =>
      (await call(fake, '/products', { method: 'POST', body: JSON.stringify({ ref, label: ref }), headers: json }))
        .body as number;
    const refs = async (filter: string) =>
      (
        (await call(fake, `/products?sortfield=t.label&sqlfilters=${encodeURIComponent(filter)}`)).body as {
          ref: string;
        }[]
      ).map((row) => row.ref);
    const first = await create('IDX-B');
    await create('IDX-A');
    expect(await refs("(t.ref:=:'idx-b') OR (t.ref:=:'IDX-A') OR (t.ref:=:'IDX-NONE')")).toEqual(['IDX-A', 'IDX-B']);
    expect(await refs(`(t.rowid:=:${first}) AND (t.ref:=:'IDX-A')`)).toEqual([]);
    expect(
      (await call(fake, '/products', { method: 'POST', body: '{"ref":"IDX-A","label":"x"}', headers: json })).status,
    ).toBe(500);

    await call(fake, `/products/${first}`, { method: 'PUT', body: JSON.stringify({ ref: 'IDX-C' }), headers: json });
    expect(await refs("(t.ref:=:'IDX-B')")).toEqual([]);
    expect(await refs("(t.ref:=:'idx-c')")).toEqual(['IDX-C']);
    expect((await call(fake, '/products/ref/IDX-C')).status).toBe(200);
    expect((await call(fake, '/products/ref/IDX-B')).status).toBe(404);
    expect(await create('IDX-B')).toBeGreaterThan(first);
  });

  it('pages with limit and a 0-based page, and answers 404 for an empty list before 17', async () => {
    const fake = createFakeDolibarr();
    const first = (await call(fake, '/products?limit=2&page=0&sortfield=t.rowid')).body as { id: string }[];
    const second = (await call(fake, '/products?limit=2&page=1&sortfield=t.rowid')).body as { id: string }[];
    expect([...first, ...second].map((row) => row.id)).toEqual(['1', '2', '3', '4']);
    const old = createFakeDolibarr({ version: '16.0.5', seed: false });
    expect(await call(old, '/orders')).toMatchObject({
      status: 404,
      body: { error: { message: 'Not Found: No order found' } },
    });
  });

  it('keeps stock in movements only: PUT stock_reel is refused', async () => {
    const fake = createFakeDolibarr();
    const refused = await call(fake, '/products/1', {
      method: 'PUT',
      body: JSON.stringify({ stock_reel: 3 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/stockmovements/) } },
    });
  });

  it('validates an order into a numbered document once (304 after), taking its stock', async () => {
    const fake = createFakeDolibarr();
    const id = (
      await call(fake, '/orders', {
        method: 'POST',
        body: JSON.stringify({
          socid: 1,
          date: 1748736000,
          lines: [{ fk_product: 1, qty: 3, subprice: '12.50', tva_tx: '20' }],
        }),
      })
    ).body as number;
    const before = fake.backOffice.productByRef('MUG-STONE')?.stock.get(1);
    const validated = await call(fake, `/orders/${id}/validate`, {
      method: 'POST',
      body: JSON.stringify({ idwarehouse: 1 }),
    });
    expect(validated.body).toMatchObject({
      status: '1',
      ref: expect.stringMatching(/^CO\d{4}-\d{4}$/),
      total_ttc: '45.00000000',
    });
    expect(fake.backOffice.productByRef('MUG-STONE')?.stock.get(1)).toBe((before ?? 0) - 3);
    expect((await call(fake, `/orders/${id}/validate`, { method: 'POST', body: '{}' })).status).toBe(304);
  });
});
