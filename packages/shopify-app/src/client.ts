import { type Logger, PlatformError, PlatformThrottledError } from '@passerelle/core';
import { createAdminApiClient } from '@shopify/admin-api-client';
import type { KyInstance } from 'ky';
import { SHOPIFY_API_VERSION } from './api-version.js';
import { abortableSleep, type CostLimiter, createCostLimiter, type ThrottleStatus } from './cost-limiter.js';
import { operationName } from './graphql/documents.js';
import { createHttp } from './http.js';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry-policy.js';

export type { RetryPolicy } from './retry-policy.js';

/** `extensions.cost` of a GraphQL answer. */
export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface ShopifyClientOptions {
  /** `x.myshopify.com`. */
  shop: string;
  /** The Admin API token, or a function resolving the current one (sessions whose tokens expire). */
  accessToken: string | (() => Promise<string>);
  /** @default SHOPIFY_API_VERSION ('2026-07') */
  apiVersion?: string;
  /** Called once on a 401: renew the token (client credentials); resolve true when a new one is ready. */
  onUnauthorized?: () => Promise<boolean>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** One limiter per shop; shared when several clients talk to one shop. @default a new one */
  limiter?: CostLimiter;
  /** @default setTimeout-based */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger?: Logger;
  /**
   * Longest wait for one answer, per attempt (the body included). A call without an answer by then is
   * a lost answer: replayed only when idempotent, like a 5xx.
   * @default 60_000
   */
  timeoutMs?: number;
}

/**
 * A mutation whose answer was lost (a timeout, a 5xx, a cut or unreadable answer) and that is not
 * idempotent: Shopify may have applied it, so it is not sent again. Writers check what happened
 * before they report the item (a product created, a fulfillment made) instead of sending it twice.
 */
export class ShopifyUnknownOutcomeError extends PlatformError {
  readonly outcome = 'unknown' as const;
}

/** Whether an error says a mutation may have been applied although no answer said so. */
export function outcomeUnknown(error: unknown): error is ShopifyUnknownOutcomeError {
  return error instanceof ShopifyUnknownOutcomeError;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface RequestOptions {
  signal?: AbortSignal;
  /** Safe to replay after a 5xx or a lost answer. Queries and `@idempotent` mutations are, by default. */
  idempotent?: boolean;
}

export interface ClientStats {
  calls: number;
  throttled: number;
  retries: number;
  /** Sum of `actualQueryCost`. */
  cost: number;
}

/** The GraphQL transport of one shop: cost-aware, retrying, never exposing the token. */
export interface ShopifyClient {
  readonly shop: string;
  readonly apiVersion: string;
  readonly limiter: CostLimiter;
  readonly http: KyInstance;
  readonly stats: ClientStats;
  /** The API version Shopify last answered with (`X-Shopify-API-Version`); differs when a version fell forward. */
  servedVersion(): string | null;
  /** Runs one operation and resolves to its `data`; top-level errors reject with a PlatformError. */
  request<T>(document: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
}

interface GraphqlError {
  message?: string;
  extensions?: { code?: string; [key: string]: unknown };
}

const DEFAULT_QUERY_COST = 50;
const MUTATION_COST = 10;

function isMutation(document: string): boolean {
  return /^\s*(#graphql\s+)?mutation\b/.test(document);
}

function codeOf(errors: GraphqlError[]): string | undefined {
  return errors.find((error) => typeof error.extensions?.code === 'string')?.extensions?.code;
}

/** One attempt's signal: the caller's, plus the client's own timeout. */
function attemptSignal(outer: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

/** The title (or first words) of an HTML page that came instead of JSON: what the reason quotes. */
async function htmlTitle(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1] ?? '';
  return title
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}

/** Error details safe to keep: messages and codes only, bounded, never headers or the request. */
function boundedErrors(errors: GraphqlError[]): { message: string; code?: string }[] {
  return errors.slice(0, 5).map((error) => ({
    message: String(error.message ?? 'error').slice(0, 300),
    ...(typeof error.extensions?.code === 'string' ? { code: error.extensions.code } : {}),
  }));
}

export function createShopifyClient(options: ShopifyClientOptions): ShopifyClient {
  const apiVersion = options.apiVersion ?? SHOPIFY_API_VERSION;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? abortableSleep;
  const limiter = options.limiter ?? createCostLimiter({ sleep });
  const logger = options.logger;
  const stats: ClientStats = { calls: 0, throttled: 0, retries: 0, cost: 0 };
  const expectedCost = new Map<string, number>();
  const clients = new Map<string, ReturnType<typeof createAdminApiClient>>();
  let served: string | null = null;
  let warnedVersion = false;

  const token = async (): Promise<string> =>
    typeof options.accessToken === 'string' ? options.accessToken : options.accessToken();

  // The admin client bakes the token into its headers, so one is kept per token (a renewed token gets its own).
  const adminClient = (accessToken: string) => {
    let client = clients.get(accessToken);
    if (!client) {
      clients.clear();
      client = createAdminApiClient({
        storeDomain: options.shop,
        apiVersion,
        accessToken,
        retries: 0,
        userAgentPrefix: 'Passerelle',
        ...(options.fetch
          ? { customFetchApi: (url, init) => (options.fetch as typeof fetch)(url, init as RequestInit) }
          : {}),
        logger: (log) => {
          if (log.type === 'HTTP-Response-GraphQL-Deprecation-Notice') {
            logger?.warn('Shopify deprecation notice', { shop: options.shop, notice: log.content.deprecationNotice });
          }
        },
      });
      clients.set(accessToken, client);
    }
    return client;
  };

  const fail = (message: string, status: number, body?: unknown, retryable?: boolean): PlatformError =>
    new PlatformError(
      scrub(`Shopify ${options.shop}: ${message}`),
      status,
      body,
      retryable === undefined ? {} : { retryable },
    );

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let lastToken = '';
  /** A message never carries the token, whatever a lower layer put in it. */
  const scrub = (text: string) => (lastToken.length >= 8 ? text.split(lastToken).join('[redacted]') : text);

  async function request<T>(
    document: string,
    variables?: Record<string, unknown>,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const mutation = isMutation(document);
    const idempotent = requestOptions.idempotent ?? (!mutation || document.includes('@idempotent('));
    const operation = operationName(document);
    const { signal } = requestOptions;
    let httpRetries = 0;
    let throttledRetries = 0;
    let renewed = false;
    // Bounded: every pass either returns, throws, or spends one of the finite retry budgets.
    for (;;) {
      const cost = expectedCost.get(document) ?? (mutation ? MUTATION_COST : DEFAULT_QUERY_COST);
      await limiter.acquire(cost, signal);
      let response: Awaited<ReturnType<ReturnType<typeof createAdminApiClient>['request']>>;
      let html: string | null = null;
      const attempt = attemptSignal(signal, timeoutMs);
      try {
        stats.calls++;
        lastToken = await token();
        response = await adminClient(lastToken).request(document, {
          ...(variables ? { variables } : {}),
          signal: attempt.signal,
        });
        // An HTML page instead of JSON (a proxy's 502, Shopify's outage page): its title says what happened.
        const failed = response.errors?.response;
        if (failed && /html/i.test(failed.headers.get('content-type') ?? '')) html = await htmlTitle(failed);
      } finally {
        attempt.clear();
        limiter.release(cost);
      }
      const extensionsCost = (response.extensions as { cost?: QueryCost } | undefined)?.cost;
      if (extensionsCost?.throttleStatus) limiter.update(extensionsCost.throttleStatus);
      const version = response.headers?.get('x-shopify-api-version') ?? null;
      if (version) {
        served = version;
        if (version !== apiVersion && !warnedVersion) {
          warnedVersion = true;
          logger?.warn('Shopify answered with another API version than the pinned one', {
            shop: options.shop,
            pinned: apiVersion,
            served: version,
          });
        }
      }

      const errors = response.errors;
      if (!errors) {
        if (extensionsCost) {
          expectedCost.set(document, extensionsCost.requestedQueryCost);
          stats.cost += extensionsCost.actualQueryCost ?? 0;
        }
        return response.data as T;
      }

      const status = errors.networkStatusCode ?? 0;
      const graphqlErrors = (errors.graphQLErrors ?? []) as GraphqlError[];
      const code = codeOf(graphqlErrors);
      if (code === 'THROTTLED') {
        stats.throttled++;
        const requested = extensionsCost?.requestedQueryCost ?? cost;
        expectedCost.set(document, requested);
        const wait = Math.max(limiter.waitFor(requested), backoffDelay(policy, throttledRetries + 1));
        if (throttledRetries >= policy.throttledLimit) {
          throw new PlatformThrottledError(
            `Shopify ${options.shop}: ${operation}: throttled by Shopify (THROTTLED, query cost ${requested}) after ${throttledRetries} retries`,
            wait,
            { errors: boundedErrors(graphqlErrors) },
          );
        }
        throttledRetries++;
        stats.retries++;
        await sleep(wait, signal);
        continue;
      }
      if (code === 'MAX_COST_EXCEEDED') {
        throw fail(
          `query ${operation} costs more than Shopify allows`,
          200,
          { errors: boundedErrors(graphqlErrors) },
          false,
        );
      }
      if (graphqlErrors.length > 0 && status === 200) {
        // Shopify's crash report: the operation may or may not have run.
        const crashed = code === 'INTERNAL_SERVER_ERROR';
        if (crashed && idempotent && httpRetries < policy.limit) {
          httpRetries++;
          stats.retries++;
          await sleep(backoffDelay(policy, httpRetries), signal);
          continue;
        }
        const first = `${operation}: ${String(graphqlErrors[0]?.message ?? 'GraphQL error').slice(0, 300)}`;
        if (crashed && mutation && !idempotent)
          throw unknownOutcome(first, 200, { errors: boundedErrors(graphqlErrors) });
        throw fail(first, 200, { errors: boundedErrors(graphqlErrors) }, crashed && idempotent);
      }
      // The caller gave up: its abort, not a failure of Shopify's.
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      if (status === 401 && options.onUnauthorized && !renewed) {
        renewed = true;
        if (await options.onUnauthorized()) continue;
      }
      const timedOut = status === 0 && attempt.timedOut();
      // No usable answer: the request may have been run by Shopify (a timeout, a 5xx, a cut or HTML answer).
      const lost = status === 0 || status === 200 || status >= 500;
      const what = timedOut
        ? `no answer within ${timeoutMs} ms`
        : html !== null
          ? `${status === 200 ? '' : `HTTP ${status}: `}an HTML page${html ? ` ("${html}")` : ''} instead of JSON`
          : status === 200
            ? `the answer was cut short or unreadable (${(errors.message ?? '').replace(/^GraphQL Client: /, '').slice(0, 200)})`
            : describeStatus(status, errors.message);
      const retryAfter = parseRetryAfter(errors.response?.headers.get('retry-after') ?? null);
      const statusRetryable = status === 0 || status === 200 || policy.statusCodes.includes(status);
      if (statusRetryable && (idempotent || status === 429) && httpRetries < policy.limit) {
        const wait =
          retryAfter !== null && policy.afterStatusCodes.includes(status)
            ? retryAfter
            : backoffDelay(policy, httpRetries + 1);
        if (wait <= policy.maxRetryAfter) {
          httpRetries++;
          stats.retries++;
          await sleep(wait, signal);
          continue;
        }
      }
      const retried = httpRetries > 0 ? ` (after ${httpRetries} ${httpRetries === 1 ? 'retry' : 'retries'})` : '';
      if (status === 429) {
        throw new PlatformThrottledError(
          scrub(
            `Shopify ${options.shop}: ${operation}: too many requests (HTTP 429${retryAfter !== null ? `, Retry-After ${retryAfter} ms` : ''})${retried}`,
          ),
          retryAfter ?? 1000,
        );
      }
      if (lost && mutation && !idempotent) throw unknownOutcome(`${operation}: ${what}`, status);
      throw fail(`${operation}: ${what}${retried}`, status, undefined, statusRetryable && idempotent);
    }
  }

  /** A lost answer to a mutation that cannot be replayed: the item is checked, never sent twice blindly. */
  const unknownOutcome = (message: string, status: number, body?: unknown) =>
    new ShopifyUnknownOutcomeError(
      scrub(`Shopify ${options.shop}: ${message}; it may have been applied, so it was not sent again`),
      status,
      body,
      { retryable: false },
    );

  return {
    shop: options.shop,
    apiVersion,
    limiter,
    http: createHttp(policy, options.fetch),
    stats,
    servedVersion: () => served,
    request,
  };
}

/** Plain words per status (shopify.dev "status and error codes"); the raw message never carries the token. */
function describeStatus(status: number, message: string | undefined): string {
  switch (status) {
    case 0:
      return `unreachable (${(message ?? 'network error').replace(/^GraphQL Client: /, '').slice(0, 200)})`;
    case 401:
      return 'the access token was refused (401): reinstall the app or renew the credentials';
    case 402:
      return 'the shop is frozen (402 Payment Required)';
    case 403:
      return 'access denied (403): the app lacks a scope for this call';
    case 404:
      return 'not found (404): check the shop domain and the API version';
    case 423:
      return 'the shop is locked (423)';
    default:
      return `HTTP ${status}${message ? ` (${message.replace(/^GraphQL Client: /, '').slice(0, 200)})` : ''}`;
  }
}
