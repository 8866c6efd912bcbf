import { MAX_BATCH, MAX_LIMIT } from '../endpoint/limits.js';
import { resolveBaseUrl } from './base-url.js';
import { PasserelleProtocolError } from './errors/passerelle-protocol-error.js';
import { paginate, toPage } from './paginate.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import { createTransport, type Transport } from './transport.js';
import type {
  AcknowledgeInput,
  CallOptions,
  ChangeListParams,
  ClientTypes,
  Configuration,
  CustomerListParams,
  DefaultClientTypes,
  Health,
  ItemResult,
  IterateParams,
  JournalListParams,
  ListParams,
  ModuleInfo,
  OpenApiDocument,
  Page,
  ResetRequest,
  ResetResult,
  WriteOptions,
  WriteResult,
} from './types.js';
import { sendInChunks } from './write-chunks.js';

export interface ClientOptions {
  /**
   * The module's endpoint: `http://127.0.0.1:8787/passerelle/v1`, or its origin (the prefix is appended).
   * @example 'https://shop.example/passerelle/v1'
   */
  baseUrl: string;
  /** The endpoint password, sent as `Authorization: Bearer <password>` and never in a URL. */
  password: string;
  /** Also sign every request (`X-Passerelle-Timestamp`, `X-Passerelle-Signature`), for hosts that strip `Authorization`. */
  hmacSecret?: string;
  /**
   * Time allowed to each attempt, in milliseconds. Generous, because a write of 500 items goes
   * through the platform's API item by item where it has no batch endpoint.
   * @default 60_000
   */
  timeoutMs?: number;
  /** Overrides of {@link defaultRetryPolicy}, field by field; a number sets `limit` only (`0` = no retry). */
  retry?: Partial<RetryPolicy> | number;
  /** A `fetch` to send requests with (a proxy agent, a test double). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** @default '@passerelle/core/client' */
  userAgent?: string;
  /** Unix time in milliseconds, for HMAC timestamps. @default Date.now */
  now?: () => number;
}

/** Reads of one resource: a page, every page, every item. */
export interface Listing<T, P extends ListParams = ListParams> {
  /** One page; pass its `nextCursor` back as `cursor` for the next. */
  list(params?: P): Promise<Page<T>>;
  /** Every page from `cursor` (or the start) to the end, for callers that checkpoint the cursor. */
  pages(params?: IterateParams<P>): AsyncGenerator<Page<T>, void, undefined>;
  /** Every item from `cursor` (or the start) to the end, following `nextCursor`. */
  iterate(params?: IterateParams<P>): AsyncGenerator<T, void, undefined>;
}

export type BatchWrite<I> = (items: readonly I[], options?: WriteOptions) => Promise<WriteResult>;

export interface PasserelleClient<T extends ClientTypes = DefaultClientTypes> {
  /** The endpoint's base URL in use (`.../passerelle/v1`). */
  readonly baseUrl: string;
  /** `GET /health`, the only route sent without credentials. */
  health(options?: CallOptions): Promise<Health>;
  /** `GET /info`: protocol, module and platform versions, capabilities, sync health. */
  info(options?: CallOptions): Promise<ModuleInfo>;
  /** `GET /configuration`: order states, payment modules, carriers, taxes... to map against. */
  configuration(options?: CallOptions): Promise<Configuration>;
  /** `GET /openapi.json`. */
  openapi(options?: CallOptions): Promise<OpenApiDocument>;
  orders: {
    /** `GET /orders`: one page of the transfer queue. */
    list(params?: ListParams): Promise<Page<T['order']>>;
    pages(params?: IterateParams<ListParams>): AsyncGenerator<Page<T['order']>, void, undefined>;
    /** Every order waiting in the transfer queue: `for await (const order of client.orders.pending())`. */
    pending(params?: IterateParams<ListParams>): AsyncGenerator<T['order'], void, undefined>;
    /** `GET /orders/{id}`. */
    get(id: string, options?: CallOptions): Promise<T['order']>;
    /** `POST /orders/acknowledge`: takes orders out of the queue (idempotent). */
    acknowledge: BatchWrite<AcknowledgeInput>;
    /** `POST /orders/reset`: puts acknowledged orders back in the queue. */
    reset(request: ResetRequest, options?: WriteOptions): Promise<ResetResult>;
    /** `POST /orders/status`: status, tracking number, carrier, document number. */
    setStatus: BatchWrite<T['orderStatusUpdate']>;
  };
  /** `GET /changes`: the change journal, every create, update and delete in sequence order. */
  changes: Listing<T['change'], ChangeListParams>;
  customers: Listing<T['customer'], CustomerListParams> & {
    /** `PUT /customers`. */
    put: BatchWrite<T['customerInput']>;
    /** `POST /customers/activation`. */
    setActive: BatchWrite<T['activationInput']>;
  };
  products: Listing<T['product']> & {
    /** `PUT /products`. */
    put: BatchWrite<T['productInput']>;
    /** `POST /products/activation`. */
    setActive: BatchWrite<T['activationInput']>;
  };
  stock: Listing<T['stockLevel']> & {
    /** `PUT /stock`: absolute quantities per location. */
    put: BatchWrite<T['stockInput']>;
  };
  categories: Listing<T['category']> & {
    /** `PUT /categories`. */
    put: BatchWrite<T['categoryInput']>;
  };
  invoices: Listing<T['invoice']>;
  payments: Listing<T['payment']>;
  prices: {
    /** `PUT /prices`. */
    put: BatchWrite<T['priceInput']>;
  };
  customerGroups: {
    /** `PUT /customer-groups`. */
    put: BatchWrite<T['customerGroupInput']>;
  };
  /** `GET /journal`: the activity log. */
  journal: Listing<T['journalEntry'], JournalListParams>;
  /** Writes a module on the ERP side (Dolibarr) accepts. */
  erp: {
    /** `PUT /orders`. */
    putOrders: BatchWrite<T['erpOrderInput']>;
    /** `PUT /invoices`. */
    putInvoices: BatchWrite<T['invoiceInput']>;
    /** `PUT /payments`. */
    putPayments: BatchWrite<T['paymentInput']>;
  };
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** ky refuses a longer timeout (a 32-bit timer). */
const MAX_TIMEOUT_MS = 2_147_483_647;
const DEFAULT_USER_AGENT = '@passerelle/core/client';

/**
 * A typed client of a Passerelle module's endpoint (DESIGN §4), for the remote side (the ERP/CRM
 * cloud). Reads follow cursors, writes are split at the batch limit and carry an `Idempotency-Key`,
 * and every request is retried by {@link RetryPolicy}.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8787', password: process.env.PASSERELLE_PASSWORD! });
 * for await (const order of client.orders.pending()) {
 *   await client.orders.acknowledge([{ id: order.id }]);
 * }
 */
export function createClient<T extends ClientTypes = DefaultClientTypes>(options: ClientOptions): PasserelleClient<T> {
  if (typeof options.password !== 'string' || options.password === '') {
    throw new TypeError('password is required: every route but /health is authenticated');
  }
  if (options.hmacSecret !== undefined && (typeof options.hmacSecret !== 'string' || options.hmacSecret === '')) {
    throw new TypeError('hmacSecret, when given, must be a non-empty string');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new RangeError(`timeoutMs must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const send = createTransport({
    baseUrl,
    password: options.password,
    hmacSecret: options.hmacSecret,
    timeoutMs,
    retry: resolveRetryPolicy(options.retry),
    fetch: options.fetch,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    now: options.now ?? Date.now,
  });

  const get = <R>(route: string, callOptions: CallOptions = {}, searchParams?: URLSearchParams) =>
    send<R>({ method: 'GET', route, searchParams, signal: callOptions.signal });

  const listing = <E, P extends ListParams>(route: string, query: (params: P) => URLSearchParams): Listing<E, P> => {
    const list = async (params: P = {} as P) => toPage<E>(await get<unknown>(route, params, query(params)), route);
    const pages = (params: IterateParams<P> = {} as IterateParams<P>) => {
      const { pageSize, ...rest } = params;
      return paginate<E>((cursor) => list({ ...rest, limit: pageSize, cursor } as unknown as P), params.cursor);
    };
    async function* iterate(params?: IterateParams<P>) {
      for await (const page of pages(params)) yield* page.items;
    }
    return { list, pages, iterate };
  };

  const batchWrite =
    <I>(method: 'PUT' | 'POST', route: string): BatchWrite<I> =>
    async (items, writeOptions = {}) => {
      const { results } = await sendInChunks(items, writeOptions, async (chunk, idempotencyKey) => {
        const answer = await send<unknown>({
          method,
          route,
          body: { items: chunk },
          idempotencyKey,
          signal: writeOptions.signal,
        });
        return { answer, results: toResults(answer, chunk.length, `${method} ${route}`) };
      });
      return { results };
    };

  const orders = listing<T['order'], ListParams>('/orders', pageQuery);

  return {
    baseUrl,
    health: (callOptions) =>
      send<Health>({ method: 'GET', route: '/health', anonymous: true, signal: callOptions?.signal }),
    info: (callOptions) => get<ModuleInfo>('/info', callOptions),
    configuration: (callOptions) => get<Configuration>('/configuration', callOptions),
    openapi: (callOptions) => get<OpenApiDocument>('/openapi.json', callOptions),
    orders: {
      list: orders.list,
      pages: orders.pages,
      pending: orders.iterate,
      get: async (id, callOptions) => {
        if (typeof id !== 'string' || id === '') throw new TypeError('order id must be a non-empty string');
        return get<T['order']>(`/orders/${encodeURIComponent(id)}`, callOptions);
      },
      acknowledge: batchWrite<AcknowledgeInput>('POST', '/orders/acknowledge'),
      reset: (request, writeOptions = {}) => resetOrders(send, request, writeOptions),
      setStatus: batchWrite<T['orderStatusUpdate']>('POST', '/orders/status'),
    },
    changes: listing<T['change'], ChangeListParams>('/changes', (params) => {
      const query = pageQuery(params);
      if (params.entities !== undefined && params.entities.length > 0) query.set('entities', params.entities.join(','));
      return query;
    }),
    customers: {
      ...listing<T['customer'], CustomerListParams>('/customers', (params) => {
        const query = pageQuery(params);
        if (params.since !== undefined) query.set('since', isoDate(params.since));
        if (params.withoutOrders === true) query.set('withoutOrders', 'true');
        return query;
      }),
      put: batchWrite<T['customerInput']>('PUT', '/customers'),
      setActive: batchWrite<T['activationInput']>('POST', '/customers/activation'),
    },
    products: {
      ...listing<T['product'], ListParams>('/products', pageQuery),
      put: batchWrite<T['productInput']>('PUT', '/products'),
      setActive: batchWrite<T['activationInput']>('POST', '/products/activation'),
    },
    stock: {
      ...listing<T['stockLevel'], ListParams>('/stock', pageQuery),
      put: batchWrite<T['stockInput']>('PUT', '/stock'),
    },
    categories: {
      ...listing<T['category'], ListParams>('/categories', pageQuery),
      put: batchWrite<T['categoryInput']>('PUT', '/categories'),
    },
    invoices: listing<T['invoice'], ListParams>('/invoices', pageQuery),
    payments: listing<T['payment'], ListParams>('/payments', pageQuery),
    prices: { put: batchWrite<T['priceInput']>('PUT', '/prices') },
    customerGroups: { put: batchWrite<T['customerGroupInput']>('PUT', '/customer-groups') },
    journal: listing<T['journalEntry'], JournalListParams>('/journal', (params) => {
      const query = pageQuery(params);
      for (const name of ['level', 'kind', 'outcome'] as const) {
        const value = params[name];
        if (value !== undefined) query.set(name, value);
      }
      return query;
    }),
    erp: {
      putOrders: batchWrite<T['erpOrderInput']>('PUT', '/orders'),
      putInvoices: batchWrite<T['invoiceInput']>('PUT', '/invoices'),
      putPayments: batchWrite<T['paymentInput']>('PUT', '/payments'),
    },
  };
}

function pageQuery(params: ListParams): URLSearchParams {
  const query = new URLSearchParams();
  if (params.cursor !== undefined) {
    if (typeof params.cursor !== 'string' || params.cursor === '')
      throw new TypeError('cursor must be a non-empty string');
    query.set('cursor', params.cursor);
  }
  if (params.limit !== undefined) {
    // Refused here rather than by the module: a bad page size is the caller's bug, not worth a request.
    if (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > MAX_LIMIT) {
      throw new RangeError(`limit (or pageSize) must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    query.set('limit', String(params.limit));
  }
  return query;
}

function isoDate(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError('since must be a valid date or ISO 8601 string');
  return date.toISOString();
}

/** The `results` of a write answer: one per item sent, or the results cannot be matched to the items. */
function toResults(answer: unknown, expected: number, call: string): ItemResult[] {
  const results = typeof answer === 'object' && answer !== null ? (answer as { results?: unknown }).results : undefined;
  if (!Array.isArray(results)) throw new PasserelleProtocolError(`${call} answered without a results array`);
  if (results.length !== expected) {
    throw new PasserelleProtocolError(`${call} answered ${results.length} results for ${expected} items`);
  }
  return results as ItemResult[];
}

/**
 * `{ all: true }` is one request; `{ ids }` is split at the batch limit like any write, and the
 * answers merged (`results` concatenated, `reset` counts added).
 */
async function resetOrders(send: Transport, request: ResetRequest, options: WriteOptions): Promise<ResetResult> {
  const route = '/orders/reset';
  if ('all' in request) {
    if (request.all !== true) throw new TypeError('reset takes { ids: [...] } or { all: true }');
    const { answers } = await sendInChunks([request], options, async (_chunk, idempotencyKey) => ({
      answer: await send<ResetResult>({
        method: 'POST',
        route,
        body: { all: true },
        idempotencyKey,
        signal: options.signal,
      }),
      results: [],
    }));
    return answers[0] ?? {};
  }
  if (!Array.isArray(request.ids) || request.ids.some((id) => typeof id !== 'string' || id === '')) {
    throw new TypeError('reset ids must be non-empty strings');
  }
  const { answers, results } = await sendInChunks(
    request.ids,
    options,
    async (ids, idempotencyKey) => {
      const answer = await send<ResetResult>({
        method: 'POST',
        route,
        body: { ids },
        idempotencyKey,
        signal: options.signal,
      });
      return { answer, results: Array.isArray(answer?.results) ? answer.results : [] };
    },
    MAX_BATCH,
  );
  if (answers.length === 0) return { results: [] };
  if (answers.length === 1) return answers[0] ?? {};
  const merged: ResetResult = {};
  if (answers.every((answer) => Array.isArray(answer?.results))) merged.results = results;
  if (answers.every((answer) => typeof answer?.reset === 'number')) {
    merged.reset = answers.reduce((sum, answer) => sum + (answer.reset ?? 0), 0);
  }
  return merged;
}
