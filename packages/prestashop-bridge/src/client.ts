import { ValidationError } from '@passerelle/core';
import ky, { isHTTPError, isTimeoutError, type KyInstance } from 'ky';
import { createNodeTransport, type DirectAnswer, DirectTimeoutError, type NodeTransport } from './node-transport.js';
import { PrestashopError, type PrestashopFailure, type WebserviceErrorEntry } from './prestashop-error.js';
import { nodeOf, notWritableFields, type PsResource } from './resources.js';
import { type RetryPolicy, resolveRetryPolicy, toKyRetry } from './retry-policy.js';
import {
  buildEntityXml,
  isTranslated,
  type PsEntity,
  type PsFieldValue,
  type PsScalar,
  parseXml,
  xmlErrors,
} from './xml.js';

/** One object as the Webservice renders it in JSON. */
export type PsRow = Record<string, unknown>;

export interface PrestashopClientOptions {
  /** The shop's URL (`https://shop.example` or `https://shop.example/subfolder`); `/api` is added. */
  url: string;
  /** The 32-character webservice key. Sent as the Basic user name with an empty password, never in a URL. */
  key: string;
  /** Multi-store: the shop the calls act on (`id_shop`). @default the shop's default shop */
  shopId?: string | null;
  /** Multi-store: a shop group (`id_shop_group`), for reads across its shops. @default none */
  shopGroupId?: string | null;
  /** @default defaultRetryPolicy */
  retry?: Partial<RetryPolicy> | number;
  /** Per attempt, in milliseconds. @default 30_000 */
  timeoutMs?: number;
  /**
   * Partial updates: `auto` PATCHes on PrestaShop 8+ (from the `PSWS-Version` header) and falls back to
   * read-modify-write when a resource or the key refuses PATCH; `never` always reads, merges and PUTs.
   * @default 'auto'
   */
  patch?: 'auto' | 'always' | 'never';
  /**
   * Injected for embedders and tests. @default a keep-alive transport over `node:http`/`node:https`,
   * several times cheaper per call than the global `fetch` (PrestaShop syncs are thousands of small calls)
   */
  fetch?: typeof globalThis.fetch;
  /** @default 'passerelle-prestashop/0.1.0' */
  userAgent?: string;
}

/** What a list call asks for: `display`, `filter[...]`, `sort`, `limit=offset,count`, `date=1`, `language`. */
export interface ListQuery {
  /** `full`, or the fields to return (`['id', 'reference']`). @default ids only */
  display?: 'full' | readonly string[];
  /** Raw Webservice filter values, e.g. `{ id: '[1|2]', date_upd: '>[2024-01-01 00:00:00]' }`. */
  filter?: Record<string, string>;
  /** `['id_ASC']`. */
  sort?: readonly string[];
  limit?: number;
  offset?: number;
  /** `date=1`, which date filters and sorts need; set automatically when a filter or sort names a date. */
  date?: boolean;
  /** Language ids: translated fields come back in those languages only (one id: a plain string). */
  language?: string;
  /** Other query parameters (`sendemail=1`, `price[final][use_tax]=1`…). */
  params?: Record<string, string>;
}

export interface WriteParams {
  /** `sendemail=1` on `order_histories` and `order_carriers`. */
  sendEmail?: boolean;
}

/** What `GET /api/` says: the PrestaShop version, the shop's name and the key's rights per resource. */
export interface WebserviceDescription {
  version: string | null;
  shopName: string | null;
  /** Resource → allowed methods (`GET`, `PUT`, `POST`, `PATCH`, `DELETE`, `HEAD`). */
  permissions: Record<string, string[]>;
}

export interface ProductImageUpload {
  data: Blob;
  filename: string;
}

export interface PrestashopClient {
  /** `https://shop.example/api`. */
  readonly apiUrl: string;
  /** The shop's own URL (public images live under it). */
  readonly shopUrl: string;
  /** The PrestaShop version from the last `PSWS-Version` header; `null` until a call answered. */
  version(): string | null;
  shopContext(): { shopId: string | null; shopGroupId: string | null };
  setShopContext(context: { shopId?: string | null; shopGroupId?: string | null }): void;
  describe(): Promise<WebserviceDescription>;
  list(resource: PsResource, query?: ListQuery): Promise<PsRow[]>;
  /** One object; `null` when PrestaShop has no such id. */
  get(resource: PsResource, id: string): Promise<PsRow | null>;
  create(resource: PsResource, entity: PsEntity, params?: WriteParams): Promise<PsRow>;
  /** A partial update: PATCH with only these fields, or GET + merge + PUT where PATCH is unavailable. */
  update(resource: PsResource, id: string, entity: PsEntity, params?: WriteParams): Promise<PsRow>;
  /** A full PUT: every optional field this entity leaves out is blanked by PrestaShop. */
  replace(resource: PsResource, id: string, entity: PsEntity, params?: WriteParams): Promise<PsRow>;
  delete(resource: PsResource, ids: string | readonly string[]): Promise<void>;
  uploadProductImage(productId: string, image: ProductImageUpload): Promise<PsRow>;
  deleteProductImage(productId: string, imageId: string): Promise<void>;
  /** Closes the connections the client keeps open. */
  close(): void;
}

const MAX_ERROR_CHARS = 64 * 1024;
const MAX_MESSAGE_CHARS = 600;
const KEY_PATTERN = /^[A-Za-z0-9]{32}$/;
const WRITE_CONTENT_TYPE = 'text/xml; charset=utf-8';

type Expect = 'json' | 'xml' | 'none';

interface CallOptions {
  searchParams?: URLSearchParams;
  body?: string | FormData;
  expect: Expect;
}

interface Answer {
  status: number;
  text: string;
  contentType: string;
}

function normaliseUrl(url: string): { apiUrl: string; shopUrl: string } {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ValidationError('The PrestaShop URL is not a valid URL', [
      { path: 'url', message: 'Expected an absolute http(s) URL such as https://shop.example' },
    ]);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError('The PrestaShop URL must be http(s)', [
      { path: 'url', message: 'Expected http or https' },
    ]);
  }
  if (parsed.username || parsed.password || parsed.search) {
    throw new ValidationError('The PrestaShop URL must not carry credentials or a query', [
      { path: 'url', message: 'Pass the webservice key as `key`, not in the URL' },
    ]);
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  const shopPath = path.endsWith('/api') ? path.slice(0, -4) : path;
  const shopUrl = `${parsed.origin}${shopPath}`;
  return { apiUrl: `${shopUrl}/api`, shopUrl };
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/** A short description of a body that is not the JSON asked for: what a human needs to fix the shop. */
function describeUnreadable(text: string): { summary: string; errors: WebserviceErrorEntry[] } {
  const trimmed = text.trim();
  if (/^<\?xml|^<prestashop/i.test(trimmed)) {
    const errors = xmlErrors(trimmed);
    if (errors?.length) return { summary: 'an XML error body', errors };
    return {
      summary: 'XML instead of JSON (the output format was not honoured; a proxy dropping the Output-Format header?)',
      errors: [],
    };
  }
  const plain = trimmed.replace(/<[^>]*>/g, '');
  const notice = /\b(Notice|Warning|Deprecated|Fatal error|Parse error)\s*:\s*([^\n{[]{0,200})/i.exec(plain);
  if (notice) {
    return {
      summary: `a PHP ${notice[1]?.toLowerCase()} ("${(notice[2] ?? '').trim()}") instead of JSON: turn display_errors off on the shop`,
      errors: [],
    };
  }
  if (/^<!doctype html|^<html|<body/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]{0,160})<\/title>/i.exec(trimmed)?.[1]?.trim();
    return { summary: `an HTML page${title ? ` ("${title}")` : ''} instead of JSON`, errors: [] };
  }
  return { summary: `an unreadable body ("${trimmed.slice(0, 80)}")`, errors: [] };
}

function errorsFromBody(text: string): WebserviceErrorEntry[] {
  if (looksLikeJson(text)) {
    try {
      const parsed = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] };
      if (Array.isArray(parsed.errors)) {
        return parsed.errors.map((error) => ({
          code: typeof error.code === 'number' ? error.code : Number.parseInt(String(error.code ?? ''), 10) || null,
          message: String(error.message ?? ''),
        }));
      }
    } catch {
      return [];
    }
    return [];
  }
  return xmlErrors(text) ?? [];
}

function describeErrors(errors: WebserviceErrorEntry[]): string {
  return errors
    .map((error) => (error.code === null ? error.message : `${error.message} (code ${error.code})`))
    .join('; ');
}

/** The Webservice's JSON: a translated field is `[{ id, value }]` (several languages). */
function isTranslatedJson(value: unknown): value is { id: unknown; value: unknown }[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((entry) => typeof entry === 'object' && entry !== null && 'id' in entry && 'value' in entry)
  );
}

function rowText(value: unknown): PsScalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/** A full object read back as a write entity, without the fields a PUT refuses. */
function entityFromRow(resource: PsResource, row: PsRow): PsEntity {
  const skip = new Set(['associations', ...(notWritableFields[resource] ?? [])]);
  const fields: Record<string, PsFieldValue> = {};
  for (const [name, value] of Object.entries(row)) {
    if (skip.has(name)) continue;
    if (isTranslatedJson(value)) {
      fields[name] = {
        languages: Object.fromEntries(value.map((entry) => [String(entry.id), String(entry.value ?? '')])),
      };
    } else if (value === null || typeof value !== 'object') {
      fields[name] = rowText(value);
    }
  }
  return { fields };
}

function mergeEntity(base: PsEntity, change: PsEntity): PsEntity {
  const fields = { ...base.fields };
  for (const [name, value] of Object.entries(change.fields)) {
    const current = fields[name];
    fields[name] =
      isTranslated(value) && isTranslated(current)
        ? { languages: { ...current.languages, ...value.languages } }
        : isTranslated(value) && typeof current === 'string'
          ? // A one-language shop renders translated fields as plain strings: the change wins whole.
            value
          : value;
  }
  return { fields, ...(change.associations ? { associations: change.associations } : {}) };
}

/**
 * The Webservice client: JSON out, XML in, the key as the Basic user name, retries as data,
 * multi-store context on every call, and errors that say what PrestaShop said.
 */
export function createPrestashopClient(options: PrestashopClientOptions): PrestashopClient {
  const { apiUrl, shopUrl } = normaliseUrl(options.url);
  if (typeof options.key !== 'string' || !KEY_PATTERN.test(options.key)) {
    throw new ValidationError('The webservice key must be 32 letters or digits', [
      { path: 'key', message: 'PrestaShop keys are 32 characters long (Advanced Parameters > Webservice)' },
    ]);
  }
  const key = options.key;
  const policy = resolveRetryPolicy(options.retry);
  const patchMode = options.patch ?? 'auto';
  const timeoutMs = options.timeoutMs ?? 30_000;
  let shopId = options.shopId ?? null;
  let shopGroupId = options.shopGroupId ?? null;
  let version: string | null = null;
  const refusesPatch = new Set<string>();
  const transport = options.fetch ? null : createNodeTransport();

  // PrestaShop echoes the XML it could not parse (error 127): a customer's password must not travel on in an error.
  const redact = (text: string): string =>
    text
      .split(key)
      .join('[redacted]')
      .replace(/ws_key=[^&\s"']+/gi, 'ws_key=[redacted]')
      .replace(/<passwd>(?:(?!<\/passwd>)[\s\S])*(?:<\/passwd>|$)/gi, '<passwd>[redacted]</passwd>');

  const baseHeaders: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
    'output-format': 'JSON',
    'user-agent': options.userAgent ?? 'passerelle-prestashop/0.1.0',
  };
  // ky carries the calls an embedder's own `fetch` makes, and image uploads (multipart bodies).
  const api: KyInstance = ky.create({
    prefixUrl: apiUrl,
    timeout: timeoutMs,
    headers: baseHeaders,
    fetch: options.fetch ?? (transport as NonNullable<typeof transport>).fetch,
  });

  const fail = (
    failure: PrestashopFailure,
    method: string,
    path: string,
    status: number,
    message: string,
    errors: WebserviceErrorEntry[],
    retryable: boolean,
    cause?: unknown,
  ): PrestashopError =>
    new PrestashopError({
      message: redact(message).slice(0, MAX_MESSAGE_CHARS),
      status,
      failure,
      method,
      resource: path,
      errors: errors.map((error) => ({ code: error.code, message: redact(error.message).slice(0, MAX_MESSAGE_CHARS) })),
      retryable,
      ...(cause === undefined ? {} : { cause }),
    });

  const idempotent = (method: string) => policy.methods.includes(method.toLowerCase());

  const retryOptions = new Map<string, ReturnType<typeof toKyRetry>>();
  const retryFor = (method: string) => {
    let found = retryOptions.get(method);
    if (!found) {
      found = toKyRetry(policy, method);
      retryOptions.set(method, found);
    }
    return found;
  };

  const captureVersion = (response: Response) => {
    const header = response.headers.get('psws-version');
    if (header) version = header.trim();
  };

  const backoff = (attempt: number): number => {
    const computed = Math.min(policy.delay(attempt), policy.backoffLimit);
    if (policy.jitter === true) return Math.random() * computed;
    return typeof policy.jitter === 'function' ? Math.max(0, policy.jitter(computed)) : computed;
  };

  /**
   * One call, retried by ky on statuses, timeouts and network errors; and, for idempotent methods, on a
   * 2xx answer that is not JSON, which is often transient (a notice from a module mid-deploy, a WAF
   * page). A PHP notice printed before the JSON goes with PHP's default text/html type, so an answer
   * typed JSON is never read twice. This retry is done here rather than in a ky hook: a hook gets a
   * clone of every response, which doubles the cost of the thousands of small calls a sync makes.
   */
  async function call(method: string, path: string, callOptions: CallOptions): Promise<Answer> {
    const again = policy.retryUnreadable && callOptions.expect === 'json' && idempotent(method);
    for (let attempt = 0; ; attempt++) {
      const answer = await send(method, path, callOptions);
      const readable = answer.contentType.includes('json') || answer.text.trim() === '' || looksLikeJson(answer.text);
      if (!again || readable || attempt >= policy.limit) return answer;
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt + 1)));
    }
  }

  /** A non-2xx answer as the error the caller gets: what PrestaShop said, with the key and passwords masked. */
  function httpFailure(method: string, shown: string, status: number, body: string, location: string | null) {
    const text = body.slice(0, MAX_ERROR_CHARS);
    let errors = errorsFromBody(text);
    let detail = describeErrors(errors);
    if (status >= 300 && status < 400) {
      // Writes are not replayed across a redirect (it would turn them into GETs): the URL must be the final one.
      detail = `the shop redirects to ${location ?? 'another address'}: use its final URL (https, www)`;
    } else if (!detail && text.trim()) {
      const unreadable = describeUnreadable(text);
      errors = unreadable.errors;
      detail = describeErrors(errors) || unreadable.summary;
    }
    const lead =
      status === 401
        ? 'PrestaShop refused the webservice key'
        : status === 403
          ? 'PrestaShop refused this shop for the webservice key'
          : `PrestaShop ${method} ${shown} failed`;
    const retryable = status === 429 || status === 503 || (idempotent(method) && policy.statusCodes.includes(status));
    return fail('http', method, shown, status, `${lead} (${status})${detail ? `: ${detail}` : ''}`, errors, retryable);
  }

  const timeoutFailure = (method: string, shown: string) =>
    fail(
      'timeout',
      method,
      shown,
      0,
      `PrestaShop did not answer ${method} ${shown} within ${timeoutMs} ms`,
      [],
      idempotent(method),
    );

  function networkFailure(method: string, shown: string, error: unknown) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
    const reason = error instanceof Error ? (cause ?? error).message : 'unknown error';
    return fail(
      'network',
      method,
      shown,
      0,
      `PrestaShop could not be reached (${method} ${shown}): ${reason}`,
      [],
      idempotent(method),
      cause,
    );
  }

  /** `Retry-After` in milliseconds (seconds, an HTTP date, or an epoch timestamp), or null when absent or unreadable. */
  function retryAfterMs(value: string | undefined): number | null {
    if (!value) return null;
    let after = Number(value) * 1000;
    if (Number.isNaN(after)) after = Date.parse(value) - Date.now();
    else if (after >= Date.parse('2024-01-01')) after -= Date.now();
    return Number.isNaN(after) ? null : Math.max(0, after);
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function send(method: string, path: string, callOptions: CallOptions): Promise<Answer> {
    const shown = path === '' ? '/api/' : path;
    const searchParams = new URLSearchParams(callOptions.searchParams);
    if (callOptions.expect === 'json') searchParams.set('output_format', 'JSON');
    if (shopId) searchParams.set('id_shop', shopId);
    if (shopGroupId) searchParams.set('id_shop_group', shopGroupId);
    const headers: Record<string, string> = {};
    if (typeof callOptions.body === 'string') headers['content-type'] = WRITE_CONTENT_TYPE;
    if (callOptions.expect === 'xml') headers['output-format'] = 'XML';
    if (transport && typeof callOptions.body !== 'object') {
      return sendDirect(transport, method, path, shown, searchParams, headers, callOptions.body);
    }
    let response: Response;
    try {
      response = await api(path, {
        method,
        searchParams,
        headers,
        retry: retryFor(method),
        ...(callOptions.body === undefined ? {} : { body: callOptions.body }),
      });
    } catch (error) {
      if (isHTTPError(error)) {
        captureVersion(error.response);
        const text = await error.response.text().catch(() => '');
        // No `cause`: ky's error holds the request, and with it the Authorization header.
        throw httpFailure(method, shown, error.response.status, text, error.response.headers.get('location'));
      }
      if (isTimeoutError(error)) throw timeoutFailure(method, shown);
      throw networkFailure(method, shown, error);
    }
    captureVersion(response);
    return {
      status: response.status,
      text: await response.text(),
      contentType: response.headers.get('content-type') ?? '',
    };
  }

  /**
   * The same call over the keep-alive transport without ky: PrestaShop answers one object per call, and
   * ky's web `Request`/`Response` objects cost ten times the CPU of the call itself, which four writes in
   * flight cannot afford. The retry policy is the one ky applies on the other path: `methods` on
   * `statusCodes`, timeouts and network errors; a POST only on `postStatusCodes`; `Retry-After` honoured
   * for `afterStatusCodes`, and a longer one than `maxRetryAfter` fails the call at once.
   */
  async function sendDirect(
    via: NodeTransport,
    method: string,
    path: string,
    shown: string,
    searchParams: URLSearchParams,
    callHeaders: Record<string, string>,
    body: string | undefined,
  ): Promise<Answer> {
    const query = searchParams.toString();
    const url = new URL(`${apiUrl}/${path}${query ? `?${query}` : ''}`);
    const headers = { ...baseHeaders, ...callHeaders };
    const again = idempotent(method);
    const statuses = again ? policy.statusCodes : policy.postStatusCodes;
    for (let attempt = 0; ; attempt++) {
      let answer: DirectAnswer;
      try {
        answer = await via.direct({ method, url, headers, timeoutMs, ...(body === undefined ? {} : { body }) });
      } catch (error) {
        const timedOut = error instanceof DirectTimeoutError;
        if (again && attempt < policy.limit && (!timedOut || policy.retryOnTimeout)) {
          await sleep(backoff(attempt + 1));
          continue;
        }
        throw timedOut ? timeoutFailure(method, shown) : networkFailure(method, shown, error);
      }
      const header = answer.headers['psws-version'];
      if (header) version = header.trim();
      const { status } = answer;
      if (status >= 200 && status < 300) {
        return { status, text: answer.text, contentType: answer.headers['content-type'] ?? '' };
      }
      if (attempt < policy.limit && statuses.includes(status)) {
        const after = policy.afterStatusCodes.includes(status) ? retryAfterMs(answer.headers['retry-after']) : null;
        if (after === null || after <= policy.maxRetryAfter) {
          await sleep(after ?? backoff(attempt + 1));
          continue;
        }
      }
      throw httpFailure(method, shown, status, answer.text, answer.headers.location ?? null);
    }
  }

  function readJson(method: string, path: string, answer: Answer): unknown {
    const text = answer.text;
    if (text.trim() === '') return null;
    if (looksLikeJson(text)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // Falls through: a notice glued after the JSON makes it unreadable too.
      }
    }
    const unreadable = describeUnreadable(text);
    const detail = describeErrors(unreadable.errors) || unreadable.summary;
    throw fail(
      unreadable.errors.length ? 'http' : 'unreadable',
      method,
      path,
      answer.status,
      `PrestaShop ${method} ${path} answered ${answer.status} with ${detail}`,
      unreadable.errors,
      idempotent(method),
    );
  }

  function listParams(query: ListQuery): URLSearchParams {
    const params = new URLSearchParams();
    if (query.display) params.set('display', query.display === 'full' ? 'full' : `[${query.display.join(',')}]`);
    let needsDate = query.date === true;
    for (const [field, value] of Object.entries(query.filter ?? {})) {
      params.set(`filter[${field}]`, value);
      if (field === 'date_add' || field === 'date_upd') needsDate = true;
    }
    if (query.sort?.length) {
      params.set('sort', `[${query.sort.join(',')}]`);
      if (query.sort.some((entry) => /^date_(add|upd)_/.test(entry))) needsDate = true;
    }
    if (needsDate) params.set('date', '1');
    if (query.limit !== undefined)
      params.set('limit', query.offset ? `${query.offset},${query.limit}` : String(query.limit));
    if (query.language) params.set('language', query.language);
    for (const [name, value] of Object.entries(query.params ?? {})) params.set(name, value);
    return params;
  }

  function writeParams(params: WriteParams | undefined): URLSearchParams {
    const search = new URLSearchParams();
    if (params?.sendEmail) search.set('sendemail', '1');
    return search;
  }

  function singleRow(resource: PsResource, method: string, path: string, body: unknown): PsRow {
    const node = nodeOf(resource);
    const record = (body ?? {}) as Record<string, unknown>;
    const row = record[node] ?? (Array.isArray(record[resource]) ? (record[resource] as unknown[])[0] : undefined);
    if (row && typeof row === 'object') return row as PsRow;
    throw fail(
      'unreadable',
      method,
      path,
      200,
      `PrestaShop ${method} ${path} answered without a "${node}" object`,
      [],
      false,
    );
  }

  async function put(resource: PsResource, id: string, entity: PsEntity, params?: WriteParams): Promise<PsRow> {
    const path = `${resource}/${id}`;
    const body = buildEntityXml(nodeOf(resource), { ...entity, fields: { id, ...entity.fields } });
    const answer = await call('PUT', path, { body, expect: 'json', searchParams: writeParams(params) });
    return singleRow(resource, 'PUT', path, readJson('PUT', path, answer));
  }

  async function readModifyWrite(
    resource: PsResource,
    id: string,
    change: PsEntity,
    params?: WriteParams,
  ): Promise<PsRow> {
    const current = await client.get(resource, id);
    if (!current) {
      throw fail(
        'http',
        'GET',
        `${resource}/${id}`,
        404,
        `PrestaShop has no ${nodeOf(resource)} ${id}`,
        [{ code: 87, message: `Id(s) not exists: ${id}` }],
        false,
      );
    }
    return put(resource, id, mergeEntity(entityFromRow(resource, current), change), params);
  }

  function tryPatch(resource: PsResource): boolean {
    if (patchMode === 'never' || refusesPatch.has(resource)) return false;
    if (patchMode === 'always' || version === null) return true;
    const major = Number.parseInt(version, 10);
    return !Number.isFinite(major) || major >= 8;
  }

  const client: PrestashopClient = {
    apiUrl,
    shopUrl,
    version: () => version,
    shopContext: () => ({ shopId, shopGroupId }),
    setShopContext(context) {
      if (context.shopId !== undefined) shopId = context.shopId || null;
      if (context.shopGroupId !== undefined) shopGroupId = context.shopGroupId || null;
    },

    async describe() {
      const answer = await call('GET', '', { expect: 'xml' });
      const permissions: Record<string, string[]> = {};
      let shopName: string | null = null;
      try {
        const parsed = parseXml(answer.text);
        const apiNode = ((parsed.prestashop ?? {}) as Record<string, unknown>).api as
          | Record<string, unknown>
          | undefined;
        shopName = typeof apiNode?.['@_shopName'] === 'string' ? (apiNode['@_shopName'] as string) : null;
        for (const [name, node] of Object.entries(apiNode ?? {})) {
          if (name.startsWith('@_') || typeof node !== 'object' || node === null) continue;
          const attributes = node as Record<string, unknown>;
          permissions[name] = ['get', 'put', 'post', 'patch', 'delete', 'head']
            .filter((method) => attributes[`@_${method}`] === 'true')
            .map((method) => method.toUpperCase());
        }
      } catch {
        // The version header is what matters; a root listing PrestaShop did not render as XML just has no rights.
      }
      return { version, shopName, permissions };
    },

    async list(resource, query = {}) {
      const answer = await call('GET', resource, { searchParams: listParams(query), expect: 'json' });
      const body = readJson('GET', resource, answer);
      // An empty list is rendered as `[]`, not `{"products":[]}`.
      if (body === null || Array.isArray(body)) return [];
      const rows = (body as Record<string, unknown>)[resource];
      if (rows === undefined) return [];
      if (!Array.isArray(rows)) {
        throw fail(
          'unreadable',
          'GET',
          resource,
          answer.status,
          `PrestaShop GET ${resource} answered without a "${resource}" list`,
          [],
          true,
        );
      }
      return rows as PsRow[];
    },

    async get(resource, id) {
      const path = `${resource}/${encodeURIComponent(id)}`;
      try {
        const answer = await call('GET', path, { expect: 'json' });
        const body = readJson('GET', path, answer);
        return body === null ? null : singleRow(resource, 'GET', path, body);
      } catch (error) {
        if (error instanceof PrestashopError && error.failure === 'http' && error.status === 404) return null;
        throw error;
      }
    },

    async create(resource, entity, params) {
      const body = buildEntityXml(nodeOf(resource), entity);
      const answer = await call('POST', resource, { body, expect: 'json', searchParams: writeParams(params) });
      return singleRow(resource, 'POST', resource, readJson('POST', resource, answer));
    },

    async update(resource, id, entity, params) {
      if (!tryPatch(resource)) return readModifyWrite(resource, id, entity, params);
      const path = `${resource}/${id}`;
      const body = buildEntityXml(nodeOf(resource), { ...entity, fields: { id, ...entity.fields } });
      try {
        const answer = await call('PATCH', path, { body, expect: 'json', searchParams: writeParams(params) });
        return singleRow(resource, 'PATCH', path, readJson('PATCH', path, answer));
      } catch (error) {
        // 405: the key has no PATCH right on the resource (25), or the resource forbids it (101); 23: unknown method.
        const refused =
          error instanceof PrestashopError &&
          error.failure === 'http' &&
          (error.status === 405 || (error.status === 400 && error.hasCode(23)));
        if (!refused || patchMode === 'always') throw error;
        refusesPatch.add(resource);
        return readModifyWrite(resource, id, entity, params);
      }
    },

    replace: put,

    async delete(resource, ids) {
      const list = typeof ids === 'string' ? [ids] : [...ids];
      if (list.length === 0) return;
      const path = list.length === 1 ? `${resource}/${list[0]}` : resource;
      const searchParams = new URLSearchParams();
      if (list.length > 1) searchParams.set('id', `[${list.join(',')}]`);
      const answer = await call('DELETE', path, { searchParams, expect: 'json' });
      if (answer.text.trim() !== '') readJson('DELETE', path, answer);
    },

    async uploadProductImage(productId, image) {
      const path = `images/products/${productId}`;
      const form = new FormData();
      form.set('image', image.data, image.filename);
      const answer = await call('POST', path, { body: form, expect: 'json' });
      const body = readJson('POST', path, answer) as Record<string, unknown> | null;
      const row = body?.image;
      if (row && typeof row === 'object') return row as PsRow;
      throw fail(
        'unreadable',
        'POST',
        path,
        answer.status,
        `PrestaShop POST ${path} answered without an "image" object`,
        [],
        false,
      );
    },

    async deleteProductImage(productId, imageId) {
      await call('DELETE', `images/products/${productId}/${imageId}`, { expect: 'none' });
    },

    close() {
      transport?.close();
    },
  };
  return client;
}
