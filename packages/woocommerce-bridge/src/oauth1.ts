import { createHmac, randomBytes } from 'node:crypto';

/** The signature methods WooCommerce accepts (`class-wc-rest-authentication.php`). */
export type OAuth1SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

export interface OAuth1SignInput {
  method: string;
  /** The full request URL; its query parameters are signed with the OAuth ones. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Three-legged only; WooCommerce signs with the consumer secret alone. */
  token?: string;
  tokenSecret?: string;
  /** Form-encoded body parameters (never a JSON body, which OAuth 1.0a does not sign). */
  bodyParams?: readonly (readonly [string, string])[];
  /** @default 'HMAC-SHA256' */
  signatureMethod?: OAuth1SignatureMethod;
  /** Unix seconds. @default now */
  timestamp?: number;
  /** @default 32 random hex characters */
  nonce?: string;
  /** `oauth_version` is optional (RFC 5849 §3.1); sent only when given. */
  version?: '1.0';
}

export interface OAuth1Signature {
  /** Every `oauth_*` parameter, `oauth_signature` included, to add to the query string. */
  params: [string, string][];
  baseString: string;
  signature: string;
}

/** RFC 3986 percent-encoding (RFC 5849 §3.6): everything but unreserved characters, UTF-8 first. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Scheme and host lower-case, default ports dropped, no query or fragment (RFC 5849 §3.4.1.2). */
export function baseStringUri(url: string): string {
  const parsed = new URL(url);
  const defaultPort =
    (parsed.protocol === 'http:' && parsed.port === '80') || (parsed.protocol === 'https:' && parsed.port === '443');
  const port = parsed.port && !defaultPort ? `:${parsed.port}` : '';
  return `${parsed.protocol.toLowerCase()}//${parsed.hostname.toLowerCase()}${port}${parsed.pathname}`;
}

function queryPairs(url: string): [string, string][] {
  return [...new URL(url).searchParams.entries()];
}

/**
 * The signature base string (RFC 5849 §3.4.1): method, base URI and the normalised parameters,
 * each encoded, sorted by name then value, joined and encoded once more.
 */
export function oauth1BaseString(method: string, url: string, params: readonly (readonly [string, string])[]): string {
  const normalised = params
    .filter(([name]) => name !== 'oauth_signature' && name !== 'realm')
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => (nameA === nameB ? compare(valueA, valueB) : compare(nameA, nameB)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalised)].join('&');
}

// Byte order, as PHP's strcmp sorts: localeCompare would order by locale rules.
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Signs a request with OAuth 1.0a (RFC 5849), as WooCommerce requires on plain http where a consumer
 * secret must never travel in clear: the caller adds `params` to the query string.
 */
export function signOAuth1(input: OAuth1SignInput): OAuth1Signature {
  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA256';
  const oauth: [string, string][] = [
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_nonce', input.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', signatureMethod],
    ['oauth_timestamp', String(input.timestamp ?? Math.floor(Date.now() / 1000))],
  ];
  if (input.token !== undefined) oauth.push(['oauth_token', input.token]);
  if (input.version !== undefined) oauth.push(['oauth_version', input.version]);
  const baseString = oauth1BaseString(input.method, input.url, [
    ...queryPairs(input.url),
    ...(input.bodyParams ?? []),
    ...oauth,
  ]);
  const key = `${percentEncode(input.consumerSecret)}&${percentEncode(input.tokenSecret ?? '')}`;
  const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(algorithm, key).update(baseString).digest('base64');
  return { params: [...oauth, ['oauth_signature', signature]], baseString, signature };
}
