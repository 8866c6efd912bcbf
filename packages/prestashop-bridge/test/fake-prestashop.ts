import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceFixtures, ConformanceMutations } from '@passerelle/core/testing';
import { XMLParser } from 'fast-xml-parser';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { type FakeRecord, FakeStore, type JsonRow } from './fake/fake-store.js';
import {
  compareValues,
  equalityParts,
  type FieldValue,
  matchesFilter,
  parseDisplay,
  parseSort,
} from './fake/filters.js';
import { errorBody, type OutputFormat, renderJson, renderXmlNode, type WsError, xmlDocument } from './fake/render.js';
import { type ResourceDef, resourceDefs } from './fake/resource-schemas.js';

export const FAKE_URL = 'https://shop.test';
/** A 32-character key, as PrestaShop generates them. */
export const FAKE_KEY = 'PSKEY0123456789ABCDEFGHIJKLMNOPQ';
/** Where the fake serves images for uploads: `https://images.test/<name>.png`. */
export const IMAGE_HOST = 'https://images.test';

const ALL_METHODS = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'];
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A fault the next matching requests get instead of PrestaShop's answer. */
export type FaultKind =
  /** 200 with an HTML page (a WAF, a hosting error page). */
  | 'html'
  /** 200 with a PHP notice printed before the JSON (`display_errors` on). */
  | 'php-notice'
  /** 500 with the Webservice's JSON error body. */
  | 'status500'
  /** 503 with an HTML maintenance page. */
  | 'maintenance'
  /** 500 with an XML error body (the output format was lost on the way). */
  | 'xml-error'
  /** 429 with `Retry-After`. */
  | 'throttle'
  /** No answer for `ms`. */
  | 'timeout'
  /** The connection fails. */
  | 'network'
  /** 500, error 127 echoing the request body ("Original XML : …"), as PrestaShop does for XML it cannot parse. */
  | 'echo';

export interface Fault {
  kind: FaultKind;
  /** How many requests get it. @default 1 */
  times?: number;
  /** Only requests of this method (`PATCH`), resource (`stock_availables`), or both. */
  method?: string;
  resource?: string;
  /** For `timeout`. @default 5000 */
  ms?: number;
  /** For `throttle`. @default 1 */
  retryAfterSeconds?: number;
}

/** What the fake reads of a request: a web `Request`, or the lighter object the bench's HTTP server builds. */
export type RequestLike = Pick<Request, 'url' | 'method' | 'headers' | 'text' | 'formData'>;

export interface FakeCall {
  method: string;
  /** `products`, `images/products/1`… */
  path: string;
  resource: string;
  id: string | null;
  query: URLSearchParams;
  body: string | null;
  authorization: string | null;
}

export interface FakePrestashopOptions {
  /** Added to every answer. @default 0 */
  latencyMs?: number;
  /** The shop's clock. @default () => new Date() */
  now?: () => Date;
  /** `PS_TIMEZONE`. @default 'Europe/Paris' */
  timeZone?: string;
  /** `PSWS-Version`. @default '8.1.7' */
  version?: string;
  /** Methods the key may use, per resource. @default every method on every resource */
  permissions?: Record<string, string[]>;
  /** Shops the key is allowed on (`id_shop`). @default ['1'] */
  allowedShops?: string[];
  /** One-language shop (French removed): translated fields render as plain strings. @default false */
  singleLanguage?: boolean;
}

type MswServer = ReturnType<typeof setupServer>;

let server: MswServer | null = null;

/** One msw server per test process; each fake installs its handlers on it. */
function sharedServer(): MswServer {
  if (!server) {
    const created = setupServer();
    // Calls to a module listening on loopback (the example's tests) go through; anything else unhandled is an error.
    created.listen({
      onUnhandledRequest(request, print) {
        const { hostname } = new URL(request.url);
        if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') print.error();
      },
    });
    server = created;
  }
  return server;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

let lastStamp = { key: '', value: '' };

function wallClock(timeZone: string, date: Date): string {
  const key = `${timeZone}@${Math.floor(date.getTime() / 1000)}`;
  if (lastStamp.key === key) return lastStamp.value;
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  const value = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  lastStamp = { key, value };
  return value;
}

class WsFailure extends Error {
  constructor(
    readonly status: number,
    readonly errors: WsError[],
  ) {
    super(errors.map((error) => error.message).join('; '));
  }
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name, jpath) => name === 'language' || /associations\.[^.]+\.[^.]+$/.test(String(jpath)),
});

function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object') {
    const record = node as Record<string, unknown>;
    return textOf(record['#text']);
  }
  return '';
}

/**
 * A stateful fake of the PrestaShop 8 Webservice behind msw: JSON and XML output, XML-only input (a
 * JSON body fails as PrestaShop fails it, with error 127), filters, sort, `limit=offset,n`, `date=1`,
 * `display`, `language`, PUT that blanks what it does not carry, PATCH that does not, the real error
 * codes and bodies, multipart product images, `order_histories` that move the order's state, and
 * `stock_availables` that keep a product's total in step with its combinations.
 */
export class FakePrestashop {
  readonly store = new FakeStore();
  readonly calls: FakeCall[] = [];
  /** Emails PrestaShop would have sent (`sendemail=1`). */
  readonly emails: { resource: string; id: string }[] = [];
  readonly options: Required<Omit<FakePrestashopOptions, 'permissions'>> & {
    permissions: Record<string, string[]> | null;
  };
  /** The most Webservice calls the fake served at once. */
  maxInFlight = 0;
  /** The most writes (POST, PUT, PATCH, DELETE) answered at once: what `writeConcurrency` bounds. */
  maxWritesInFlight = 0;
  private inFlight = 0;
  private writesInFlight = 0;
  private faults: (Fault & { left: number })[] = [];
  private imageSequence = 100;
  private nowOverride: Date | null = null;

  constructor(options: FakePrestashopOptions = {}) {
    this.options = {
      latencyMs: options.latencyMs ?? 0,
      now: options.now ?? (() => new Date()),
      timeZone: options.timeZone ?? 'Europe/Paris',
      version: options.version ?? '8.1.7',
      permissions: options.permissions ?? null,
      allowedShops: options.allowedShops ?? ['1'],
      singleLanguage: options.singleLanguage ?? false,
    };
    for (const file of ['setup', 'catalog', 'customers', 'orders']) {
      const data = JSON.parse(readFileSync(join(FIXTURES, `${file}.json`), 'utf8')) as Record<string, JsonRow[]>;
      for (const [resource, rows] of Object.entries(data)) this.store.load(resource, rows);
    }
    const timeZone = this.store.all('configurations').find((record) => record.fields.name === 'PS_TIMEZONE');
    if (timeZone) timeZone.fields.value = this.options.timeZone;
    if (this.options.singleLanguage) this.store.remove('languages', 2);
  }

  /** Installs the fake's handlers on the process's msw server. */
  start(): this {
    sharedServer().resetHandlers(
      http.all(/^https:\/\/shop\.test\/api(\/.*)?$/, ({ request }) => this.fetch(request)),
      http.get(`${IMAGE_HOST}/:name`, ({ params }) =>
        String(params.name).startsWith('missing')
          ? new HttpResponse('not found', { status: 404 })
          : new HttpResponse(PNG, { headers: { 'content-type': 'image/png' } }),
      ),
    );
    return this;
  }

  stop(): void {
    server?.resetHandlers();
  }

  /** The next matching requests fail this way. */
  fault(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  setNow(date: Date | null): void {
    this.nowOverride = date;
  }

  now(): Date {
    return this.nowOverride ?? this.options.now();
  }

  /** The shop's wall-clock time now, as it stamps `date_add`/`date_upd`. */
  stamp(): string {
    return wallClock(this.options.timeZone, this.now());
  }

  count(method?: string, resource?: string): number {
    return this.calls.filter((call) => (!method || call.method === method) && (!resource || call.resource === resource))
      .length;
  }

  languages(): string[] {
    return this.store.all('languages').map((record) => String(record.id));
  }

  record(resource: string, id: number | string): FakeRecord | undefined {
    return this.store.get(resource, Number(id));
  }

  /** A field of a stored object (translated fields: the language's text). */
  field(resource: string, id: number | string, name: string, language = '1'): string {
    const value = this.record(resource, id)?.fields[name];
    if (value === undefined) return '';
    return typeof value === 'string' ? value : (value[language] ?? '');
  }

  stockOf(productId: number, combinationId = 0): number {
    const row = this.store
      .all('stock_availables')
      .find(
        (record) =>
          record.fields.id_product === String(productId) &&
          record.fields.id_product_attribute === String(combinationId),
      );
    return Number(row?.fields.quantity ?? Number.NaN);
  }

  /** What the conformance suites need to know about the seeded shop. */
  readonly fixtures: ConformanceFixtures = {
    simpleProduct: 'demo_11',
    productWithVariants: 'demo_1',
    guestOrderId: '2',
    multiTaxOrderId: '3',
    statusOrderId: '5',
    stockReference: 'demo_12',
  };

  /** Back-office edits, as a merchant would make them while the cloud reads. */
  readonly backOffice: Required<ConformanceMutations> = {
    touchProduct: async (reference) => {
      const product =
        this.store.all('products').find((record) => record.fields.reference === reference) ??
        this.store.get(
          'products',
          Number(
            this.store.all('combinations').find((record) => record.fields.reference === reference)?.fields.id_product ??
              0,
          ),
        );
      if (!product) throw new Error(`fake: no product ${reference}`);
      product.fields.date_upd = this.stamp();
    },
    createProduct: async (reference) => {
      const record = this.createRecord('products', {
        reference,
        price: '1.000000',
        active: '1',
        id_category_default: '2',
        name: Object.fromEntries(this.languages().map((id) => [id, reference])),
        link_rewrite: Object.fromEntries(this.languages().map((id) => [id, reference.toLowerCase()])),
      });
      return String(record.id);
    },
    placeOrder: async () => {
      const template = this.store.get('orders', 5) as FakeRecord;
      const stamp = this.stamp();
      const order = this.store.insert('orders', {
        fields: {
          ...template.fields,
          reference: `NEW${this.store.nextId('orders')}`.slice(0, 9),
          date_add: stamp,
          date_upd: stamp,
          current_state: '2',
        },
        associations: structuredClone(template.associations),
      });
      for (const detail of this.store.all('order_details').filter((record) => record.fields.id_order === '5')) {
        this.store.insert('order_details', {
          fields: { ...detail.fields, id_order: String(order.id) },
          associations: structuredClone(detail.associations),
        });
      }
      this.store.insert('order_histories', {
        fields: { id_employee: '0', id_order_state: '2', id_order: String(order.id), date_add: stamp },
        associations: {},
      });
      return String(order.id);
    },
  };

  private takeFault(method: string, resource: string): (Fault & { left: number }) | undefined {
    const fault = this.faults.find(
      (entry) =>
        entry.left > 0 &&
        (!entry.method || entry.method === method) &&
        (!entry.resource || entry.resource === resource),
    );
    if (fault) fault.left--;
    this.faults = this.faults.filter((entry) => entry.left > 0);
    return fault;
  }

  private response(body: string, status: number, format: OutputFormat, headers: Record<string, string> = {}): Response {
    return new Response(body, {
      status,
      headers: {
        'content-type': format === 'JSON' ? 'application/json' : 'text/xml;charset=utf-8',
        'psws-version': this.options.version,
        'x-powered-by': 'PrestaShop Webservice',
        ...headers,
      },
    });
  }

  /** Answers one Webservice request (msw calls it; so can a plain HTTP server, as the bench does). */
  async fetch(request: RequestLike): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api\/?/, '').replace(/\/$/, '');
    const segments = path === '' ? [] : path.split('/');
    const resource = segments[0] === 'images' ? `images/${segments[1] ?? ''}` : (segments[0] ?? '');
    const method = (url.searchParams.get('ps_method') ?? request.method).toUpperCase();
    const body =
      ['POST', 'PUT', 'PATCH'].includes(request.method) && !request.headers.get('content-type')?.includes('multipart')
        ? await request.text()
        : null;
    this.calls.push({
      method,
      path,
      resource,
      id: segments[0] === 'images' ? (segments[2] ?? null) : (segments[1] ?? null),
      query: url.searchParams,
      body,
      authorization: request.headers.get('authorization'),
    });
    const write = method !== 'GET' && method !== 'HEAD';
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (write) {
      this.writesInFlight++;
      this.maxWritesInFlight = Math.max(this.maxWritesInFlight, this.writesInFlight);
    }
    // Latency is the shop's response time: the answer leaves no sooner than `latencyMs` after the request
    // came in, whatever the fake spent on it (PHP's own work is inside a real shop's 20 ms, not on top).
    const pause = this.options.latencyMs > 0 ? delay(this.options.latencyMs) : null;
    try {
      return await this.answer(request, url, segments, resource, method, body);
    } finally {
      await pause;
      this.inFlight--;
      if (write) this.writesInFlight--;
    }
  }

  private async answer(
    request: RequestLike,
    url: URL,
    segments: string[],
    resource: string,
    method: string,
    body: string | null,
  ): Promise<Response> {
    const jsonAsked = [
      url.searchParams.get('output_format'),
      url.searchParams.get('io_format'),
      request.headers.get('output-format'),
      request.headers.get('io-format'),
    ].some((value) => value?.toUpperCase() === 'JSON');
    const format: OutputFormat = jsonAsked ? 'JSON' : 'XML';

    const fault = this.takeFault(method, resource);
    if (fault?.kind === 'echo') {
      const message = `XML error : Extra content at the end of the document\nXML length : ${body?.length ?? 0}\nOriginal XML : ${body ?? ''}`;
      return this.response(errorBody([{ code: 127, message }], format), 500, format);
    }
    if (fault) {
      const injected = await this.injected(fault, format);
      if (injected) return injected;
    }
    const answer = await this.dispatch(request, url, segments, resource, method, body, format);
    if (fault?.kind !== 'php-notice') return answer;
    const notice =
      '<br />\n<b>Notice</b>:  Undefined index: id_lang in <b>/var/www/html/classes/Product.php</b> on line <b>5921</b><br />\n';
    // Output started before PrestaShop's header() call: PHP has already sent its default text/html type.
    const headers = new Headers(answer.headers);
    headers.set('content-type', 'text/html; charset=UTF-8');
    return new HttpResponse(notice + (await answer.text()), { status: answer.status, headers });
  }

  private async dispatch(
    request: RequestLike,
    url: URL,
    segments: string[],
    resource: string,
    method: string,
    body: string | null,
    format: OutputFormat,
  ): Promise<Response> {
    try {
      this.authenticate(request, url, resource, method);
      if (segments.length === 0) return this.root(format);
      if (segments[0] === 'images') return await this.images(request, method, segments, format);
      const def = resourceDefs[resource];
      if (!def)
        throw new WsFailure(400, [
          { code: 27, message: `Resource of type "${resource}" does not exists. Did you mean: "products"?` },
        ]);
      const id = segments[1];
      if (def.forbidden?.includes(method)) {
        throw new WsFailure(405, [
          { code: 101, message: `Method ${method} is not allowed for the resource ${resource}` },
        ]);
      }
      switch (method) {
        case 'GET':
        case 'HEAD':
          return id === undefined
            ? this.list(resource, def, url, format)
            : this.getOne(resource, def, Number(id), url, format);
        case 'POST':
          return this.write(resource, def, 'POST', body, url, format);
        case 'PUT':
        case 'PATCH':
          return this.write(resource, def, method, body, url, format);
        case 'DELETE':
          return this.remove(resource, id, url, format);
        default:
          throw new WsFailure(405, [{ code: 23, message: `Method ${method} is not valid` }]);
      }
    } catch (error) {
      if (error instanceof WsFailure) {
        const headers: Record<string, string> =
          error.status === 401
            ? {
                'www-authenticate':
                  'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."',
              }
            : {};
        return this.response(errorBody(error.errors, format), error.status, format, headers);
      }
      throw error;
    }
  }

  private async injected(fault: Fault, format: OutputFormat): Promise<Response | null> {
    switch (fault.kind) {
      case 'html':
        return new HttpResponse(
          '<!DOCTYPE html><html><head><title>Access denied | shop.test used Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1></body></html>',
          {
            status: 200,
            headers: { 'content-type': 'text/html; charset=UTF-8' },
          },
        );
      case 'php-notice':
        return null;
      case 'status500':
        return this.response(
          errorBody(
            [
              {
                code: 3,
                message:
                  '[PHP Warning #2] Undefined array key "id_lang" (/var/www/html/classes/Product.php, line 5921)',
              },
            ],
            format,
          ),
          500,
          format,
        );
      case 'maintenance':
        return new HttpResponse(
          '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>We are currently updating our shop.</body></html>',
          {
            status: 503,
            headers: { 'content-type': 'text/html', 'retry-after': '1' },
          },
        );
      case 'xml-error':
        return this.response(
          errorBody([{ code: 46, message: 'Internal error. To see this error please display the PHP errors.' }], 'XML'),
          500,
          'XML',
        );
      case 'throttle':
        return new HttpResponse('<html><body>Too many requests</body></html>', {
          status: 429,
          headers: { 'content-type': 'text/html', 'retry-after': String(fault.retryAfterSeconds ?? 1) },
        });
      case 'timeout':
        await delay(fault.ms ?? 5000);
        return null;
      case 'network':
        return HttpResponse.error() as unknown as Response;
      default:
        return null;
    }
  }

  private authenticate(request: RequestLike, url: URL, resource: string, method: string): void {
    const header = request.headers.get('authorization');
    let key: string | null = url.searchParams.get('ws_key');
    if (header?.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
    if (key === null)
      throw new WsFailure(401, [
        { code: 16, message: 'Please enter the authentication key as the login. No password required' },
      ]);
    if (key === '') throw new WsFailure(401, [{ code: 17, message: 'Authentication key is empty' }]);
    if (key.length !== 32) throw new WsFailure(401, [{ code: 18, message: 'Invalid authentication key format' }]);
    if (key !== FAKE_KEY) {
      throw new WsFailure(401, [
        { code: 20, message: 'Authentification key is not active' },
        { code: 21, message: 'No permission for this authentication key' },
      ]);
    }
    const shop = url.searchParams.get('id_shop');
    if (shop && !this.options.allowedShops.includes(shop))
      throw new WsFailure(403, [{ code: 132, message: 'No permission for this key on this shop' }]);
    const permissions = this.options.permissions;
    if (permissions && resource) {
      const base = resource.startsWith('images/') ? 'images' : resource;
      const allowed = permissions[base];
      if (!allowed)
        throw new WsFailure(401, [
          { code: 26, message: `Resource of type "${base}" is not allowed with this authentication key` },
        ]);
      if (!allowed.includes(method)) {
        throw new WsFailure(405, [
          {
            code: 25,
            message: `Method ${method} is not allowed for the resource ${base} with this authentication key`,
          },
        ]);
      }
    }
  }

  private root(format: OutputFormat): Response {
    const api: Record<string, unknown> = { '@_shopName': 'Passerelle Demo' };
    for (const resource of [...Object.keys(resourceDefs), 'images']) {
      const methods = this.options.permissions ? this.options.permissions[resource] : ALL_METHODS;
      if (!methods) continue;
      api[resource] = Object.fromEntries([
        ['@_xlink:href', `${FAKE_URL}/api/${resource}`],
        ...['get', 'put', 'post', 'patch', 'delete', 'head'].map((method) => [
          `@_${method}`,
          String(methods.includes(method.toUpperCase())),
        ]),
      ]);
    }
    if (format === 'JSON')
      return this.response(
        JSON.stringify({ api: Object.keys(api).filter((key) => !key.startsWith('@_')) }),
        200,
        'JSON',
      );
    return this.response(xmlDocument({ api }), 200, 'XML');
  }

  private renderLanguages(url: URL): string[] {
    const installed = this.languages();
    const param = url.searchParams.get('language');
    if (!param) return installed;
    const inner = /^\[(.*)\]$/.exec(param)?.[1] ?? param;
    const asked = inner.includes(',')
      ? installed.filter(
          (id) =>
            compareValues(id, inner.split(',')[0] ?? '') >= 0 && compareValues(id, inner.split(',')[1] ?? '') <= 0,
        )
      : inner.split('|');
    return installed.filter((id) => asked.includes(id));
  }

  private computed(resource: string, record: FakeRecord): FakeRecord {
    const copy: FakeRecord = { id: record.id, fields: { ...record.fields }, associations: { ...record.associations } };
    if (resource === 'products') {
      const rows = this.store
        .candidates('stock_availables', 'id_product', [String(record.id)])
        .filter((row) => row.fields.id_product === String(record.id));
      copy.fields.quantity = rows.find((row) => row.fields.id_product_attribute === '0')?.fields.quantity ?? '0';
      // `type` has a getter (Product::getWsType): it reads `simple` for a product never typed.
      copy.fields.type = record.fields.type || 'simple';
      copy.fields.manufacturer_name = this.store.text('manufacturers', Number(record.fields.id_manufacturer), 'name');
      copy.associations.stock_availables = rows.map((row) => ({
        id: String(row.id),
        id_product_attribute: String(row.fields.id_product_attribute),
      }));
      copy.associations.combinations = this.store
        .candidates('combinations', 'id_product', [String(record.id)])
        .filter((row) => row.fields.id_product === String(record.id))
        .map((row) => ({ id: String(row.id) }));
    }
    if (resource === 'orders') {
      copy.associations.order_rows = this.store
        .candidates('order_details', 'id_order', [String(record.id)])
        .filter((row) => row.fields.id_order === String(record.id))
        .map((row) => ({
          id: String(row.id),
          product_id: String(row.fields.product_id),
          product_attribute_id: String(row.fields.product_attribute_id),
          product_quantity: String(row.fields.product_quantity),
          product_name: String(row.fields.product_name),
          product_reference: String(row.fields.product_reference),
          product_price: String(row.fields.product_price),
          unit_price_tax_incl: String(row.fields.unit_price_tax_incl),
          unit_price_tax_excl: String(row.fields.unit_price_tax_excl),
        }));
    }
    return copy;
  }

  private checkField(def: ResourceDef, field: string, dateAllowed: boolean, code: number): void {
    if (field === 'id') return;
    if ((field === 'date_add' || field === 'date_upd') && def.dated) {
      if (dateAllowed) return;
    } else if (def.fields[field]) {
      return;
    }
    throw new WsFailure(400, [
      {
        code,
        message:
          code === 32 ? `This filter does not exist. Did you mean: "${field}"?` : 'Unable to filter by this field.',
      },
    ]);
  }

  /**
   * The rows an equality filter on an indexed field (`filter[reference]=[a|b]`, `filter[id_product]=[7]`)
   * can match, from the store's index rather than a scan; `null` when no filter can use one. The filters
   * are all applied to these rows afterwards as to a scan's, so the answer is the same.
   */
  private indexedRecords(resource: string, url: URL): FakeRecord[] | null {
    for (const [key, value] of url.searchParams) {
      const field = /^filter\[(.+)\]$/.exec(key)?.[1];
      if (!field || !this.store.indexed(resource, field)) continue;
      const parts = equalityParts(value);
      if (parts) return this.store.candidates(resource, field, parts);
    }
    return null;
  }

  private list(resource: string, def: ResourceDef, url: URL, format: OutputFormat): Response {
    const dateAllowed = url.searchParams.get('date') === '1';
    let records = this.indexedRecords(resource, url) ?? this.store.all(resource);
    for (const [key, value] of url.searchParams) {
      const field = /^filter\[(.+)\]$/.exec(key)?.[1];
      if (!field) continue;
      this.checkField(def, field, dateAllowed, 32);
      if (value === '') throw new WsFailure(400, [{ code: 33, message: `The filter "${field}" is malformed.` }]);
      records = records.filter((record) =>
        matchesFilter(field === 'id' ? String(record.id) : (record.fields[field] as FieldValue | undefined), value),
      );
    }
    const sortText = url.searchParams.get('sort');
    if (sortText) {
      const sort = parseSort(sortText);
      if (!sort)
        throw new WsFailure(400, [
          {
            code: 37,
            message:
              'The "sort" value has to be formed as this example: "field_ASC" or \'[field_1_DESC,field_2_ASC,field_3_ASC,...]\' ("field" has to be an available field)',
          },
        ]);
      for (const key of sort) this.checkField(def, key.field, dateAllowed, 38);
      const sortValue = (record: FakeRecord, field: string) => {
        if (field === 'id') return String(record.id);
        const value = record.fields[field];
        return typeof value === 'string' ? value : (value?.['1'] ?? '');
      };
      records.sort((a, b) => {
        for (const key of sort) {
          const order = compareValues(sortValue(a, key.field), sortValue(b, key.field)) * key.direction;
          if (order !== 0) return order;
        }
        return 0;
      });
    }
    const limit = url.searchParams.get('limit');
    if (limit) {
      const parts = limit.split(',');
      if (parts.length > 2)
        throw new WsFailure(400, [
          { code: 39, message: 'The "limit" value has to be formed as this example: "5,25" or "10"' },
        ]);
      const [first = '0', second] = parts;
      const offset = second === undefined ? 0 : Number.parseInt(first, 10) || 0;
      const count = Number.parseInt(second ?? first, 10) || 0;
      records = records.slice(offset, offset + count);
    }
    // Computed fields (a product's quantity, its combinations) are filled in for the rows answered only.
    records = records.map((record) => this.computed(resource, record));
    const display = parseDisplay(url.searchParams.get('display'));
    if (!display)
      throw new WsFailure(400, [
        { code: 36, message: "The 'display' syntax is wrong. You can set 'full' or '[field_1,field_2,field_3,...]'." },
      ]);
    if (Array.isArray(display)) {
      for (const field of display) {
        if (
          field !== 'id' &&
          field !== 'associations' &&
          !def.fields[field] &&
          !(def.dated && (field === 'date_add' || field === 'date_upd'))
        ) {
          throw new WsFailure(400, [
            {
              code: 35,
              message: `Unable to display this field "${field}". However, these are available: ${Object.keys(def.fields).join(', ')}`,
            },
          ]);
        }
      }
    }
    if (records.length === 0)
      return this.response(format === 'JSON' ? '[]' : xmlDocument({ [resource]: '' }), 200, format);
    const languages = this.renderLanguages(url);
    if (format === 'JSON') {
      const rows = records.map((record) =>
        display === 'ids' ? { id: record.id } : renderJson(def, record, { display, languages }),
      );
      return this.response(JSON.stringify({ [resource]: rows }), 200, 'JSON');
    }
    const nodes = records.map((record) =>
      display === 'ids'
        ? { '@_id': String(record.id), '@_xlink:href': `${FAKE_URL}/api/${resource}/${record.id}` }
        : renderXmlNode(def, record, { display, languages }),
    );
    return this.response(xmlDocument({ [resource]: { [def.node]: nodes } }), 200, 'XML');
  }

  private getOne(resource: string, def: ResourceDef, id: number, url: URL, format: OutputFormat): Response {
    const record = Number.isInteger(id) ? this.store.get(resource, id) : undefined;
    // `getFilteredObjectDetails` answers an unknown id with a bare 404 and no body.
    if (!record) return new HttpResponse(null, { status: 404, headers: { 'psws-version': this.options.version } });
    return this.renderOne(resource, def, record, url, format, 200);
  }

  private renderOne(
    resource: string,
    def: ResourceDef,
    record: FakeRecord,
    url: URL,
    format: OutputFormat,
    status: number,
  ): Response {
    const full = this.computed(resource, record);
    const options = { display: 'full' as const, languages: this.renderLanguages(url) };
    if (format === 'JSON')
      return this.response(JSON.stringify({ [def.node]: renderJson(def, full, options) }), status, 'JSON');
    return this.response(xmlDocument({ [def.node]: renderXmlNode(def, full, options) }), status, 'XML');
  }

  /** `saveEntityFromXml`: parse, check ids, apply fields (PUT blanks, PATCH does not), validate, save, side effects. */
  private write(
    resource: string,
    def: ResourceDef,
    method: 'POST' | 'PUT' | 'PATCH',
    body: string | null,
    url: URL,
    format: OutputFormat,
  ): Response {
    const text = body ?? '';
    let parsed: Record<string, unknown>;
    try {
      if (!text.trimStart().startsWith('<')) throw new Error('String could not be parsed as XML');
      parsed = xmlParser.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new WsFailure(500, [
        {
          code: 127,
          message: `XML error : ${error instanceof Error ? error.message.split('\n')[0] : 'String could not be parsed as XML'}\nXML length : ${text.length}\nOriginal XML : ${text}`,
        },
      ]);
    }
    const root = (parsed.prestashop ?? {}) as Record<string, unknown>;
    const raw = root[def.node];
    const nodes = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Record<string, unknown>[];
    if (nodes.length === 0)
      throw new WsFailure(400, [{ code: 90, message: 'id is required when modifying a resource' }]);
    const ids = nodes.map((node) => textOf(node.id).trim()).filter((id) => id !== '');
    if (method === 'POST' && ids.length > 0)
      throw new WsFailure(400, [{ code: 91, message: 'id is forbidden when adding a new resource' }]);
    if (method !== 'POST' && ids.length !== nodes.length)
      throw new WsFailure(400, [{ code: 90, message: 'id is required when modifying a resource' }]);
    let saved: FakeRecord | undefined;
    for (const node of nodes) saved = this.saveNode(resource, def, method, node, url);
    return this.renderOne(resource, def, saved as FakeRecord, url, format, method === 'POST' ? 201 : 200);
  }

  private saveNode(
    resource: string,
    def: ResourceDef,
    method: 'POST' | 'PUT' | 'PATCH',
    node: Record<string, unknown>,
    url: URL,
  ): FakeRecord {
    const existing = method === 'POST' ? undefined : this.store.get(resource, Number(textOf(node.id)));
    if (method !== 'POST' && !existing) throw new WsFailure(404, [{ code: 92, message: 'Invalid ID' }]);
    const fields: Record<string, FieldValue> = existing ? structuredClone(existing.fields) : {};
    const languages = this.languages();
    for (const [name, field] of Object.entries(def.fields)) {
      const present = name in node;
      if (method === 'PATCH' && !present) continue;
      if (present && field.readOnly) {
        throw new WsFailure(400, [
          { code: 93, message: `parameter "${name}" not writable. Please remove this attribute of this XML` },
        ]);
      }
      if (field.lang) {
        const value = node[name];
        const current = (typeof fields[name] === 'object' ? fields[name] : {}) as Record<string, string>;
        if (!present) {
          // PUT: a translated field left out is emptied in every language.
          if (method === 'PUT' || method === 'POST') fields[name] = Object.fromEntries(languages.map((id) => [id, '']));
          continue;
        }
        const entries = (value as { language?: unknown[] } | undefined)?.language;
        if (Array.isArray(entries)) {
          const next = { ...current };
          for (const entry of entries) next[String((entry as Record<string, unknown>)['@_id'])] = textOf(entry);
          fields[name] = next;
        } else {
          fields[name] = Object.fromEntries(languages.map((id) => [id, textOf(value)]));
        }
        continue;
      }
      if (present) fields[name] = textOf(node[name]);
      else if (field.required && method !== 'PATCH')
        throw new WsFailure(400, [{ code: 41, message: `parameter "${name}" required` }]);
      else if (!field.readOnly) fields[name] = field.initial ?? '';
    }
    if (method === 'POST') {
      // The back office's default-language copy: a language left empty takes the default one's text.
      for (const [name, field] of Object.entries(def.fields)) {
        if (!field.lang) continue;
        const value = fields[name] as Record<string, string>;
        for (const id of languages) if (!value[id]) value[id] = value['1'] ?? '';
      }
    }
    for (const [name, field] of Object.entries(def.fields)) {
      if (field.lang && field.required && !((fields[name] as Record<string, string> | undefined)?.['1'] ?? '').trim()) {
        throw new WsFailure(400, [
          { code: 84, message: `Validation error: "Property ${def.node}->${name} is empty for default language."` },
        ]);
      }
    }
    this.validate(resource, def, fields);
    const associations = existing ? structuredClone(existing.associations) : {};
    const given = node.associations as Record<string, unknown> | undefined;
    if (given && typeof given === 'object') {
      for (const [name, value] of Object.entries(given)) {
        const association = def.associations?.[name];
        if (!association)
          throw new WsFailure(400, [{ code: 86, message: `The association "${name}" does not exists` }]);
        const items =
          (value && typeof value === 'object'
            ? ((value as Record<string, unknown>)[association.node] as unknown[])
            : []) ?? [];
        associations[name] = items.map((item) =>
          Object.fromEntries(
            association.fields
              .filter((key) => key in (item as object))
              .map((key) => [key, textOf((item as Record<string, unknown>)[key])]),
          ),
        );
      }
    }
    const stamp = this.stamp();
    if (def.dated) {
      if (!existing) fields.date_add = textOf(node.date_add) || stamp;
      if (def.dated === 'both') fields.date_upd = stamp;
    }
    const saved = existing
      ? this.store.update(resource, existing, { fields, associations })
      : this.store.insert(resource, { fields, associations });
    this.afterSave(resource, saved, method, url);
    return saved;
  }

  private validate(resource: string, def: ResourceDef, fields: Record<string, FieldValue>): void {
    const fail = (field: string) => {
      throw new WsFailure(400, [
        {
          code: 85,
          message: `Validation error: "Property ${def.node[0]?.toUpperCase()}${def.node.slice(1)}->${field} is not valid"`,
        },
      ]);
    };
    const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
    for (const price of ['price', 'wholesale_price', 'reduction', 'amount']) {
      if (def.fields[price] && text(price) !== '' && !/^-?\d+(\.\d+)?$/.test(text(price))) fail(price);
    }
    if (resource === 'products' || resource === 'combinations') {
      if (text('ean13') && !/^\d{0,13}$/.test(text('ean13'))) fail('ean13');
      for (const id of this.languages()) {
        const slug = (fields.link_rewrite as Record<string, string> | undefined)?.[id];
        if (slug && !/^[_a-zA-Z0-9-]+$/.test(slug)) fail('link_rewrite');
      }
    }
    if (resource === 'customers') {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text('email'))) fail('email');
      for (const name of ['firstname', 'lastname']) if (/[0-9!<>,;?=+()@#"°{}_$%:]/.test(text(name))) fail(name);
    }
    if (resource === 'orders' && text('reference').length > 9) fail('reference');
  }

  private afterSave(resource: string, record: FakeRecord, method: string, url: URL): void {
    const stamp = this.stamp();
    const sendEmail = url.searchParams.get('sendemail') === '1';
    if (resource === 'products' && method === 'POST') {
      this.store.insert('stock_availables', {
        fields: {
          id_product: String(record.id),
          id_product_attribute: '0',
          id_shop: '1',
          id_shop_group: '0',
          quantity: '0',
          depends_on_stock: '0',
          out_of_stock: '2',
          location: '',
        },
        associations: {},
      });
      if (!record.fields.state) record.fields.state = '1';
    }
    if (resource === 'combinations' && method === 'POST') {
      this.store.insert('stock_availables', {
        fields: {
          id_product: String(record.fields.id_product),
          id_product_attribute: String(record.id),
          id_shop: '1',
          id_shop_group: '0',
          quantity: '0',
          depends_on_stock: '0',
          out_of_stock: '2',
          location: '',
        },
        associations: {},
      });
    }
    if (resource === 'stock_availables' && record.fields.id_product_attribute !== '0') {
      // StockAvailable::postSave: a product's own row is the sum of its combinations'.
      const productId = String(record.fields.id_product);
      const rows = this.store
        .candidates('stock_availables', 'id_product', [productId])
        .filter((row) => row.fields.id_product === productId);
      const total = rows
        .filter((row) => row.fields.id_product_attribute !== '0')
        .reduce((sum, row) => sum + Number(row.fields.quantity), 0);
      const own = rows.find((row) => row.fields.id_product_attribute === '0');
      if (own) own.fields.quantity = String(total);
    }
    if (resource === 'order_histories' && method === 'POST') {
      const order = this.store.get('orders', Number(record.fields.id_order));
      if (!order)
        throw new WsFailure(400, [
          { code: 85, message: 'Validation error: "Property OrderHistory->id_order is not valid"' },
        ]);
      const state = this.store.get('order_states', Number(record.fields.id_order_state));
      if (!state)
        throw new WsFailure(400, [
          { code: 85, message: 'Validation error: "Property OrderHistory->id_order_state is not valid"' },
        ]);
      order.fields.current_state = String(state.id);
      order.fields.date_upd = stamp;
      if (state.fields.invoice === '1' && (order.fields.invoice_number === '0' || order.fields.invoice_number === '')) {
        const number = Math.max(0, ...this.store.all('order_invoices').map((row) => Number(row.fields.number))) + 1;
        order.fields.invoice_number = String(number);
        order.fields.invoice_date = stamp;
        this.store.insert('order_invoices', {
          fields: {
            id_order: String(order.id),
            number: String(number),
            total_paid_tax_excl: order.fields.total_paid_tax_excl as string,
            total_paid_tax_incl: order.fields.total_paid_tax_incl as string,
            date_add: stamp,
          },
          associations: {},
        });
      }
      if (sendEmail) this.emails.push({ resource, id: String(record.id) });
    }
    if (resource === 'order_carriers' && sendEmail) this.emails.push({ resource, id: String(record.id) });
    if (['order_carriers', 'order_payments', 'messages'].includes(resource)) {
      const orderId = resource === 'order_payments' ? undefined : record.fields.id_order;
      const order = orderId ? this.store.get('orders', Number(orderId)) : undefined;
      if (order) order.fields.date_upd = stamp;
    }
  }

  private remove(resource: string, id: string | undefined, url: URL, format: OutputFormat): Response {
    const list = id !== undefined ? [id] : (/^\[(.*)\]$/.exec(url.searchParams.get('id') ?? '')?.[1]?.split(',') ?? []);
    const missing = list.filter((entry) => !this.store.get(resource, Number(entry)));
    if (list.length === 0 || missing.length)
      throw new WsFailure(404, [{ code: 87, message: `Id(s) not exists: ${missing.join(', ')}` }]);
    for (const entry of list) {
      const numeric = Number(entry);
      if (resource === 'addresses') {
        const used = this.store
          .all('orders')
          .some((order) => order.fields.id_address_delivery === entry || order.fields.id_address_invoice === entry);
        if (used) {
          (this.store.get(resource, numeric) as FakeRecord).fields.deleted = '1';
          continue;
        }
      }
      if (resource === 'combinations') {
        for (const row of this.store
          .all('stock_availables')
          .filter((stock) => stock.fields.id_product_attribute === entry))
          this.store.remove('stock_availables', row.id);
      }
      this.store.remove(resource, numeric);
    }
    return this.response('', 200, format);
  }

  private async images(
    request: RequestLike,
    method: string,
    segments: string[],
    format: OutputFormat,
  ): Promise<Response> {
    if (segments[1] !== 'products')
      throw new WsFailure(400, [{ code: 48, message: `Image of type "${segments[1] ?? ''}" does not exist` }]);
    const product = this.store.get('products', Number(segments[2]));
    if (!product) throw new WsFailure(400, [{ code: 76, message: `Product ${Number(segments[2])} does not exist` }]);
    const images = product.associations.images ?? [];
    if (method === 'POST' && segments.length === 3) {
      const form = await request.formData();
      const file = form.get('image');
      if (!(file instanceof Blob))
        throw new WsFailure(400, [{ code: 76, message: 'Please set an "image" parameter with image data for value' }]);
      if (!file.type.startsWith('image/'))
        throw new WsFailure(400, [
          {
            code: 73,
            message:
              'This type of image format is not recognized, allowed formats are: image/gif", "image/jpg", "image/jpeg", "image/pjpeg", "image/png", "image/x-png',
          },
        ]);
      const id = ++this.imageSequence;
      const cover = images.length === 0 || !product.fields.id_default_image || product.fields.id_default_image === '0';
      product.associations.images = [...images, { id: String(id) }];
      if (cover) product.fields.id_default_image = String(id);
      product.fields.date_upd = this.stamp();
      const image = {
        id,
        id_product: String(product.id),
        position: String(images.length + 1),
        cover: cover ? '1' : null,
        legend: this.languages().map((language) => ({ id: language, value: '' })),
        content: PNG.toString('base64'),
      };
      if (format === 'JSON') return this.response(JSON.stringify({ image }), 200, 'JSON');
      return this.response(xmlDocument({ image: { id: { __cdata: String(id) } } }), 200, 'XML');
    }
    if (method === 'DELETE' && segments.length === 4) {
      const imageId = segments[3] as string;
      if (!images.some((image) => image.id === imageId))
        throw new WsFailure(404, [{ code: 60, message: 'This image id does not exist' }]);
      product.associations.images = images.filter((image) => image.id !== imageId);
      if (product.fields.id_default_image === imageId)
        product.fields.id_default_image = product.associations.images[0]?.id ?? '0';
      return this.response('', 200, format);
    }
    throw new WsFailure(405, [{ code: 77, message: `Method ${method} is not allowed for an image resource` }]);
  }

  /** A back-office creation: the record with its defaults and the shop's side effects. */
  createRecord(resource: string, fields: Record<string, FieldValue>): FakeRecord {
    const def = resourceDefs[resource] as ResourceDef;
    const full: Record<string, FieldValue> = {};
    for (const [name, field] of Object.entries(def.fields)) {
      full[name] = fields[name] ?? (field.lang ? Object.fromEntries(this.languages().map((id) => [id, ''])) : '');
    }
    if (def.dated) {
      full.date_add = this.stamp();
      full.date_upd = this.stamp();
    }
    const record = this.store.insert(resource, { fields: full, associations: { categories: [{ id: '2' }] } });
    this.afterSave(resource, record, 'POST', new URL(FAKE_URL));
    return record;
  }
}

/** A started fake; `stop()` it (the conformance subjects' cleanup does). */
export function createFakePrestashop(options: FakePrestashopOptions = {}): FakePrestashop {
  return new FakePrestashop(options).start();
}
