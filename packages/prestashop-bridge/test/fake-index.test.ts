import { describe, expect, it } from 'vitest';
import { equalityKey, equalityParts, type FieldValue, matchesFilter } from './fake/filters.js';
import { FAKE_KEY, FAKE_URL, FakePrestashop } from './fake-prestashop.js';

/**
 * The fake's equality indexes (`FakeStore.candidates`) only spare it a scan: every list must answer
 * exactly what filtering every row answers, before and after writes that change an indexed field.
 */
const AUTH = `Basic ${Buffer.from(`${FAKE_KEY}:`).toString('base64')}`;

async function call(fake: FakePrestashop, method: string, path: string, body?: string): Promise<Response> {
  return fake.fetch(
    new Request(`${FAKE_URL}/api/${path}`, {
      method,
      headers: { authorization: AUTH, ...(body ? { 'content-type': 'text/xml' } : {}) },
      ...(body ? { body } : {}),
    }),
  );
}

async function listIds(fake: FakePrestashop, resource: string, query: string): Promise<number[]> {
  const response = await call(fake, 'GET', `${resource}?output_format=JSON&${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, { id: number }[]> | [];
  return Array.isArray(body) ? [] : (body[resource] ?? []).map((row) => Number(row.id));
}

/** What a scan of every row answers for `filter[field]=value` (the fake before its indexes). */
function scanned(fake: FakePrestashop, resource: string, field: string, value: string): number[] {
  return fake.store
    .all(resource)
    .filter((record) =>
      matchesFilter(field === 'id' ? String(record.id) : (record.fields[field] as FieldValue | undefined), value),
    )
    .map((record) => record.id);
}

const FILTERS: [resource: string, field: string, value: string][] = [
  ['products', 'reference', '[demo_1|DEMO_3|demo_11|nothing]'],
  ['products', 'reference', '[demo_12]'],
  ['products', 'reference', 'demo_8'],
  ['products', 'reference', '[]'],
  ['products', 'reference', '[demo_1]%'],
  ['products', 'reference', '%[_1]%'],
  ['products', 'reference', '![demo_1]'],
  ['products', 'reference', '[demo_1,demo_3]'],
  ['products', 'id', '[1|03|4.0|x|999]'],
  ['products', 'id', '>[5]'],
  ['combinations', 'id_product', '[1|2|06]'],
  ['combinations', 'reference', '[demo_1_S_WHITE|demo_8_plain]'],
  ['stock_availables', 'id_product', '[01]'],
  ['stock_availables', 'id_product', '[1|2|3|4|5|6|7|8|9|10]'],
  ['specific_prices', 'id_product', '[4]'],
];

describe('the fake Webservice answers indexed filters as a scan does', () => {
  it('maps equality filters to their values, and leaves the others to a scan', () => {
    expect(equalityParts('[a|b]')).toEqual(['a', 'b']);
    expect(equalityParts(' x ')).toEqual(['x']);
    expect(equalityParts('[1,5]')).toBeNull();
    expect(equalityParts('[a]%')).toBeNull();
    expect(equalityParts('%[a]')).toBeNull();
    expect(equalityParts('>[1]')).toBeNull();
    expect(equalityParts('![1]')).toBeNull();
    expect(equalityKey('07')).toBe(equalityKey('7.0'));
    expect(equalityKey('Demo')).toBe(equalityKey('dEMO'));
    expect(equalityKey('7')).not.toBe(equalityKey('7a'));
  });

  it('before and after writes that move indexed values', async () => {
    const fake = new FakePrestashop();
    const check = async () => {
      for (const [resource, field, value] of FILTERS) {
        const query = `filter[${field}]=${encodeURIComponent(value)}`;
        expect(await listIds(fake, resource, query), `${resource} ${query}`).toEqual(
          scanned(fake, resource, field, value),
        );
      }
    };
    await check();

    // A new product (and its stock row), a reference changed by PATCH, one blanked by PUT, a deleted combination.
    const created = await call(
      fake,
      'POST',
      'products?output_format=JSON',
      '<prestashop><product><reference>demo_1</reference><price>1</price><id_category_default>2</id_category_default>' +
        '<name><language id="1">Twin</language></name><link_rewrite><language id="1">twin</language></link_rewrite></product></prestashop>',
    );
    expect(created.status).toBe(201);
    expect(
      (
        await call(
          fake,
          'PATCH',
          'products/4',
          '<prestashop><product><id>4</id><reference>DEMO_3</reference></product></prestashop>',
        )
      ).status,
    ).toBe(200);
    const put = await call(
      fake,
      'PUT',
      'combinations/8',
      '<prestashop><combination><id>8</id><id_product>2</id_product><minimal_quantity>1</minimal_quantity></combination></prestashop>',
    );
    expect(put.status).toBe(200);
    expect((await call(fake, 'DELETE', 'combinations/1')).status).toBe(200);
    await check();
    expect(await listIds(fake, 'products', 'filter[reference]=[demo_3]')).toEqual([2, 4]);
    expect(await listIds(fake, 'combinations', 'filter[reference]=[demo_8_plain]')).toEqual([]);
    expect(await listIds(fake, 'combinations', 'filter[id_product]=[2]')).toEqual([3, 4, 8]);
  });

  it('keeps a product’s stock and combinations in its rendering', async () => {
    const fake = new FakePrestashop();
    const response = await call(fake, 'GET', 'products/1?output_format=JSON');
    const { product } = (await response.json()) as {
      product: { associations: { combinations: { id: string }[]; stock_availables: { id: string }[] } };
    };
    expect(product.associations.combinations.map((row) => Number(row.id))).toEqual(
      fake.store
        .all('combinations')
        .filter((row) => row.fields.id_product === '1')
        .map((row) => row.id),
    );
    expect(product.associations.stock_availables.map((row) => Number(row.id))).toEqual(
      fake.store
        .all('stock_availables')
        .filter((row) => row.fields.id_product === '1')
        .map((row) => row.id),
    );
  });
});
