import { describe, expect, it } from 'vitest';
import { baseStringUri, oauth1BaseString, percentEncode, signOAuth1 } from '../src/oauth1.js';
import { verifyOAuth } from './fake/oauth-verifier.js';

describe('OAuth 1.0a signer: published test vectors', () => {
  it('OAuth Core 1.0a, Appendix A.5: GET photos.example.net signs as tR3+Ty81lMeYAr/Fid0kMTYa/WM=', () => {
    const signed = signOAuth1({
      method: 'GET',
      url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
      consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44',
      token: 'nnch734d00sl2jdk',
      tokenSecret: 'pfkkdhi9sl3r4s00',
      signatureMethod: 'HMAC-SHA1',
      timestamp: 1191242096,
      nonce: 'kllo9940pd9333jh',
      version: '1.0',
    });
    // Appendix A.5.1: the signature base string, then A.5.2: the signature.
    expect(signed.baseString).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal',
    );
    expect(signed.signature).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
    expect(signed.params.at(-1)).toEqual(['oauth_signature', 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=']);
  });

  it('X (Twitter) developer docs "Creating a signature": a POST with a body parameter holding spaces, "+" and "!"', () => {
    const signed = signOAuth1({
      method: 'POST',
      url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
      bodyParams: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
      consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
      consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
      token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
      tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
      signatureMethod: 'HMAC-SHA1',
      timestamp: 1318622958,
      nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
      version: '1.0',
    });
    expect(signed.baseString).toContain(
      'status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
    );
    expect(signed.signature).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('RFC 5849 §3.4.1.1: the normalised base string of the example request (encoded names, duplicate keys, empty values)', () => {
    const base = oauth1BaseString('POST', 'http://example.com/request', [
      ['b5', '=%3D'],
      ['a3', 'a'],
      ['c@', ''],
      ['a2', 'r b'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['c2', ''],
      ['a3', '2 q'],
    ]);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('RFC 5849 §3.4.1.2: base string URI lower-cases scheme and host and drops the default port', () => {
    expect(baseStringUri('HTTP://EXAMPLE.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
  });

  it('percent-encodes as RFC 3986 (what PHP rawurlencode does), not as encodeURIComponent', () => {
    expect(percentEncode("!'()*~-._ é/")).toBe('%21%27%28%29%2A~-._%20%C3%A9%2F');
  });
});

describe('OAuth 1.0a HMAC-SHA256 as WooCommerce checks it', () => {
  const url =
    'http://shop.test/wp-json/wc/v3/products?per_page=100&offset=0&modified_after=2025-06-01T00%3A00%3A00&dates_are_gmt=true';
  const sign = () =>
    signOAuth1({
      method: 'GET',
      url,
      consumerKey: 'ck_test',
      consumerSecret: 'cs_test',
      timestamp: 1_750_000_000,
      nonce: 'n0nce',
    });

  it('a signed request passes WooCommerce’s own verification (written apart from the signer)', () => {
    const target = new URL(url);
    for (const [name, value] of sign().params) target.searchParams.append(name, value);
    const check = verifyOAuth({
      method: 'GET',
      url: target,
      consumerKey: 'ck_test',
      consumerSecret: 'cs_test',
      seenNonces: new Set(),
      nowSeconds: 1_750_000_000,
    });
    expect(check).toEqual({ ok: true });
  });

  it('a changed parameter, the wrong secret or a replayed nonce are refused', () => {
    const target = new URL(url);
    for (const [name, value] of sign().params) target.searchParams.append(name, value);
    const tampered = new URL(target);
    tampered.searchParams.set('per_page', '99');
    const nonces = new Set<string>();
    const base = { method: 'GET', consumerKey: 'ck_test', nowSeconds: 1_750_000_000 };
    expect(verifyOAuth({ ...base, url: tampered, consumerSecret: 'cs_test', seenNonces: nonces })).toMatchObject({
      ok: false,
    });
    expect(verifyOAuth({ ...base, url: target, consumerSecret: 'cs_other', seenNonces: nonces })).toMatchObject({
      ok: false,
    });
    expect(verifyOAuth({ ...base, url: target, consumerSecret: 'cs_test', seenNonces: nonces })).toEqual({ ok: true });
    expect(verifyOAuth({ ...base, url: target, consumerSecret: 'cs_test', seenNonces: nonces })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/nonce/),
    });
  });

  it('signs with HMAC-SHA256 by default and a fresh nonce each time', () => {
    const a = signOAuth1({ method: 'GET', url, consumerKey: 'k', consumerSecret: 's' });
    const b = signOAuth1({ method: 'GET', url, consumerKey: 'k', consumerSecret: 's' });
    expect(Object.fromEntries(a.params).oauth_signature_method).toBe('HMAC-SHA256');
    expect(Object.fromEntries(a.params).oauth_nonce).not.toBe(Object.fromEntries(b.params).oauth_nonce);
    expect(Buffer.from(a.signature, 'base64')).toHaveLength(32);
  });
});
