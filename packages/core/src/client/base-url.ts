/** Where every route of protocol v1 lives, below the module's origin (or below the path it is mounted on). */
export const PROTOCOL_PREFIX = '/passerelle/v1';

/**
 * The endpoint's base URL without a trailing slash. Accepts the full base
 * (`http://127.0.0.1:8787/passerelle/v1`), an origin (`http://127.0.0.1:8787`) or the path a host
 * mounts the module on (`https://shop.example/api`), appending {@link PROTOCOL_PREFIX} when missing.
 * Credentials in the URL are refused: the password travels in a header, never in a URL.
 */
export function resolveBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:8787/passerelle/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseUrl must use http or https, not ${url.protocol}`);
  }
  // The message names neither part: one of them is a secret.
  if (url.username !== '' || url.password !== '') {
    throw new TypeError('baseUrl must not contain credentials: pass the password as the `password` option');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError('baseUrl must not have a query string or a fragment');
  }
  const path = url.pathname.replace(/\/+$/, '');
  const base = path.endsWith(PROTOCOL_PREFIX) ? path : `${path}${PROTOCOL_PREFIX}`;
  return `${url.origin}${base}`;
}
