import { PlatformError, ValidationError } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { createWooClient, normaliseShopUrl } from '../src/client.js';
import { quickRetry, startFake } from './harness.js';

describe('WooCommerce client: authentication follows the scheme', () => {
  it('on https it sends Basic consumer_key:consumer_secret and WooCommerce accepts it', async () => {
    const fake = startFake({ baseUrl: 'https://secure.test' });
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
    });
    expect(client.auth).toBe('basic');
    const answer = await client.get<unknown[]>('products', { query: { per_page: 2 } });
    expect(answer.data).toHaveLength(2);
    expect(answer.total).toBe(5);
    expect(answer.totalPages).toBe(3);
  });

  it('on plain http it signs with OAuth 1.0a HMAC-SHA256 and never sends the secret', async () => {
    const fake = startFake({ baseUrl: 'http://plain.test' });
    const seen: Request[] = [];
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
      fetch: (input, init) => {
        const request = new Request(input, init);
        seen.push(request.clone());
        return fetch(request);
      },
    });
    expect(client.auth).toBe('oauth1');
    const answer = await client.get<{ id: number }[]>('products', { query: { per_page: 100 } });
    expect(answer.data.length).toBe(5);
    const sent = seen[0] as Request;
    const url = new URL(sent.url);
    expect(url.searchParams.get('oauth_signature_method')).toBe('HMAC-SHA256');
    expect(url.searchParams.get('oauth_consumer_key')).toBe(fake.consumerKey);
    expect(sent.headers.get('authorization')).toBeNull();
    expect(sent.url).not.toContain(fake.consumerSecret);
  });

  it('the http fake refuses an unsigned request, and Basic credentials, as WooCommerce does without SSL', async () => {
    const fake = startFake({ baseUrl: 'http://plain.test' });
    const basic = Buffer.from(`${fake.consumerKey}:${fake.consumerSecret}`).toString('base64');
    const response = await fetch(`${fake.baseUrl}/wp-json/wc/v3/products`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    });
  });

  it('retries on http sign again with a new nonce (WooCommerce refuses a nonce twice)', async () => {
    const fake = startFake({ baseUrl: 'http://plain.test' });
    fake.fault({ status: 503, headers: { 'retry-after': '0' } });
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
      retry: quickRetry,
    });
    const answer = await client.get<unknown[]>('products');
    expect(answer.status).toBe(200);
    expect(fake.calls.map((call) => call.status)).toEqual([503, 200]);
  });

  it('refuses to send keys in clear: basic or query auth over http is a configuration error', () => {
    expect(() =>
      createWooClient({ url: 'http://plain.test', consumerKey: 'ck_x', consumerSecret: 'cs_x', auth: 'basic' }),
    ).toThrow(ValidationError);
    expect(() =>
      createWooClient({ url: 'http://plain.test', consumerKey: 'ck_x', consumerSecret: 'cs_x', auth: 'query' }),
    ).toThrow(/oauth1/);
  });

  it('query auth (for hosts that strip Authorization) carries the keys in the query string on https', async () => {
    const fake = startFake();
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
      auth: 'query',
    });
    expect((await client.get<unknown[]>('products')).status).toBe(200);
  });

  it('normalises the shop URL and refuses what is not one', () => {
    expect(normaliseShopUrl('https://shop.example/')).toBe('https://shop.example');
    expect(normaliseShopUrl('https://shop.example/blog/wp-json/wc/v3/')).toBe('https://shop.example/blog');
    expect(() => normaliseShopUrl('ftp://shop.example')).toThrow(ValidationError);
    expect(() => normaliseShopUrl('https://ck:cs@shop.example')).toThrow(/consumerKey/);
    expect(() => createWooClient({ url: 'https://shop.example', consumerKey: '', consumerSecret: 'cs' })).toThrow(
      /consumer key/,
    );
  });
});

describe('WooCommerce client: errors say what happened and never quote a secret', () => {
  it('a wrong secret is a 401 naming WooCommerce’s code and what to check, without the keys', async () => {
    const fake = startFake();
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: 'cs_wrong_secret_value_123456',
      retry: quickRetry,
    });
    const error = await client.get('products').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    const message = (error as PlatformError).message;
    expect(message).toMatch(
      /GET \/products failed with HTTP 401: woocommerce_rest_authentication_error: Consumer secret is invalid/,
    );
    expect(message).toMatch(/check the REST key/);
    expect(message).not.toContain('cs_wrong_secret_value_123456');
    expect(message).not.toContain(fake.consumerKey);
    expect(JSON.stringify((error as PlatformError).body)).not.toContain('cs_wrong');
    expect((error as PlatformError).retryable).toBe(false);
  });

  it('an OAuth failure on http never quotes the signature or the query string', async () => {
    const fake = startFake({ baseUrl: 'http://plain.test' });
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: 'cs_not_the_secret_0000',
      retry: quickRetry,
    });
    const error = (await client
      .get('orders', { query: { status: 'processing' } })
      .catch((caught: unknown) => caught)) as PlatformError;
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/Invalid signature - provided signature does not match/);
    expect(error.message).not.toMatch(/oauth_|cs_not_the_secret|status=processing/);
  });

  it('a key without write permission is told so on writes', async () => {
    const fake = startFake({ permissions: 'read' });
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
      retry: quickRetry,
    });
    await expect(client.post('products/batch', { update: [] })).rejects.toThrow(/does not have write permissions/);
  });

  it('a 400 quotes the parameter errors WooCommerce lists', async () => {
    const fake = startFake();
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
    });
    await expect(client.get('products', { query: { per_page: 500 } })).rejects.toThrow(
      /rest_invalid_param: Invalid parameter\(s\): per_page \(per_page: per_page must be between 1/,
    );
  });

  it('an unknown route is a 404 rest_no_route', async () => {
    const fake = startFake();
    const client = createWooClient({
      url: fake.baseUrl,
      consumerKey: fake.consumerKey,
      consumerSecret: fake.consumerSecret,
    });
    const error = (await client.get('nothing-here').catch((caught: unknown) => caught)) as PlatformError;
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/rest_no_route/);
  });
});
