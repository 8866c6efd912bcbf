import ky, { type BeforeRequestHook, isHTTPError, isTimeoutError } from 'ky';
import { PasserelleClientError } from './errors/passerelle-client-error.js';
import { PasserelleHttpError } from './errors/passerelle-http-error.js';
import { PasserelleNetworkError } from './errors/passerelle-network-error.js';
import { PasserelleProtocolError } from './errors/passerelle-protocol-error.js';
import { PasserelleTimeoutError } from './errors/passerelle-timeout-error.js';
import { SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './hmac-signature.js';
import { parseRetryAfter } from './retry-after.js';
import { type RetryPolicy, toKyRetryOptions } from './retry-policy.js';
import type { FieldIssue, Problem } from './types.js';

export interface TransportOptions {
  /** Resolved base URL, without a trailing slash. */
  baseUrl: string;
  password: string;
  hmacSecret: string | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch: typeof globalThis.fetch | undefined;
  userAgent: string;
  /** Unix time in milliseconds; injected so a test can sign with a chosen timestamp. */
  now: () => number;
}

export interface TransportCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Relative to the base URL, starting with a slash: `/orders/acknowledge`. */
  route: string;
  searchParams?: URLSearchParams;
  /** Sent as JSON. */
  body?: unknown;
  idempotencyKey?: string;
  /** Send no credentials (only `GET /health` needs none, and should not get them). */
  anonymous?: boolean;
  signal?: AbortSignal | undefined;
}

export type Transport = <T>(call: TransportCall) => Promise<T>;

/** Largest error body read for its problem document; anything bigger is not one. */
const MAX_PROBLEM_CHARS = 64 * 1024;
/** Shorter secrets are not searched for in messages: redacting them would mangle ordinary text. */
const MIN_REDACTED_SECRET_LENGTH = 4;
const REDACTED = '[redacted]';

/** The one place requests are sent: credentials, signature, retries, and errors mapped to the client's own. */
export function createTransport(options: TransportOptions): Transport {
  const secrets = [options.password, options.hmacSecret].filter(
    (secret): secret is string => secret !== undefined && secret.length >= MIN_REDACTED_SECRET_LENGTH,
  );
  const redact = (text: string): string =>
    secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);

  // Runs before every attempt, retries included, so an HMAC timestamp is fresh after a long Retry-After.
  const authenticate: BeforeRequestHook = (request, normalized) => {
    if (normalized.context.anonymous === true) return;
    request.headers.set('authorization', `Bearer ${options.password}`);
    if (options.hmacSecret === undefined) return;
    const timestamp = String(Math.floor(options.now() / 1000));
    const rawBody = typeof normalized.context.rawBody === 'string' ? normalized.context.rawBody : '';
    request.headers.set(TIMESTAMP_HEADER, timestamp);
    request.headers.set(SIGNATURE_HEADER, signPayload(options.hmacSecret, timestamp, rawBody));
  };

  const api = ky.create({
    prefixUrl: options.baseUrl,
    timeout: options.timeoutMs,
    retry: toKyRetryOptions(options.retry),
    headers: { accept: 'application/json', 'user-agent': options.userAgent },
    hooks: { beforeRequest: [authenticate] },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const origin = new URL(options.baseUrl).origin;

  return async <T>(call: TransportCall): Promise<T> => {
    const rawBody = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers: Record<string, string> = {};
    if (rawBody !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;

    let response: Response;
    try {
      response = await api(call.route.slice(1), {
        method: call.method,
        headers,
        ...(rawBody === undefined ? {} : { body: rawBody }),
        ...(call.searchParams === undefined || call.searchParams.size === 0 ? {} : { searchParams: call.searchParams }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
        context: { rawBody: rawBody ?? '', anonymous: call.anonymous === true },
      });
    } catch (error) {
      throw await translateError(error, call, { origin, timeoutMs: options.timeoutMs, redact });
    }
    return readJson<T>(response, call);
  };
}

async function readJson<T>(response: Response, call: TransportCall): Promise<T> {
  const text = response.status === 204 ? '' : await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new PasserelleProtocolError(
      `${call.method} ${call.route} answered ${response.status} with a body that is not JSON`,
      {
        cause,
      },
    );
  }
}

interface ErrorContext {
  origin: string;
  timeoutMs: number;
  redact: (text: string) => string;
}

/**
 * ky's own errors are not passed on: they hold the request, and the request holds the password. The
 * client's errors keep the method, the route and what the module answered, nothing else.
 */
async function translateError(error: unknown, call: TransportCall, context: ErrorContext): Promise<unknown> {
  if (isHTTPError(error)) {
    const problem = await readProblem(error.response, context.redact);
    const retryAfterMs = parseRetryAfter(error.response.headers.get('retry-after'));
    return new PasserelleHttpError({ method: call.method, route: call.route, problem, retryAfterMs });
  }
  if (isTimeoutError(error)) {
    return new PasserelleTimeoutError(
      `${call.method} ${call.route} got no answer from ${context.origin} within ${context.timeoutMs} ms`,
      context.timeoutMs,
    );
  }
  // The caller aborted: hand back their own abort reason, untouched.
  if (call.signal?.aborted === true) return error;
  if (PasserelleClientError.is(error)) return error;
  if (error instanceof TypeError || systemErrorCode(error) !== undefined) {
    const code = systemErrorCode(error);
    const reason = code ?? context.redact(error instanceof Error ? error.message : String(error));
    return new PasserelleNetworkError(
      `${call.method} ${call.route} could not reach ${context.origin} (${reason})`,
      code,
      { cause: error },
    );
  }
  return error;
}

/** `ECONNREFUSED` and the like, on the error or (as undici wraps them in `fetch failed`) on its causes. */
function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

async function readProblem(response: Response, redact: (text: string) => string): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  let text: string;
  try {
    text = await response.text();
  } catch {
    return fallback;
  }
  if (text.length > MAX_PROBLEM_CHARS) return fallback;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fallback;
  const members = body as Record<string, unknown>;
  const problem: Problem = {
    ...members,
    type: typeof members.type === 'string' ? members.type : fallback.type,
    title: redact(typeof members.title === 'string' ? members.title : fallback.title),
    // The status line is what happened; a body's `status` could disagree (a proxy rewriting one).
    status: response.status,
  };
  const detail =
    typeof members.detail === 'string'
      ? members.detail
      : typeof members.message === 'string'
        ? members.message
        : undefined;
  if (detail === undefined) delete problem.detail;
  else problem.detail = redact(detail);
  if (members.errors !== undefined) problem.errors = readIssues(members.errors, redact);
  return problem;
}

function readIssues(value: unknown, redact: (text: string) => string): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  const issues: FieldIssue[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { path, message } = entry as Record<string, unknown>;
    if (typeof message !== 'string') continue;
    issues.push({ path: typeof path === 'string' ? redact(path) : '', message: redact(message) });
  }
  return issues;
}
