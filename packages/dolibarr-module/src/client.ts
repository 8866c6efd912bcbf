import { PlatformError, PlatformThrottledError } from '@passerelle/core';
import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import { ASSUMED_VERSION, type DolibarrVersion, parseDolibarrVersion } from './dolibarr-version.js';
import { type DolibarrRetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import { dialectFor, type FilterDialect } from './sqlfilters.js';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface DolibarrCall {
  method: string;
  /** The API path without the query string (which may hold customer emails). */
  path: string;
  /** 0 when no answer came back (network error, timeout). */
  status: number;
  ms: number;
}

export interface DolibarrClientOptions {
  /**
   * The Dolibarr root (`https://erp.example.com`), or its API base (`…/api/index.php`).
   * @example 'https://erp.example.com/dolibarr'
   */
  url: string;
  /** The API key of the Dolibarr user (user card → API key); sent as the `DOLAPIKEY` header only. */
  apiKey: string;
  /** Multicompany entity id, sent as `DOLAPIENTITY`; absent: the user's own entity. */
  entity?: string | null;
  /**
   * Time allowed to one attempt. Dolibarr builds each listed object with its own queries, so large
   * pages are slow on small hosts.
   * @default 30_000
   */
  timeoutMs?: number;
  /** Overrides of {@link defaultDolibarrRetryPolicy}, field by field; a number sets `limit` only. */
  retry?: Partial<DolibarrRetryPolicy> | number;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * The Dolibarr server's time zone: `sqlfilters` dates and some product dates are its wall clock.
   * @default 'UTC'
   */
  timeZone?: string;
  /** Called after every HTTP exchange (benchmarks count calls with it); never receives the key. */
  onCall?: (call: DolibarrCall) => void;
  /**
   * Called when Dolibarr printed PHP warnings before a JSON answer (`display_errors` on): the answer is
   * read, the warning passed here so it can be logged and `display_errors` turned off.
   */
  onNotice?: (message: string) => void;
}

export interface DolibarrClient {
  /** `…/api/index.php`, without credentials. */
  readonly apiBase: string;
  get<T>(path: string, query?: Query): Promise<T>;
  /** A GET whose 404 means "no such object": resolves to null. */
  getOrNull<T>(path: string, query?: Query): Promise<T | null>;
  /** A list call: unwraps `pagination_data` and reads an old version's 404 "No … found" as empty. */
  list<T>(path: string, query?: Query): Promise<T[]>;
  post<T>(path: string, body?: unknown, query?: Query): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** `GET /status` once: the version gates filter syntax and quirks. */
  version(): Promise<DolibarrVersion>;
  dialect(): Promise<FilterDialect>;
  /** `GET /users/info`: proves the key works (`/status` answers without one). */
  whoami(): Promise<{ login: string; entity: string | null }>;
}

/** `https://erp.example.com/` → `https://erp.example.com/api/index.php`. */
export function apiBaseOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError('DOLIBARR_URL must be an absolute http(s) URL such as https://erp.example.com');
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new TypeError('DOLIBARR_URL must start with http:// or https://');
  if (parsed.username || parsed.password)
    throw new TypeError('DOLIBARR_URL must not hold credentials: use DOLIBARR_API_KEY');
  parsed.search = '';
  parsed.hash = '';
  const path = parsed.pathname.replace(/\/+$/, '');
  const base = /\/api\/index\.php$/.test(path) ? path : `${path}/api/index.php`;
  return `${parsed.origin}${base}`;
}

interface RestlerError {
  error?: { code?: unknown; message?: unknown };
}

function restlerMessage(body: unknown): string | null {
  const message = (body as RestlerError | null)?.error?.message;
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : null;
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}

/** One PHP diagnostic as `display_errors` prints it (HTML or plain), before the API's own output. */
const PHP_DIAGNOSTIC =
  /^\s*(?:<br\s*\/?>\s*)?(?:<b>)?(?:PHP\s+)?(Warning|Notice|Deprecated|Strict Standards)(?:<\/b>)?:\s*[\s\S]*?on line\s*(?:<b>)?\d+(?:<\/b>)?\s*(?:<br\s*\/?>)?/i;
const PHP_FATAL = /^\s*(?:<br\s*\/?>\s*)?(?:<b>)?(?:PHP\s+)?(Fatal error|Parse error)(?:<\/b>)?:\s*([^\n<]*)/i;

type Body =
  | { ok: true; value: unknown; notice?: string }
  | { ok: false; kind: 'cut' | 'html' | 'php-fatal'; detail: string };

function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);
}

/** An HTML page's title (or first heading), for messages: `"503 Service Unavailable"`. */
export function htmlTitle(text: string): string | null {
  if (!/^\s*<(?:!doctype|html|head|body|br|b>|h1|p>)/i.test(text)) return null;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
  return plain(title ?? text) || 'untitled';
}

/**
 * A successful answer's body, strictly: JSON, JSON after PHP warnings (`display_errors` on: the warnings
 * are dropped, the answer is whole), or why it cannot be read. A body shorter than its `Content-Length`, or
 * JSON that does not parse, was cut short: a bare number cut short still parses, so the length decides.
 */
export function readBody(text: string, declaredLength: number | null): Body {
  if (declaredLength !== null && Buffer.byteLength(text) < declaredLength)
    return { ok: false, kind: 'cut', detail: `${Buffer.byteLength(text)} of ${declaredLength} bytes` };
  if (text.trim() === '') return { ok: true, value: null };
  let rest = text;
  let notice: string | undefined;
  for (let match = PHP_DIAGNOSTIC.exec(rest); match; match = PHP_DIAGNOSTIC.exec(rest)) {
    notice ??= plain(match[0]);
    rest = rest.slice(match[0].length);
  }
  const fatal = PHP_FATAL.exec(rest);
  // The server's file paths stay out of the message.
  if (fatal)
    return { ok: false, kind: 'php-fatal', detail: plain(`${fatal[1]}: ${fatal[2]}`).replace(/ in \/\S*.*$/, '') };
  try {
    const value: unknown = JSON.parse(rest);
    return notice ? { ok: true, value, notice } : { ok: true, value };
  } catch {
    const title = htmlTitle(rest);
    if (title) return { ok: false, kind: 'html', detail: title };
    return { ok: false, kind: 'cut', detail: 'JSON that does not parse' };
  }
}

function retryAfterMs(response: Response): number {
  const header = response.headers.get('retry-after');
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - Date.now());
}

function unreadable(
  label: string,
  method: string,
  status: number,
  read: { kind: 'cut' | 'html' | 'php-fatal'; detail: string },
): PlatformError {
  const maybe = method === 'post' ? ' (it may have been applied: re-sending finds it by its key)' : '';
  if (read.kind === 'cut')
    return new PlatformError(
      `Dolibarr ${label} answered ${status} with JSON cut short (${read.detail})${maybe}`,
      502,
      undefined,
      { retryable: true },
    );
  if (read.kind === 'php-fatal')
    return new PlatformError(
      `Dolibarr ${label} printed a PHP error instead of JSON (${read.detail}): see the server's PHP error log${maybe}`,
      502,
      undefined,
      { retryable: false },
    );
  return new PlatformError(
    `Dolibarr ${label} answered ${status} with an HTML page ("${read.detail}") instead of JSON: check DOLIBARR_URL and what stands in front of Dolibarr${maybe}`,
    502,
    undefined,
    { retryable: false },
  );
}

export function createDolibarrClient(options: DolibarrClientOptions): DolibarrClient {
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('DOLIBARR_API_KEY is required: the API key of a Dolibarr user');
  }
  const apiBase = apiBaseOf(options.url);
  const policy = resolveRetryPolicy(options.retry);
  const timeZone = options.timeZone ?? 'UTC';
  const secret = options.apiKey;
  const redact = (text: string) => text.split(secret).join('[redacted]');

  const headers: Record<string, string> = { DOLAPIKEY: secret, accept: 'application/json' };
  if (options.entity) headers.DOLAPIENTITY = options.entity;

  const http: KyInstance = ky.create({
    prefixUrl: apiBase,
    headers,
    timeout: options.timeoutMs ?? 30_000,
    throwHttpErrors: true,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: {
      limit: policy.limit,
      methods: policy.methods,
      statusCodes: policy.statusCodes,
      afterStatusCodes: policy.afterStatusCodes,
      maxRetryAfter: policy.maxRetryAfter,
      backoffLimit: policy.backoffLimit,
      delay: policy.delay,
      jitter: policy.jitter,
      retryOnTimeout: policy.retryOnTimeout,
      shouldRetry: ({ error }) => (error instanceof HTTPError && error.response.status === 401 ? false : undefined),
    },
  });

  // A POST is retried only when the server said it did nothing (429): never after a 5xx, a timeout or a
  // lost answer, any of which may hide a created record. ky merges per-call arrays into the instance's,
  // so the decision is made here, where a function replaces the instance's.
  const postRetry = {
    methods: ['post'],
    shouldRetry: ({ error }: { error: Error }) =>
      error instanceof HTTPError && policy.postStatusCodes.includes(error.response.status) ? undefined : false,
  };

  async function send<T>(method: 'get' | 'post' | 'put', path: string, query?: Query, body?: unknown): Promise<T> {
    const relative = path.replace(/^\/+/, '');
    const searchParams: Record<string, string> = {};
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) searchParams[key] = String(value);
    }
    const started = Date.now();
    const label = `${method.toUpperCase()} /${relative}`;
    try {
      for (let attempt = 1; ; attempt++) {
        const response = await http(relative, {
          method,
          searchParams,
          ...(body !== undefined ? { json: body } : {}),
          ...(method === 'post' ? { retry: postRetry } : {}),
        });
        options.onCall?.({
          method: method.toUpperCase(),
          path: `/${relative}`,
          status: response.status,
          ms: Date.now() - started,
        });
        const declared = response.headers.get('content-length');
        const text = await response.text();
        const read = readBody(text, declared && /^\d+$/.test(declared) ? Number(declared) : null);
        if (read.ok) {
          if (read.notice) options.onNotice?.(`Dolibarr ${label} printed PHP output before its JSON: ${read.notice}`);
          return read.value as T;
        }
        // A cut answer to a read or a PUT (which assigns the same fields again) is asked for again.
        if (read.kind === 'cut' && method !== 'post' && attempt <= policy.limit) {
          const backoff = Math.min(policy.delay(attempt), policy.backoffLimit);
          await new Promise((resolve) => setTimeout(resolve, policy.jitter ? Math.random() * backoff : backoff));
          continue;
        }
        throw unreadable(label, method, response.status, read);
      }
    } catch (error) {
      if (error instanceof HTTPError) {
        const status = error.response.status;
        options.onCall?.({ method: method.toUpperCase(), path: `/${relative}`, status, ms: Date.now() - started });
        const parsed = parseJson(await error.response.text().catch(() => ''));
        const message =
          restlerMessage(parsed) ??
          (typeof parsed === 'string' && htmlTitle(parsed) ? `an HTML page ("${htmlTitle(parsed)}")` : null);
        // Only Restler's error object travels on: its `debug` block names server files and stages.
        const bounded =
          typeof parsed === 'object' && parsed !== null ? { error: (parsed as RestlerError).error } : null;
        const text = redact(`Dolibarr ${label} answered ${status}${message ? `: ${message}` : ''}`);
        const scrubbed = JSON.parse(redact(JSON.stringify(bounded ?? null))) as unknown;
        if (status === 429) throw new PlatformThrottledError(text, retryAfterMs(error.response), scrubbed);
        throw new PlatformError(text, status, scrubbed);
      }
      options.onCall?.({ method: method.toUpperCase(), path: `/${relative}`, status: 0, ms: Date.now() - started });
      if (error instanceof PlatformError) throw error;
      if (error instanceof TimeoutError) {
        const maybe =
          method === 'post' ? ': it may have been applied, the item is found again by its key when re-sent' : '';
        throw new PlatformError(`Dolibarr ${label} timed out${maybe}`, 0, undefined, { retryable: true });
      }
      if (error instanceof Error && error.name === 'AbortError') throw error;
      const reason = error instanceof Error ? redact(error.message) : 'unknown error';
      throw new PlatformError(`Dolibarr ${label} could not be reached (${reason})`, 0, undefined, { retryable: true });
    }
  }

  let cachedVersion: Promise<DolibarrVersion> | null = null;
  const version = (): Promise<DolibarrVersion> => {
    cachedVersion ??= send<{ success?: { dolibarr_version?: unknown } }>('get', 'status')
      .then((answer) => parseDolibarrVersion(answer?.success?.dolibarr_version) ?? ASSUMED_VERSION)
      .catch((error: unknown) => {
        cachedVersion = null;
        throw error;
      });
    return cachedVersion;
  };

  return {
    apiBase,
    get: (path, query) => send('get', path, query),
    async getOrNull<T>(path: string, query?: Query): Promise<T | null> {
      try {
        return await send<T>('get', path, query);
      } catch (error) {
        if (error instanceof PlatformError && error.status === 404) return null;
        throw error;
      }
    },
    async list<T>(path: string, query?: Query): Promise<T[]> {
      try {
        const answer = await send<unknown>('get', path, query);
        if (Array.isArray(answer)) return answer as T[];
        const data = (answer as { data?: unknown } | null)?.data;
        if (Array.isArray(data)) return data as T[];
        if (answer === null) return [];
        // Some lists are JSON objects keyed by id.
        if (typeof answer === 'object') return Object.values(answer as Record<string, T>);
        throw new PlatformError(`Dolibarr GET ${path} answered a list that is not a list`, 502, null);
      } catch (error) {
        if (!(error instanceof PlatformError) || error.status !== 404) throw error;
        // Before 17 an empty list is a 404 "No product found"; an unknown route (module off) is a bare "Not Found".
        const message = restlerMessage(error.body) ?? '';
        if (/\bfound\b/i.test(message.replace(/^Not Found:?/i, ''))) return [];
        throw error;
      }
    },
    post: (path, body, query) => send('post', path, query, body ?? {}),
    put: (path, body) => send('put', path, undefined, body),
    version,
    async dialect() {
      return dialectFor(await version().catch(() => ASSUMED_VERSION), timeZone);
    },
    async whoami() {
      const user = await send<{ login?: unknown; entity?: unknown }>('get', 'users/info');
      return {
        login: typeof user?.login === 'string' ? user.login : 'unknown',
        entity: user?.entity === undefined || user.entity === null ? null : String(user.entity),
      };
    },
  };
}
