import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpHandler, http } from 'msw';
import { catalogRoutes } from './fake/catalog-routes.js';
import { createContext, type FakeContext, FakeHttpError, type FakeOptions, restlerBody } from './fake/context.js';
import { documentRoutes } from './fake/document-routes.js';
import { partyRoutes } from './fake/party-routes.js';
import { compile } from './fake/router.js';
import { type FakeBackOffice, type FakeFixtures, seedFakeDolibarr } from './fake/seed.js';
import { setupRoutes } from './fake/setup-routes.js';

export type { FakeOptions } from './fake/context.js';
export type { FakeBackOffice, FakeFixtures } from './fake/seed.js';

export interface RecordedCall {
  method: string;
  /** Path under `/api/index.php`, without the query string. */
  path: string;
  query: string;
  status: number;
  entity: number;
}

export interface InjectedFault {
  status: number;
  /** How many matching requests answer with it. @default 1 */
  times?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Only requests whose `METHOD /path` matches. */
  match?: RegExp;
}

/**
 * A fault as Dolibarr (or the Apache/PHP in front of it) produces it:
 * - `status`: a Restler error body (`{"error":{"code":…,"message":…}}`) with `status` (429, 500, 503…), as
 *   Dolibarr's own `RestException` answers; `message` replaces the generic text. Not applied.
 * - `maintenance`: Apache's 503 HTML page (mod_rewrite maintenance, PHP-FPM down), `Retry-After` when given. Not applied.
 * - `timeout`: no answer for `hangMs`; by default the request reaches Dolibarr first (a lost answer).
 * - `truncated`: the answer cut short (its `Content-Length` still the full size), after being applied.
 * - `php-warning`: status 200, a PHP warning printed before the JSON (`display_errors` on), applied.
 * - `php-fatal`: status 200, a PHP fatal error page and no JSON, applied (the script died after its write).
 */
export type FaultKind = 'status' | 'maintenance' | 'timeout' | 'truncated' | 'php-warning' | 'php-fatal';

export interface FaultSpec {
  kind: FaultKind;
  /** `GET`, `POST`…; absent: any method. */
  method?: string;
  /** Tested against the path (`/products/12`); absent: any path. */
  path?: RegExp;
  /** How many matching requests it spoils. @default 1 */
  times?: number;
  /** Matching requests answered normally before the fault starts: a fault in the middle of a batch. @default 0 */
  skip?: number;
  /** For `status`. @default 500 */
  status?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** For `status`: Restler's message (`Bad Request: …`). */
  message?: string;
  /** Whether Dolibarr performs the request before the answer is spoiled (see {@link FaultKind} for defaults). */
  applied?: boolean;
  /** For `timeout`: how long the answer is held. @default 2000 */
  hangMs?: number;
}

export interface FakeDolibarr {
  /** The Dolibarr root the adapter is given (`DOLIBARR_URL`). */
  url: string;
  apiKey: string;
  context: FakeContext;
  fixtures: FakeFixtures;
  backOffice: FakeBackOffice;
  /** Every request in arrival order (credentials never recorded). */
  calls: RecordedCall[];
  count(filter?: { method?: string; path?: RegExp }): number;
  /** Answers the next matching requests with an error (429 with `Retry-After`, 500, 503…). */
  failNext(fault: InjectedFault): void;
  /** Queues a fault (see {@link FaultSpec}); faults are matched in the order queued. */
  fault(spec: FaultSpec): void;
  /** Faults queued and not yet used up. */
  pendingFaults(): number;
  handle(request: Request): Promise<Response>;
  /** msw handlers for `setupServer(...fake.handlers)`. */
  handlers: HttpHandler[];
  /** Serves the fake on 127.0.0.1 for tests whose client runs in another process. */
  listen(): Promise<{ url: string; close(): Promise<void> }>;
}

export interface CreateFakeOptions extends FakeOptions {
  /** @default 'https://erp.test/dolibarr' */
  url?: string;
  /** Seed a small catalogue, customers and documents. @default true */
  seed?: boolean;
  /** Entities the API key may switch to with DOLAPIENTITY. @default [1, 2] */
  entities?: number[];
}

const API_PREFIX = '/api/index.php';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `display_errors = On` prints before the JSON when a PHP 8 warning fires in an API class. */
const PHP_WARNING =
  '<br />\n<b>Warning</b>:  Undefined array key "options_x" in <b>/var/www/html/htdocs/core/class/commonobject.class.php</b> on line <b>6123</b><br />\n';

const PHP_FATAL =
  '<br />\n<b>Fatal error</b>:  Uncaught Error: Call to a member function fetch() on null in /var/www/html/htdocs/core/triggers/interface_99_modZapier_ZapierTriggers.class.php:112\nStack trace:\n#0 {main}\n  thrown in <b>/var/www/html/htdocs/core/triggers/interface_99_modZapier_ZapierTriggers.class.php</b> on line <b>112</b><br />\n';

const MAINTENANCE_PAGE =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>503 Service Unavailable</title>\n</head><body>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your\nrequest due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n<hr>\n<address>Apache/2.4.62 (Debian) Server at erp.test Port 443</address>\n</body></html>\n';

/**
 * A stateful Dolibarr REST API (Restler, `api/index.php`) built from Dolibarr's API classes:
 * string ids and 8-decimal money, unix timestamps on documents and server-local strings on
 * products, `sqlfilters` (strict from 20, legacy before), `limit`/`page`, 401/403/404 bodies as
 * Restler writes them, 404 for empty lists before 17, orders validated into numbered documents,
 * invoices from orders, payments into bank accounts, stock only through movements.
 */
export function createFakeDolibarr(options: CreateFakeOptions = {}): FakeDolibarr {
  const context = createContext(options);
  const url = (options.url ?? 'https://erp.test/dolibarr').replace(/\/+$/, '');
  const routes = compile([...setupRoutes(), ...catalogRoutes(), ...partyRoutes(), ...documentRoutes()]);
  const entities = new Set(options.entities ?? [1, 2]);
  const calls: RecordedCall[] = [];
  const faults: (InjectedFault & { left: number })[] = [];
  const queued: (FaultSpec & { left: number; skipLeft: number })[] = [];
  const seeded = seedFakeDolibarr(context, options.seed ?? true);

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(status === 304 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    });

  async function handle(request: Request): Promise<Response> {
    if (context.options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, context.options.latencyMs));
    const parsed = new URL(request.url);
    const base = new URL(url).pathname.replace(/\/+$/, '');
    if (!parsed.pathname.startsWith(`${base}${API_PREFIX}`))
      return new Response('<html>Not Found</html>', { status: 404 });
    const path = parsed.pathname.slice(`${base}${API_PREFIX}`.length) || '/';
    const method = request.method.toUpperCase();
    const entityHeader = request.headers.get('dolapientity');
    const entity = entityHeader ? Number(entityHeader) : 1;
    const call: RecordedCall = { method, path, query: parsed.search, status: 0, entity };
    calls.push(call);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      return json(status, body, headers);
    };

    const fault = faults.find(
      (candidate) => candidate.left > 0 && (!candidate.match || candidate.match.test(`${method} ${path}`)),
    );
    if (fault) {
      fault.left--;
      return answer(
        fault.status,
        restlerBody(fault.status, 'injected'),
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
      );
    }

    const spec = queued.find(
      (candidate) =>
        candidate.left > 0 &&
        (!candidate.method || candidate.method.toUpperCase() === method) &&
        (!candidate.path || candidate.path.test(path)),
    );
    let spoil: FaultSpec | null = null;
    if (spec) {
      if (spec.skipLeft > 0) spec.skipLeft--;
      else {
        spec.left--;
        spoil = spec;
      }
    }
    if (spoil) {
      const applied = spoil.applied ?? (spoil.kind !== 'status' && spoil.kind !== 'maintenance');
      if (!applied) {
        if (spoil.kind === 'timeout') await sleep(spoil.hangMs ?? 2000);
        return faultAnswer(spoil, call);
      }
      const response = await handleRoute(request, parsed, path, method, entity, answer);
      if (spoil.kind === 'status' || spoil.kind === 'maintenance') return faultAnswer(spoil, call);
      if (spoil.kind === 'timeout') {
        await sleep(spoil.hangMs ?? 2000);
        return response;
      }
      const text = await response.text();
      if (spoil.kind === 'truncated') {
        // Half of it (nothing of a one-digit id), `Content-Length` still the whole.
        const cut = text.slice(0, Math.floor(text.length / 2));
        return new Response(cut, {
          status: response.status,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': String(Buffer.byteLength(text)),
          },
        });
      }
      call.status = 200;
      if (spoil.kind === 'php-warning') {
        return new Response(`${PHP_WARNING}${text}`, {
          status: 200,
          headers: { 'content-type': 'text/html; charset=UTF-8' },
        });
      }
      return new Response(PHP_FATAL, { status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' } });
    }
    return handleRoute(request, parsed, path, method, entity, answer);
  }

  function faultAnswer(spec: FaultSpec, call: RecordedCall): Response {
    const headers: Record<string, string> =
      spec.retryAfter === undefined ? {} : { 'retry-after': String(spec.retryAfter) };
    if (spec.kind === 'maintenance') {
      call.status = 503;
      return new Response(MAINTENANCE_PAGE, {
        status: 503,
        headers: { 'content-type': 'text/html; charset=iso-8859-1', ...headers },
      });
    }
    if (spec.kind === 'timeout') {
      // Held past the client's timeout: the client has gone; what it would have read does not matter.
      call.status = 0;
      return json(504, restlerBody(504, 'timeout'));
    }
    const status = spec.status ?? 500;
    call.status = status;
    const body = spec.message
      ? { error: { code: status, message: spec.message } }
      : restlerBody(status, status === 429 ? 'Too many requests, slow down' : 'injected');
    return json(status, body, headers);
  }

  async function handleRoute(
    request: Request,
    parsed: URL,
    path: string,
    method: string,
    entity: number,
    answer: (status: number, body: unknown, headers?: Record<string, string>) => Response,
  ): Promise<Response> {
    if (path !== '/status') {
      const bearer = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
      const key =
        request.headers.get('dolapikey') ??
        parsed.searchParams.get('DOLAPIKEY') ??
        parsed.searchParams.get('api_key') ??
        bearer;
      if (!key) {
        return answer(
          401,
          restlerBody(
            401,
            "Failed to login to API. Neither parameter 'HTTP_DOLAPIKEY' nor 'Authentication: Bearer' found on HTTP header (and no parameter DOLAPIKEY in URL).",
          ),
        );
      }
      if (key !== context.options.apiKey || !entities.has(entity)) {
        return answer(
          401,
          restlerBody(
            401,
            `Error user not valid (not found with api key or bad status or bad validity dates) (conf->entity=${entity})`,
          ),
        );
      }
    }
    context.entity = entity;

    const candidates = routes.filter((route) => route.pattern.test(path));
    const route = candidates.find((candidate) => candidate.method === method);
    if (!route) return answer(candidates.length ? 405 : 404, restlerBody(candidates.length ? 405 : 404, ''));
    const match = route.pattern.exec(path) as RegExpExecArray;
    const params = Object.fromEntries(
      route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
    );
    let body: Record<string, unknown> = {};
    if (method === 'POST' || method === 'PUT') {
      const text = await request.text();
      if (text.trim() !== '') {
        try {
          const parsedBody: unknown = JSON.parse(text);
          body = parsedBody !== null && typeof parsedBody === 'object' ? (parsedBody as Record<string, unknown>) : {};
        } catch {
          return answer(400, restlerBody(400, 'Error parsing JSON'));
        }
      }
    }
    try {
      const result = route.run({ context, params, query: parsed.searchParams, body });
      return answer(200, result);
    } catch (error) {
      if (error instanceof FakeHttpError)
        return answer(error.status, restlerBody(error.status, error.detail), error.headers);
      const message = error instanceof Error ? error.message : 'unknown';
      return answer(500, restlerBody(500, message));
    }
  }

  const handlers = [http.all(`${url}${API_PREFIX}/*`, ({ request }) => handle(request))];

  async function listen(): Promise<{ url: string; close(): Promise<void> }> {
    const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        // The listened path is the fake's own (`/dolibarr/api/index.php/…`): re-rooted on its URL.
        const request = new Request(new URL(incoming.url ?? '/', url).toString(), {
          method: incoming.method ?? 'GET',
          headers: incoming.headers as Record<string, string>,
          ...(chunks.length && incoming.method !== 'GET' ? { body: Buffer.concat(chunks) } : {}),
        });
        handle(request)
          .then(async (response) => {
            outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
            outgoing.end(Buffer.from(await response.arrayBuffer()));
          })
          .catch(() => {
            outgoing.writeHead(500);
            outgoing.end();
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}${new URL(url).pathname.replace(/\/+$/, '')}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  return {
    url,
    apiKey: context.options.apiKey,
    context,
    fixtures: seeded.fixtures,
    backOffice: seeded.backOffice,
    calls,
    count(filter = {}) {
      return calls.filter(
        (call) => (!filter.method || call.method === filter.method) && (!filter.path || filter.path.test(call.path)),
      ).length;
    },
    failNext(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    fault(spec) {
      queued.push({ ...spec, left: spec.times ?? 1, skipLeft: spec.skip ?? 0 });
    },
    pendingFaults() {
      return queued.reduce((sum, spec) => sum + spec.left, 0);
    },
    handle,
    handlers,
    listen,
  };
}
