import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * WooCommerce's server-side OAuth 1.0a check, rewritten from `WC_REST_Authentication::check_oauth_signature`
 * independently of the bridge's signer: parameters sorted by key (byte order, as PHP's strcmp), each key and
 * value RFC 3986-encoded, every `key=value` encoded again, joined with `%26`, signed with the consumer
 * secret and `&`. A fake that reused the client's signer would prove nothing.
 */

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** PHP's rawurlencode: every byte but the unreserved ones as %XX (upper case). */
export function rawUrlEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export type OAuthCheck = { ok: true } | { ok: false; code: string; message: string };

export interface OAuthVerifyInput {
  method: string;
  /** The request URL as received (scheme, host, path and query). */
  url: URL;
  consumerKey: string;
  consumerSecret: string;
  seenNonces: Set<string>;
  nowSeconds: number;
}

const REQUIRED = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];

/** `null`: no OAuth parameter at all (the request is simply unauthenticated). */
export function verifyOAuth(input: OAuthVerifyInput): OAuthCheck | null {
  const params = new Map<string, string>();
  for (const [name, value] of input.url.searchParams) params.set(name, value);
  const present = REQUIRED.filter((name) => (params.get(name) ?? '') !== '');
  if (present.length === 0) return null;
  const missing = REQUIRED.filter((name) => !present.includes(name));
  if (missing.length) {
    return {
      ok: false,
      code: 'woocommerce_rest_authentication_missing_parameter',
      message: `Missing OAuth parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    };
  }
  if (params.get('oauth_consumer_key') !== input.consumerKey)
    return { ok: false, code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.' };

  const given = (params.get('oauth_signature') as string).replace(/ /g, '+');
  params.delete('oauth_signature');
  const method = params.get('oauth_signature_method');
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
    return {
      ok: false,
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid signature - signature method is invalid.',
    };
  }
  const sorted = [...params.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const query = sorted
    .map((key) => rawUrlEncode(`${rawUrlEncode(key)}=${rawUrlEncode(params.get(key) as string)}`))
    .join('%26');
  const base = rawUrlEncode(`${input.url.protocol}//${input.url.host}${input.url.pathname}`);
  const toSign = `${input.method.toUpperCase()}&${base}&${query}`;
  const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${input.consumerSecret}&`)
    .update(toSign)
    .digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return {
      ok: false,
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid signature - provided signature does not match.',
    };
  }
  const timestamp = Number(params.get('oauth_timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(timestamp - input.nowSeconds) > 15 * 60) {
    return { ok: false, code: 'woocommerce_rest_authentication_error', message: 'Invalid timestamp.' };
  }
  const nonce = params.get('oauth_nonce') as string;
  if (input.seenNonces.has(nonce))
    return {
      ok: false,
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid nonce - nonce has already been used.',
    };
  input.seenNonces.add(nonce);
  return { ok: true };
}
