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
}

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
      `Shopify ${options.shop}: ${message}`,
      status,
      body,
      retryable === undefined ? {} : { retryable },
    );

  async function request<T>(
    document: string,
    variables?: Record<string, unknown>,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const mutation = isMutation(document);
    const idempotent = requestOptions.idempotent ?? (!mutation || document.includes('@idempotent('));
    const { signal } = requestOptions;
    let httpRetries = 0;
    let throttledRetries = 0;
    let renewed = false;
    // Bounded: every pass either returns, throws, or spends one of the finite retry budgets.
    for (;;) {
      const cost = expectedCost.get(document) ?? (mutation ? MUTATION_COST : DEFAULT_QUERY_COST);
      await limiter.acquire(cost, signal);
      let response: Awaited<ReturnType<ReturnType<typeof createAdminApiClient>['request']>>;
      try {
        stats.calls++;
        response = await adminClient(await token()).request(document, {
          ...(variables ? { variables } : {}),
          ...(signal ? { signal } : {}),
        });
      } finally {
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
          throw new PlatformThrottledError(`Shopify ${options.shop}: throttled (query cost ${requested})`, wait, {
            errors: boundedErrors(graphqlErrors),
          });
        }
        throttledRetries++;
        stats.retries++;
        await sleep(wait, signal);
        continue;
      }
      if (code === 'MAX_COST_EXCEEDED') {
        throw fail(
          `query ${operationName(document)} costs more than Shopify allows`,
          200,
          { errors: boundedErrors(graphqlErrors) },
          false,
        );
      }
      if (graphqlErrors.length > 0 && status === 200) {
        const retryable = code === 'INTERNAL_SERVER_ERROR' && idempotent;
        if (retryable && httpRetries < policy.limit) {
          httpRetries++;
          stats.retries++;
          await sleep(backoffDelay(policy, httpRetries), signal);
          continue;
        }
        const first = graphqlErrors[0]?.message ?? 'GraphQL error';
        throw fail(
          `${operationName(document)}: ${String(first).slice(0, 300)}`,
          200,
          { errors: boundedErrors(graphqlErrors) },
          retryable,
        );
      }
      if (status === 401 && options.onUnauthorized && !renewed) {
        renewed = true;
        if (await options.onUnauthorized()) continue;
      }
      const retryAfter = parseRetryAfter(errors.response?.headers.get('retry-after') ?? null);
      const statusRetryable = status === 0 || policy.statusCodes.includes(status);
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
      if (status === 429) {
        throw new PlatformThrottledError(`Shopify ${options.shop}: too many requests`, retryAfter ?? 1000);
      }
      throw fail(describeStatus(status, errors.message), status, undefined, statusRetryable && idempotent);
    }
  }

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
