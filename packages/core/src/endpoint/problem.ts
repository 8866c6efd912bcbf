import { z } from 'zod';
import {
  type FieldIssue,
  PasserelleError,
  type PasserelleErrorCode,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors/index.js';
import { redactText } from '../journal/redact-secrets.js';
import { MAX_BODY_BYTES, STORE_UNAVAILABLE_RETRY_AFTER_SECONDS } from './limits.js';

/** Base of every problem `type` URI; the code is appended (`.../problems/validation`). */
export const PROBLEM_TYPE_BASE = 'https://passerelle.dev/problems/';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem document as the endpoint sends it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Field-level issues of a `validation` problem; paths are dotted (`items.3.price`). */
  errors?: FieldIssue[];
  /** What the module can do instead, on a `not-supported` problem. */
  capabilities?: unknown;
  /** The HTTP status the platform answered, on a `platform` problem. */
  platformStatus?: number;
  /** Whether the same request may succeed later. */
  retryable?: boolean;
}

interface ProblemKind {
  status: number;
  title: string;
}

const KINDS: Record<PasserelleErrorCode, ProblemKind> = {
  validation: { status: 422, title: 'Invalid request' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'idempotency-conflict': { status: 409, title: 'Idempotency key reused' },
  'not-supported': { status: 501, title: 'Not supported' },
  'not-configured': { status: 503, title: 'Not configured' },
  'store-unavailable': { status: 503, title: 'Store unavailable' },
  'not-found': { status: 404, title: 'Not found' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  platform: { status: 502, title: 'Platform error' },
  internal: { status: 500, title: 'Internal error' },
};

const INTERNAL_DETAIL = 'An unexpected error occurred. The module journal has the details.';
const PLATFORM_SUMMARY_CHARS = 200;
const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>]+/gi;
const CONTROL_CHARS = /\p{Cc}+/gu;

/** Reads one own property of an error without trusting its class (it may come from another realm). */
function member(error: object, name: string): unknown {
  return (error as Record<string, unknown>)[name];
}

function retryAfterSeconds(ms: unknown): number | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  // Never 0: a client told to retry at once hammers a module that has just said "too many".
  return Math.max(1, Math.ceil(ms / 1000));
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof member(value, 'path') === 'string' &&
    typeof member(value, 'message') === 'string'
  );
}

/**
 * A platform's message may quote its response body or the URL called (PrestaShop puts `ws_key` in
 * the query string): keep a short, single-line summary with URLs cut to origin and path.
 */
function summarisePlatformMessage(message: string): string {
  const oneLine = message
    .replace(URL_PATTERN, (url) => {
      try {
        const parsed = new URL(url);
        return `${parsed.origin}${parsed.pathname}`;
      } catch {
        return '[url]';
      }
    })
    .replace(CONTROL_CHARS, ' ')
    .trim();
  return oneLine.length > PLATFORM_SUMMARY_CHARS ? `${oneLine.slice(0, PLATFORM_SUMMARY_CHARS - 1)}…` : oneLine;
}

function response(problem: ProblemDocument, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/**
 * The one place an error becomes an HTTP answer (RFC 9457). A `PasserelleError` is mapped by its
 * code; anything else is a 500 whose detail is generic, because an unknown error's message may
 * hold a secret (a connection string, a header echoed by a library).
 */
export function problemResponse(error: unknown, instance?: string): Response {
  const known = PasserelleError.is(error) && error.code in KINDS ? error : null;
  const code: PasserelleErrorCode = known ? known.code : 'internal';
  const kind = KINDS[code];
  const problem: ProblemDocument = {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: kind.title,
    status: kind.status,
    detail: known && code !== 'internal' ? known.message : INTERNAL_DETAIL,
  };
  if (instance !== undefined) problem.instance = instance;
  const headers: Record<string, string> = {};

  if (known) {
    switch (code) {
      case 'validation': {
        const issues = member(known, 'issues');
        problem.errors = Array.isArray(issues)
          ? issues.filter(isFieldIssue).map(({ path, message }) => ({ path, message }))
          : [];
        break;
      }
      case 'unauthorized':
        headers['www-authenticate'] = 'Bearer realm="passerelle"';
        break;
      case 'rate-limited': {
        const seconds = retryAfterSeconds(member(known, 'retryAfterMs'));
        if (seconds !== undefined) headers['retry-after'] = String(seconds);
        break;
      }
      case 'not-supported':
        problem.capabilities = member(known, 'capabilities') ?? null;
        break;
      case 'store-unavailable':
        headers['retry-after'] = String(STORE_UNAVAILABLE_RETRY_AFTER_SECONDS);
        break;
      case 'platform': {
        const status = member(known, 'status');
        problem.detail = summarisePlatformMessage(redactText(known.message));
        if (typeof status === 'number') problem.platformStatus = status;
        problem.retryable = known.retryable;
        const seconds = retryAfterSeconds(member(known, 'retryAfterMs'));
        if (seconds !== undefined) headers['retry-after'] = String(seconds);
        break;
      }
      default:
        break;
    }
  }
  return response(problem, headers);
}

function joinPath(prefix: string, segments: readonly PropertyKey[]): string {
  const parts = segments.map((segment) => String(typeof segment === 'symbol' ? segment.description : segment));
  return [prefix, ...parts].filter((part) => part !== '').join('.');
}

/**
 * Turns zod issues into the endpoint's field issues with dotted paths (`items.3.price`). An unknown
 * key becomes one issue per key, at the key's own path, so the client sees which field to remove.
 */
export function zodIssuesToFieldIssues(error: { issues: readonly z.core.$ZodIssue[] }, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: joinPath(prefix, [...issue.path, key]), message: 'unknown field' });
      }
      continue;
    }
    issues.push({ path: joinPath(prefix, issue.path), message: issue.message });
  }
  return issues;
}

function mediaTypeIsJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [essence = '', ...parameters] = contentType.split(';');
  if (essence.trim().toLowerCase() !== 'application/json') return false;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    // JSON is UTF-8 (RFC 8259); a body declared in another charset would be decoded wrongly.
    if (name.trim().toLowerCase() === 'charset' && value.trim().replace(/^"|"$/g, '').toLowerCase() !== 'utf-8') {
      return false;
    }
  }
  return true;
}

/**
 * Reads a request body into memory, refusing it as soon as the stream passes `maxBytes`: the count
 * is taken on the bytes received, so a missing or lying `Content-Length` cannot get a bigger body in.
 */
export async function readBodyBytes(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^[0-9]+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw new PayloadTooLargeError(maxBytes);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function malformedJson(cause?: unknown): ValidationError {
  return new ValidationError('The request body is not valid JSON.', [{ path: '', message: 'malformed JSON' }], {
    cause,
  });
}

/**
 * Parses already-read body bytes as UTF-8 JSON and validates them with `schema`. Used directly when
 * the bytes were read once for an HMAC check; {@link parseJsonBody} otherwise.
 */
/**
 * Parses synchronously when the schema allows it: zod runs its compiled fast path for objects only in a
 * synchronous parse, which makes a batch of 500 products about twice as quick to validate. A schema with an
 * asynchronous refinement or transform makes the synchronous parse throw before it answers; it is then parsed
 * asynchronously, as before, so every schema is checked exactly as fully either way.
 */
function safeParseFast<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.ZodSafeParseResult<z.output<S>> | Promise<z.ZodSafeParseResult<z.output<S>>> {
  try {
    return schema.safeParse(value);
  } catch (error) {
    if (error instanceof z.core.$ZodAsyncError) return schema.safeParseAsync(value);
    throw error;
  }
}

export async function parseJsonBytes<S extends z.ZodType>(bytes: Uint8Array, schema: S): Promise<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw malformedJson(cause);
  }
  const result = await safeParseFast(schema, value);
  if (!result.success) {
    throw new ValidationError('The request body is invalid.', zodIssuesToFieldIssues(result.error));
  }
  return result.data;
}

/**
 * Reads a JSON request body: 415 unless it is `application/json`, 413 past {@link MAX_BODY_BYTES},
 * 422 with path `''` when it is not JSON, and 422 with every field issue when `schema` refuses it.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  if (!mediaTypeIsJson(request.headers.get('content-type'))) {
    await request.body?.cancel().catch(() => undefined);
    throw new UnsupportedMediaTypeError(['application/json']);
  }
  const bytes = await readBodyBytes(request, options.maxBytes ?? MAX_BODY_BYTES);
  return parseJsonBytes(bytes, schema);
}
