import { createHmac, randomBytes } from 'node:crypto';
import { type FieldNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { delay, HttpResponse, http, type RequestHandler } from 'msw';
import { SHOPIFY_API_VERSION } from '../src/api-version.js';
import { loadAdminSchema } from './admin-schema.js';
import { createEngine } from './fake/engine.js';
import { addManyProducts, type SeedTools, seedDemo, seedLocations } from './fake/seed.js';
import type { FakeBulkOperation, FakeShopState } from './fake/state.js';
import type { FakeContext } from './fake/views.js';

/** One GraphQL call the fake answered, for tests and the benchmark to count. */
export interface FakeCall {
  shop: string;
  operation: string;
  kind: 'query' | 'mutation' | 'invalid';
  rootFields: string[];
  requestedCost: number;
  actualCost: number | null;
  throttled: boolean;
  status: number;
  validationErrors: string[];
  /** The injected fault that answered (or spoiled the answer of) this call. */
  fault?: FakeFault['kind'];
}

export interface FakeShopOptions {
  /** `x.myshopify.com`; a unique one is made when absent. */
  domain?: string;
  seed?: 'demo' | 'empty';
  /** Extra simple products `SKU-00001`… (benchmark catalogues). */
  manyProducts?: number;
  /** The plan's bucket: Standard 100 pts/s (default, bucket 2,000), Plus 1,000 pts/s… */
  restoreRate?: number;
  maximumAvailable?: number;
  currency?: string;
  taxesIncluded?: boolean;
}

export interface FakeApp {
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export interface FakeFailure {
  status: number;
  /** `Retry-After` header value. */
  retryAfter?: string;
  /** How many calls it answers. @default 1 */
  times?: number;
}

/**
 * What an injected fault does to a GraphQL call, as Shopify (or what stands in front of it) does it.
 * `applied`: whether Shopify ran the operation before the answer went wrong; a lost answer to a
 * mutation that ran is what makes a blind replay create twice.
 */
export type FakeFault =
  /** An HTTP error with Shopify's JSON body (429 `Exceeded … calls per second`, 5xx `Internal Server Error`). */
  | { kind: 'status'; status: number; retryAfter?: string; applied?: boolean }
  /** An HTML page instead of JSON: a proxy's `502 Bad Gateway`, Shopify's own "service unavailable" page. */
  | { kind: 'html'; status: number; retryAfter?: string; applied?: boolean }
  /** HTTP 200 with a top-level `INTERNAL_SERVER_ERROR` and a request id, as the GraphQL API reports a crash. */
  | { kind: 'internal'; applied?: boolean }
  /** HTTP 200 with `THROTTLED` and the cost extensions, whatever the bucket holds: another app drained it. */
  | { kind: 'throttled' }
  /** No answer: held until the client gives up (or `ms`). @default applied true, ms 5_000 */
  | { kind: 'timeout'; applied?: boolean; ms?: number }
  /** The operation runs and its JSON answer is cut in the middle (a dropped connection). */
  | { kind: 'truncated' }
  /** The mutation's payload with these `userErrors` and nothing applied (a refusal by Shopify's rules). */
  | { kind: 'userErrors'; userErrors: { field: string[] | null; message: string; code?: string }[] };

/** What a queued fault is matched against: the call's operation name, root fields and variables. */
export interface FakeFaultCall {
  operation: string;
  rootFields: string[];
  variables: Record<string, unknown>;
}

export interface FakeFaultOptions {
  /** A root field (`inventorySetQuantities`) or an operation name (`PasserelleInventorySet`); every call when absent. */
  operation?: string;
  match?: (call: FakeFaultCall) => boolean;
  /** Matching calls let through before the fault answers (the second chunk of a batch: 1). @default 0 */
  skip?: number;
  /** How many matching calls it answers. @default 1 */
  times?: number;
}

interface QueuedFault {
  fault: FakeFault;
  options: FakeFaultOptions;
  skip: number;
  remaining: number;
}

/** Shopify's pages for an outage: what a client gets instead of JSON when the edge or a proxy answers. */
const HTML_PAGES: Record<number, { title: string; body: string }> = {
  502: {
    title: '502 Bad Gateway',
    body: '<h1>502 Bad Gateway</h1><hr><center>nginx</center>',
  },
  503: {
    title: 'Shopify - Service Unavailable',
    body: '<h1>Service unavailable</h1><p>There was a problem loading this website. Please try again in a few minutes.</p>',
  },
  504: {
    title: '504 Gateway Time-out',
    body: '<h1>504 Gateway Time-out</h1><p>The server didn&#39;t respond in time.</p>',
  },
};

function htmlPage(status: number): string {
  const page = HTML_PAGES[status] ?? { title: `Error ${status}`, body: `<h1>Error ${status}</h1>` };
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${page.title}</title></head><body>${page.body}</body></html>\n`;
}

/** The operation name and root fields of a request body, parsed only when a fault is queued. */
function describeCall(body: Record<string, unknown> | null): FakeFaultCall | null {
  if (!body || typeof body.query !== 'string') return null;
  try {
    const operation = parse(body.query).definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation) return null;
    return {
      operation: operation.name?.value ?? 'anonymous',
      rootFields: operation.selectionSet.selections.flatMap((selection) =>
        selection.kind === Kind.FIELD ? [selection.name.value] : [],
      ),
      variables: (body.variables ?? {}) as Record<string, unknown>,
    };
  } catch {
    return null;
  }
}

/** A mutation payload holding only `userErrors` (every other selected field null), as a refused mutation answers. */
function userErrorsPayload(query: string, userErrors: unknown[]): Record<string, unknown> {
  const operation = parse(query).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const root = operation?.selectionSet.selections.find(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD,
  );
  if (!root) return {};
  const payload = Object.fromEntries(
    (root.selectionSet?.selections ?? []).flatMap((selection) =>
      selection.kind === Kind.FIELD
        ? [
            [
              selection.alias?.value ?? selection.name.value,
              /userErrors$/i.test(selection.name.value) ? userErrors : null,
            ],
          ]
        : [],
    ),
  );
  return { [root.alias?.value ?? root.name.value]: payload };
}

/** Waits `ms`, or less when the client goes away first; resolves whether it went away. */
function hang(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

interface IssuedToken {
  shop: string;
  clientId: string | null;
  expiresAt: number | null;
}

const BULK_HOST = 'https://storage.googleapis.com/fake-shopify-bulk';
const GRAPHQL_URL = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)\/admin\/api\/([^/]+)\/graphql\.json$/;
const TOKEN_URL = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)\/admin\/oauth\/access_token$/;
const BULK_URL = /^https:\/\/storage\.googleapis\.com\/fake-shopify-bulk\/([^/]+)\/(\d+)\.jsonl$/;

let shopCounter = 0;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Shopify's HMAC over an OAuth query: the other parameters sorted and URL-encoded, hex (doc: shopify.dev "verify a request"). */
export function signQuery(params: Record<string, string>, secret: string): string {
  const sorted = new URLSearchParams();
  for (const key of Object.keys(params)
    .filter((name) => name !== 'hmac' && name !== 'signature')
    .sort())
    sorted.append(key, params[key] as string);
  return createHmac('sha256', secret).update(sorted.toString().replace(/\+/g, '%20')).digest('hex');
}

/**
 * A stateful Shopify for msw: the Admin GraphQL API (validated against the official 2026-07 schema,
 * executed against each shop's own state, with cost accounting and THROTTLED answers), the OAuth token
 * endpoint (authorization code, client credentials, token exchange) and bulk-export downloads.
 */
export interface FakeShopify {
  handlers: RequestHandler[];
  schema: ReturnType<typeof loadAdminSchema>;
  calls: FakeCall[];
  downloads: { shop: string; operation: string }[];
  tokenRequests: { shop: string; grantType: string }[];
  options: { bulkPollsToComplete: number };
  addShop(options?: FakeShopOptions): FakeShopState & { token: string };
  shop(domain: string): FakeShopState;
  removeShop(domain: string): void;
  issueToken(shop: string, clientId?: string | null, expiresInSeconds?: number | null): string;
  registerApp(app: FakeApp): FakeApp;
  failNext(domain: string, failure: FakeFailure): void;
  /** Queues a fault for the shop's next GraphQL calls that match (by operation, predicate, after `skip` of them). */
  fault(domain: string, fault: FakeFault, options?: FakeFaultOptions): void;
  /** Faults still queued for a shop (a test checks its faults were all used). */
  pendingFaults(domain: string): number;
  clearFaults(domain: string): void;
  count(field: string, domain?: string): number;
  resetCalls(): void;
  authorize(input: { shop: string; clientId: string; redirectUri: string; state: string; scope: string }): string;
  installUrl(appUrl: string, shop: string, clientId: string): string;
  sessionToken(input: {
    shop: string;
    clientId: string;
    userId?: string;
    expiresInSeconds?: number;
    secret?: string;
  }): string;
  webhook(input: {
    url: string;
    shop: string;
    topic: string;
    payload: unknown;
    secret: string;
    eventId?: string;
    webhookId?: string;
    rawBody?: string;
  }): Request;
  touchProduct(domain: string, reference: string): string | null;
  /** Revokes every token of a shop (an uninstall, a rotated secret). */
  revokeTokens(domain: string): void;
  stamp(): string;
}

export function createFakeShopify(
  options: { bulkPollsToComplete?: number; now?: () => number; latencyMs?: number } = {},
): FakeShopify {
  const schema = loadAdminSchema();
  const engine = createEngine(schema);
  const shops = new Map<string, FakeShopState>();
  const apps = new Map<string, FakeApp>();
  const tokens = new Map<string, IssuedToken>();
  const codes = new Map<string, { shop: string; clientId: string; scope: string }>();
  const faults = new Map<string, QueuedFault[]>();
  const calls: FakeCall[] = [];
  const downloads: { shop: string; operation: string }[] = [];
  const tokenRequests: { shop: string; grantType: string }[] = [];
  const now = options.now ?? Date.now;
  let lastStamp = 0;
  const fake = {
    bulkPollsToComplete: options.bulkPollsToComplete ?? 2,
  };

  /** Strictly increasing timestamps, so two writes in one millisecond still order. */
  const stamp = () => {
    lastStamp = Math.max(now(), lastStamp + 1);
    return new Date(lastStamp).toISOString();
  };

  const contextFor = (shop: FakeShopState): FakeContext => ({
    shop,
    bulk: false,
    now: stamp,
    newId: (type) => `gid://shopify/${type}/${shop.nextId++}`,
    bulkUrl: (operation: FakeBulkOperation) => `${BULK_HOST}/${shop.domain}/${operation.id.split('/').pop()}.jsonl`,
    bulkPollsToComplete: fake.bulkPollsToComplete,
  });

  function addShop(shopOptions: FakeShopOptions = {}): FakeShopState & { token: string } {
    shopCounter++;
    const domain = shopOptions.domain ?? `fake-shop-${shopCounter}-${randomBytes(3).toString('hex')}.myshopify.com`;
    const maximumAvailable = shopOptions.maximumAvailable ?? 2000;
    const shop: FakeShopState = {
      domain,
      name: `Passerelle Demo ${shopCounter}`,
      currency: shopOptions.currency ?? 'USD',
      presentmentCurrencies: ['USD', 'EUR', 'CAD'],
      taxesIncluded: shopOptions.taxesIncluded ?? false,
      locale: 'en',
      timezone: 'America/New_York',
      locations: [],
      products: new Map(),
      variants: new Map(),
      inventoryItems: new Map(),
      levels: new Map(),
      customers: new Map(),
      orders: new Map(),
      bulkOperations: new Map(),
      webhookSubscriptions: [],
      idempotency: new Map(),
      bucket: { maximumAvailable, restoreRate: shopOptions.restoreRate ?? 100, available: maximumAvailable, at: now() },
      // Ids differ between shops, so data leaking from one shop to another is visible.
      nextId: shopCounter * 10_000_000 + 1,
    };
    const tools: SeedTools = {
      newId: (type) => `gid://shopify/${type}/${shop.nextId++}`,
      ago: (minutes) => new Date(now() - minutes * 60_000).toISOString(),
    };
    seedLocations(shop, tools);
    if ((shopOptions.seed ?? 'demo') === 'demo') seedDemo(shop, tools);
    if (shopOptions.manyProducts) addManyProducts(shop, tools, shopOptions.manyProducts);
    shops.set(domain, shop);
    const token = issueToken(domain);
    return Object.assign(shop, { token });
  }

  function issueToken(shop: string, clientId: string | null = null, expiresInSeconds: number | null = null): string {
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    tokens.set(token, {
      shop,
      clientId,
      expiresAt: expiresInSeconds === null ? null : now() + expiresInSeconds * 1000,
    });
    return token;
  }

  const shopOf = (domain: string): FakeShopState => {
    const shop = shops.get(domain);
    if (!shop) throw new Error(`fake Shopify: no shop ${domain}`);
    return shop;
  };

  const graphql = http.post(GRAPHQL_URL, async ({ request }) => {
    if (options.latencyMs) await delay(options.latencyMs);
    const match = GRAPHQL_URL.exec(request.url) as RegExpExecArray;
    const domain = match[1] as string;
    const shop = shops.get(domain);
    const headers = { 'X-Shopify-API-Version': SHOPIFY_API_VERSION, 'Content-Type': 'application/json' };
    const record = (call: Partial<FakeCall>) =>
      calls.push({
        shop: domain,
        operation: 'unknown',
        kind: 'invalid',
        rootFields: [],
        requestedCost: 0,
        actualCost: null,
        throttled: false,
        status: 200,
        validationErrors: [],
        ...call,
      });
    if (!shop) {
      record({ status: 404 });
      return HttpResponse.json({ errors: 'Not Found' }, { status: 404, headers });
    }
    const text = await request.text();
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const queued = takeFault(domain, body);
    const fault = queued?.fault;
    const described = queued?.call;
    const faultCall = {
      operation: described?.operation ?? 'unknown',
      kind: 'invalid' as const,
      rootFields: described?.rootFields ?? [],
      ...(fault ? { fault: fault.kind } : {}),
    };
    const failWith = (status: number, retryAfter?: string, html = false): Response => {
      const failureHeaders = {
        'X-Shopify-API-Version': SHOPIFY_API_VERSION,
        ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
      };
      if (html) {
        return new HttpResponse(htmlPage(status), {
          status,
          headers: { ...failureHeaders, 'Content-Type': 'text/html; charset=utf-8' },
        });
      }
      return HttpResponse.json(
        {
          errors:
            status === 429
              ? 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.'
              : 'Internal Server Error',
        },
        { status, headers: { ...failureHeaders, 'Content-Type': 'application/json' } },
      );
    };
    // Faults that answer for Shopify before it runs anything: its edge, a proxy, a throttle.
    if (fault && (fault.kind === 'status' || fault.kind === 'html') && !fault.applied) {
      record({ ...faultCall, status: fault.status });
      return failWith(fault.status, fault.retryAfter, fault.kind === 'html');
    }
    if (fault?.kind === 'timeout' && fault.applied === false) {
      // Held before Shopify runs anything: when the client gives up, nothing ran.
      if (await hang(fault.ms ?? 5_000, request.signal)) {
        record({ ...faultCall, status: 0 });
        return HttpResponse.json({ errors: 'client went away' }, { status: 499 });
      }
    }
    const token = tokens.get(request.headers.get('x-shopify-access-token') ?? '');
    if (!token || token.shop !== domain || (token.expiresAt !== null && token.expiresAt < now())) {
      record({ status: 401 });
      return HttpResponse.json(
        { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
        { status: 401, headers },
      );
    }
    if (!body) {
      record({ status: 400 });
      return HttpResponse.json(
        { errors: { query: 'Required parameter missing or invalid' } },
        { status: 400, headers },
      );
    }
    if (fault?.kind === 'userErrors' && typeof body.query === 'string') {
      record({ ...faultCall, kind: 'mutation' });
      return HttpResponse.json({ data: userErrorsPayload(body.query, fault.userErrors) }, { headers });
    }
    if (fault?.kind === 'internal' && !fault.applied) {
      record({ ...faultCall, kind: 'mutation' });
      return HttpResponse.json({ errors: [internalError()] }, { headers });
    }
    const answer = engine.execute(contextFor(shop), body, now(), { throttle: fault?.kind === 'throttled' });
    // A fault after Shopify ran the operation: the call is recorded with the status the client got.
    const spoiled = fault && (fault.kind === 'status' || fault.kind === 'html') ? fault.status : 200;
    record({
      status: spoiled,
      operation: answer.operationName,
      kind: answer.kind,
      rootFields: answer.rootFields,
      requestedCost: answer.requestedCost,
      actualCost: answer.actualCost,
      throttled: answer.throttled,
      validationErrors: answer.validationErrors,
      ...(fault ? { fault: fault.kind } : {}),
    });
    // Faults after Shopify ran the operation: the answer is what goes wrong.
    if (fault && (fault.kind === 'status' || fault.kind === 'html'))
      return failWith(fault.status, fault.retryAfter, fault.kind === 'html');
    if (fault?.kind === 'internal') return HttpResponse.json({ errors: [internalError()] }, { headers });
    if (fault?.kind === 'timeout' && fault.applied !== false) {
      await hang(fault.ms ?? 5_000, request.signal);
      return HttpResponse.json(answer.body, { headers });
    }
    if (fault?.kind === 'truncated') {
      const json = JSON.stringify(answer.body);
      return new HttpResponse(json.slice(0, Math.max(1, Math.floor(json.length / 2))), { headers });
    }
    return HttpResponse.json(answer.body, { headers });
  });

  /** The first queued fault of the shop matching this call, spent; null when none applies. */
  function takeFault(
    domain: string,
    body: Record<string, unknown> | null,
  ): { fault: FakeFault; call: FakeFaultCall | null } | null {
    const queue = faults.get(domain);
    if (!queue?.length) return null;
    const call = describeCall(body);
    for (const entry of queue) {
      const { operation, match } = entry.options;
      if (operation && (!call || (call.operation !== operation && !call.rootFields.includes(operation)))) continue;
      if (match && (!call || !match(call))) continue;
      if (entry.skip > 0) {
        entry.skip--;
        continue;
      }
      entry.remaining--;
      if (entry.remaining <= 0) queue.splice(queue.indexOf(entry), 1);
      return { fault: entry.fault, call };
    }
    return null;
  }

  const queueFault = (domain: string, fault: FakeFault, options: FakeFaultOptions = {}) => {
    faults.set(domain, [
      ...(faults.get(domain) ?? []),
      { fault, options, skip: options.skip ?? 0, remaining: options.times ?? 1 },
    ]);
  };

  const accessToken = http.post(TOKEN_URL, async ({ request }) => {
    if (options.latencyMs) await delay(options.latencyMs);
    const domain = (TOKEN_URL.exec(request.url) as RegExpExecArray)[1] as string;
    const type = request.headers.get('content-type') ?? '';
    const text = await request.text();
    const params: Record<string, string> = type.includes('json')
      ? (JSON.parse(text) as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(text));
    const grantType = params.grant_type ?? 'authorization_code';
    tokenRequests.push({ shop: domain, grantType });
    const app = apps.get(params.client_id ?? '');
    const refuse = (description: string, status = 400) =>
      HttpResponse.json({ error: 'invalid_request', error_description: description }, { status });
    if (!shops.has(domain)) return refuse('Shop not found', 404);
    if (!app || app.clientSecret !== params.client_secret)
      return refuse('Oauth error invalid_client: client authentication failed', 401);
    if (grantType === 'client_credentials') {
      return HttpResponse.json({
        access_token: issueToken(domain, app.clientId, 86_399),
        scope: app.scopes,
        expires_in: 86_399,
      });
    }
    if (grantType === 'urn:ietf:params:oauth:grant-type:token-exchange') {
      const claims = verifyJwt(params.subject_token ?? '', app.clientSecret);
      if (!claims || claims.aud !== app.clientId || claims.dest !== `https://${domain}`)
        return refuse('Invalid subject token');
      return HttpResponse.json({ access_token: issueToken(domain, app.clientId), scope: app.scopes });
    }
    const code = codes.get(params.code ?? '');
    if (!code || code.shop !== domain || code.clientId !== app.clientId)
      return refuse('The authorization code was not found or was already used');
    codes.delete(params.code as string);
    return HttpResponse.json({ access_token: issueToken(domain, app.clientId), scope: code.scope });
  });

  const bulkFile = http.get(BULK_URL, async ({ request }) => {
    if (options.latencyMs) await delay(options.latencyMs);
    const match = BULK_URL.exec(request.url) as RegExpExecArray;
    const shop = shops.get(match[1] as string);
    const operation = shop?.bulkOperations.get(`gid://shopify/BulkOperation/${match[2]}`);
    if (!shop || !operation || operation.status !== 'COMPLETED') return new HttpResponse('Not found', { status: 404 });
    downloads.push({ shop: shop.domain, operation: operation.id });
    // Streamed in 16 KB chunks that cut lines in half, as a real download does.
    const bytes = Buffer.from(operation.file, 'utf8');
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + 16_384)));
        offset += 16_384;
      },
    });
    return new HttpResponse(stream, { headers: { 'Content-Type': 'application/jsonl' } });
  });

  const handlers: RequestHandler[] = [graphql, accessToken, bulkFile];

  return {
    handlers,
    schema,
    calls,
    downloads,
    tokenRequests,
    options: fake,
    addShop,
    shop: shopOf,
    removeShop(domain: string) {
      shops.delete(domain);
    },
    issueToken,
    registerApp(app: FakeApp) {
      apps.set(app.clientId, app);
      return app;
    },
    /** Answers the shop's next GraphQL calls with an HTTP error. */
    failNext(domain: string, failure: FakeFailure) {
      queueFault(
        domain,
        { kind: 'status', status: failure.status, ...(failure.retryAfter ? { retryAfter: failure.retryAfter } : {}) },
        { times: failure.times ?? 1 },
      );
    },
    fault: queueFault,
    pendingFaults(domain: string) {
      return (faults.get(domain) ?? []).reduce((total, entry) => total + entry.remaining, 0);
    },
    clearFaults(domain: string) {
      faults.delete(domain);
    },
    /** Calls whose root field is `field` (e.g. `inventorySetQuantities`), optionally for one shop. */
    count(field: string, domain?: string): number {
      return calls.filter(
        (call) =>
          call.rootFields.includes(field) &&
          !call.throttled &&
          call.status === 200 &&
          (!domain || call.shop === domain),
      ).length;
    },
    resetCalls() {
      calls.length = 0;
      downloads.length = 0;
      tokenRequests.length = 0;
    },
    /** The merchant approves the install: Shopify redirects to the app with a code, signed. */
    authorize(input: { shop: string; clientId: string; redirectUri: string; state: string; scope: string }): string {
      const app = apps.get(input.clientId);
      if (!app) throw new Error(`fake Shopify: unknown app ${input.clientId}`);
      const code = randomBytes(16).toString('hex');
      codes.set(code, { shop: input.shop, clientId: input.clientId, scope: input.scope });
      const params: Record<string, string> = {
        code,
        host: base64url(`${input.shop}/admin`),
        shop: input.shop,
        state: input.state,
        timestamp: String(Math.floor(now() / 1000)),
      };
      params.hmac = signQuery(params, app.clientSecret);
      return `${input.redirectUri}?${new URLSearchParams(params).toString()}`;
    },
    /** The URL Shopify opens when a merchant installs the app from the admin. */
    installUrl(appUrl: string, shop: string, clientId: string): string {
      const app = apps.get(clientId);
      if (!app) throw new Error(`fake Shopify: unknown app ${clientId}`);
      const params: Record<string, string> = {
        host: base64url(`${shop}/admin`),
        shop,
        timestamp: String(Math.floor(now() / 1000)),
      };
      params.hmac = signQuery(params, app.clientSecret);
      return `${appUrl}?${new URLSearchParams(params).toString()}`;
    },
    /** An App Bridge session token (HS256 JWT signed with the client secret), as an embedded app receives it. */
    sessionToken(input: {
      shop: string;
      clientId: string;
      userId?: string;
      expiresInSeconds?: number;
      secret?: string;
    }): string {
      const app = apps.get(input.clientId);
      const secret = input.secret ?? app?.clientSecret ?? '';
      const issuedAt = Math.floor(now() / 1000);
      const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
      const payload = base64url(
        JSON.stringify({
          iss: `https://${input.shop}/admin`,
          dest: `https://${input.shop}`,
          aud: input.clientId,
          sub: input.userId ?? '42',
          exp: issuedAt + (input.expiresInSeconds ?? 60),
          nbf: issuedAt - 5,
          iat: issuedAt,
          jti: randomBytes(8).toString('hex'),
          sid: randomBytes(8).toString('hex'),
        }),
      );
      const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      return `${header}.${payload}.${signature}`;
    },
    /** A webhook delivery as Shopify sends it: REST-shaped JSON, signed with the app's client secret. */
    webhook(input: {
      url: string;
      shop: string;
      topic: string;
      payload: unknown;
      secret: string;
      eventId?: string;
      webhookId?: string;
      rawBody?: string;
    }): Request {
      const body = input.rawBody ?? JSON.stringify(input.payload);
      return new Request(input.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Shopify-Topic': input.topic,
          'X-Shopify-Hmac-Sha256': createHmac('sha256', input.secret).update(body, 'utf8').digest('base64'),
          'X-Shopify-Shop-Domain': input.shop,
          'X-Shopify-API-Version': SHOPIFY_API_VERSION,
          'X-Shopify-Webhook-Id': input.webhookId ?? randomBytes(8).toString('hex'),
          'X-Shopify-Event-Id': input.eventId ?? randomBytes(8).toString('hex'),
          'X-Shopify-Triggered-At': new Date(now()).toISOString(),
        },
        body,
      });
    },
    /** Moves a product's `updatedAt` to now, as an edit in the admin does. */
    touchProduct(domain: string, reference: string): string | null {
      const shop = shopOf(domain);
      for (const product of shop.products.values()) {
        const variants = product.variantIds.map((id) => shop.variants.get(id));
        const matches =
          product.handle === reference ||
          product.metafields.some((field) => field.key === 'reference' && field.value === reference) ||
          variants.some((variant) => variant?.sku === reference);
        if (matches) {
          product.updatedAt = stamp();
          return product.id;
        }
      }
      return null;
    },
    revokeTokens(domain: string) {
      for (const [token, issued] of tokens) if (issued.shop === domain) tokens.delete(token);
    },
    stamp,
  };
}

/** Shopify's answer when its GraphQL layer crashes: HTTP 200, a request id to quote to support. */
function internalError() {
  const requestId = randomBytes(16).toString('hex');
  return {
    message: `Internal error. Looks like something went wrong on our end.\nRequest ID: ${requestId} (include this in support requests).`,
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  };
}

function verifyJwt(token: string, secret: string): Record<string, unknown> | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  if (expected !== signature) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}
