import { PlatformError, PlatformThrottledError, ValidationError } from '@passerelle/core';
import ky, { type BeforeRequestHook, isHTTPError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky';
import { signOAuth1 } from './oauth1.js';
import { excerpt, isWooErrorBody, parseJsonBody } from './response-body.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';

/** The REST namespace the bridge is written against (reported in `/info`). */
export const WOO_API_VERSION = 'wc/v3';

/** WooCommerce's own cap on `per_page` and on items per `/batch` call. */
export const WOO_PAGE_SIZE = 100;
export const WOO_BATCH_LIMIT = 100;

/**
 * - `basic`: HTTP Basic `consumer_key:consumer_secret` (https only);
 * - `query`: `?consumer_key=&consumer_secret=` for hosts that strip `Authorization` (https only);
 * - `oauth1`: OAuth 1.0a one-legged HMAC-SHA256 signature in the query string (what plain http needs);
 * - `auto`: `basic` on https, `oauth1` on http.
 */
export type WooAuthMode = 'auto' | 'basic' | 'query' | 'oauth1';

export interface WooClientOptions {
  /** The shop's address, e.g. `https://shop.example` (the WordPress home URL). */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** @default 'auto' */
  auth?: WooAuthMode;
  /**
   * `pretty` calls `/wp-json/wc/v3/...`; `query` calls `/?rest_route=/wc/v3/...` for sites without pretty
   * permalinks.
   * @default 'pretty'
   */
  routes?: 'pretty' | 'query';
  /** Per attempt, in milliseconds. @default 30_000 */
  timeoutMs?: number;
  /**
   * Requests in flight at once, across everything the adapter does: WooCommerce runs on PHP workers
   * and a host's WAF, which a burst of parallel calls trips.
   * @default 4
   */
  maxConcurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** @default 'passerelle-woocommerce-bridge/0.1.0' */
  userAgent?: string;
  /** Unix seconds for OAuth timestamps (tests). @default the system clock */
  timestamp?: () => number;
}

export interface WooCallOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * Whether sending the call twice does no harm (reads, absolute updates). A call that is not is retried
   * only on 429, which says nothing was done; any other failure is reported, not repeated.
   * @default true for GET and PUT, false for POST and DELETE
   */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface WooResponse<T> {
  data: T;
  status: number;
  /** `X-WP-Total` on collections, else null. */
  total: number | null;
  /** `X-WP-TotalPages` on collections, else null. */
  totalPages: number | null;
}

export interface WooClient {
  /** The shop address, without a trailing slash. */
  readonly url: string;
  /** The authentication actually used (`auto` resolved). */
  readonly auth: Exclude<WooAuthMode, 'auto'>;
  readonly retryPolicy: RetryPolicy;
  request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options?: WooCallOptions,
  ): Promise<WooResponse<T>>;
  get<T>(path: string, options?: WooCallOptions): Promise<WooResponse<T>>;
  post<T>(path: string, body: unknown, options?: WooCallOptions): Promise<WooResponse<T>>;
  put<T>(path: string, body: unknown, options?: WooCallOptions): Promise<WooResponse<T>>;
}

function configError(path: string, message: string): ValidationError {
  return new ValidationError(`WooCommerce client: ${message}`, [{ path, message }]);
}

/** Reads and checks the shop URL: http(s), no query, no trailing slash, no `/wp-json` suffix. */
export function normaliseShopUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw configError('url', `not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw configError('url', 'the shop URL must start with https:// or http://');
  if (parsed.username || parsed.password)
    throw configError('url', 'put the keys in consumerKey/consumerSecret, not in the URL');
  if (parsed.search || parsed.hash)
    throw configError('url', 'the shop URL must not carry a query string or a fragment');
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/wp-json(\/wc\/v3)?$/, '');
  return `${parsed.origin}${path}`;
}

function resolveAuth(mode: WooAuthMode, secure: boolean): Exclude<WooAuthMode, 'auto'> {
  if (mode === 'auto') return secure ? 'basic' : 'oauth1';
  if (!secure && (mode === 'basic' || mode === 'query')) {
    // WooCommerce ignores keys sent in clear over http (it only checks Basic under is_ssl()): refuse to leak them.
    throw configError('auth', `"${mode}" sends the consumer secret in clear; over http WooCommerce needs "oauth1"`);
  }
  return mode;
}

function header(response: Response, name: string): number | null {
  const value = response.headers.get(name);
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The system error code under a fetch failure (`ECONNREFUSED`…), looking through causes and aggregates. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== 'object') return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string' && /^E[A-Z_]+$/.test(record.code)) return record.code;
  if (Array.isArray(record.errors))
    for (const inner of record.errors) {
      const code = networkCode(inner, depth + 1);
      if (code) return code;
    }
  return networkCode(record.cause, depth + 1);
}

/** A request was never sent (refused connection, unknown host): repeating it cannot apply it twice. */
function neverSent(error: unknown): boolean {
  const code = networkCode(error);
  return code !== undefined && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
}

/**
 * The WooCommerce REST client: a ky instance with the bridge's retry policy, authentication chosen by
 * scheme (Basic on https, OAuth 1.0a on http), and every failure turned into a `PlatformError` whose
 * message names the call (method and path, never the query string, which may hold a signature or a
 * key) and quotes a bounded, scrubbed excerpt of what came back.
 */
export function createWooClient(options: WooClientOptions): WooClient {
  const url = normaliseShopUrl(options.url);
  if (!options.consumerKey?.trim()) throw configError('consumerKey', 'the consumer key is empty');
  if (!options.consumerSecret?.trim()) throw configError('consumerSecret', 'the consumer secret is empty');
  const secure = url.startsWith('https:');
  const auth = resolveAuth(options.auth ?? 'auto', secure);
  const policy = resolveRetryPolicy(options.retry);
  const routes = options.routes ?? 'pretty';
  const secrets = [options.consumerSecret, options.consumerKey];
  const timestamp = options.timestamp ?? (() => Math.floor(Date.now() / 1000));
  const slots = createSemaphore(Math.max(1, options.maxConcurrency ?? 4));

  const authenticate: BeforeRequestHook = (request) => {
    if (auth === 'basic') {
      request.headers.set(
        'authorization',
        `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`,
      );
      return;
    }
    const target = new URL(request.url);
    for (const name of [...target.searchParams.keys()]) {
      if (name.startsWith('oauth_') || name === 'consumer_key' || name === 'consumer_secret')
        target.searchParams.delete(name);
    }
    if (auth === 'query') {
      target.searchParams.set('consumer_key', options.consumerKey);
      target.searchParams.set('consumer_secret', options.consumerSecret);
    } else {
      // Signed on every attempt: WooCommerce refuses a nonce it has already seen, so a retry needs a new one.
      const signed = signOAuth1({
        method: request.method,
        url: target.toString(),
        consumerKey: options.consumerKey,
        consumerSecret: options.consumerSecret,
        signatureMethod: 'HMAC-SHA256',
        timestamp: timestamp(),
      });
      for (const [name, value] of signed.params) target.searchParams.append(name, value);
    }
    return new Request(target, request);
  };

  const api: KyInstance = ky.create({
    timeout: options.timeoutMs ?? 30_000,
    throwHttpErrors: true,
    headers: {
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'passerelle-woocommerce-bridge/0.1.0',
      // Caching plug-ins and CDNs may serve a stale /wp-json answer otherwise.
      'cache-control': 'no-cache',
    },
    hooks: { beforeRequest: [authenticate] },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const retryFor = (idempotent: boolean): RetryOptions => ({
    limit: policy.limit,
    methods: ['get', 'post', 'put', 'delete'],
    statusCodes: policy.statusCodes,
    afterStatusCodes: policy.afterStatusCodes,
    maxRetryAfter: policy.maxRetryAfter,
    backoffLimit: policy.backoffLimit,
    delay: policy.delay,
    jitter: policy.jitter,
    retryOnTimeout: policy.retryOnTimeout && idempotent,
    shouldRetry: ({ error }) => {
      if (isHTTPError(error)) {
        const status = error.response.status;
        if (policy.afterStatusCodes.includes(status)) {
          const wait = retryAfterMs(error.response);
          // ky would clamp a long Retry-After and come back early; give up and let the error carry the wait.
          if (wait !== undefined && wait > policy.maxRetryAfter) return false;
        }
        if (!idempotent) return status === 429 ? undefined : false;
        return undefined;
      }
      if (isTimeoutError(error)) return idempotent ? undefined : false;
      return idempotent || neverSent(error) ? undefined : false;
    },
  });

  const target = (path: string, query: WooCallOptions['query']): { input: string; searchParams: URLSearchParams } => {
    const clean = path.replace(/^\/+/, '');
    const searchParams = new URLSearchParams();
    if (routes === 'query') searchParams.set('rest_route', `/${WOO_API_VERSION}/${clean}`);
    for (const [name, value] of Object.entries(query ?? {}))
      if (value !== undefined) searchParams.set(name, String(value));
    return { input: routes === 'query' ? `${url}/` : `${url}/wp-json/${WOO_API_VERSION}/${clean}`, searchParams };
  };

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    call: WooCallOptions = {},
  ): Promise<WooResponse<T>> {
    const where = `${method} /${path.replace(/^\/+/, '').split('?')[0]}`;
    const idempotent = call.idempotent ?? (method === 'GET' || method === 'PUT');
    const { input, searchParams } = target(path, call.query);
    let attempt = 0;
    // Body-level faults (a cut answer) happen after ky is done; they get the same bounded retries.
    for (;;) {
      let response: Response;
      const release = await slots.acquire();
      try {
        response = await api(input, {
          method,
          searchParams,
          retry: retryFor(idempotent),
          ...(call.body !== undefined ? { json: call.body } : {}),
          ...(call.signal ? { signal: call.signal } : {}),
        });
      } catch (error) {
        release();
        throw await toPlatformError(error, where, secrets, policy);
      }
      let text: string;
      try {
        text = await response.text();
      } finally {
        release();
      }
      try {
        const data = parseJsonBody(text, response.status, where, secrets) as T;
        return {
          data,
          status: response.status,
          total: header(response, 'x-wp-total'),
          totalPages: header(response, 'x-wp-totalpages'),
        };
      } catch (error) {
        const retryable = error instanceof PlatformError && error.retryable;
        if (!retryable || !idempotent || attempt >= policy.limit) throw error;
        attempt++;
        await sleep(Math.min(policy.backoffLimit, policy.delay(attempt)));
      }
    }
  }

  return {
    url,
    auth,
    retryPolicy: policy,
    request,
    get: (path, call) => request('GET', path, call),
    post: (path, body, call) => request('POST', path, { ...call, body }),
    put: (path, body, call) => request('PUT', path, { ...call, body }),
  };
}

/** At most `size` holders at once; the others wait in arrival order. */
function createSemaphore(size: number): { acquire(): Promise<() => void> } {
  let held = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else held--;
  };
  return {
    acquire: () =>
      new Promise((resolve) => {
        const grant = () => resolve(release);
        if (held < size) {
          held++;
          grant();
        } else waiting.push(grant);
      }),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Turns whatever ky threw into a `PlatformError` naming the call, never quoting a secret. */
async function toPlatformError(
  error: unknown,
  where: string,
  secrets: readonly string[],
  policy: RetryPolicy,
): Promise<PlatformError> {
  if (isHTTPError(error)) {
    const { response } = error;
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The body was already consumed or cut: the status still says enough.
    }
    let body: unknown = null;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      body = null;
    }
    const status = response.status;
    const detail = isWooErrorBody(body)
      ? `${body.code}: ${excerpt(body.message, secrets)}${paramsText(body.data?.params, secrets)}`
      : text
        ? `a non-JSON answer: "${excerpt(text, secrets)}"`
        : 'no body';
    const scrubbed = isWooErrorBody(body)
      ? { code: body.code, message: excerpt(body.message, secrets), status }
      : { status };
    if (status === 429) {
      const wait = retryAfterMs(response) ?? policy.delay(1);
      return new PlatformThrottledError(
        `WooCommerce ${where} was throttled (HTTP 429, retry after ${Math.ceil(wait / 1000)} s): ${detail}`,
        wait,
        scrubbed,
      );
    }
    const hint =
      status === 401 || status === 403
        ? ' (check the REST key, its read/write permission, and that the host passes the Authorization header)'
        : '';
    return new PlatformError(`WooCommerce ${where} failed with HTTP ${status}: ${detail}${hint}`, status, scrubbed);
  }
  if (isTimeoutError(error)) {
    return new PlatformError(
      `WooCommerce ${where} timed out (no answer within the client timeout)`,
      0,
      { problem: 'timeout' },
      { retryable: true },
    );
  }
  if (error instanceof PlatformError) return error;
  const cause = (error as { cause?: unknown })?.cause;
  const detail =
    cause instanceof Error && cause.message
      ? `${(error as Error).message}: ${cause.message}`
      : error instanceof Error
        ? error.message
        : 'unknown error';
  const reason = networkCode(error) ?? excerpt(detail, secrets);
  return new PlatformError(
    `WooCommerce ${where} could not reach the shop (${reason})`,
    0,
    { problem: 'network' },
    { retryable: true },
  );
}

function paramsText(params: Record<string, string> | undefined, secrets: readonly string[]): string {
  if (!params || typeof params !== 'object') return '';
  const entries = Object.entries(params).map(([name, message]) => `${name}: ${excerpt(String(message), secrets)}`);
  return entries.length ? ` (${entries.join('; ')})` : '';
}
