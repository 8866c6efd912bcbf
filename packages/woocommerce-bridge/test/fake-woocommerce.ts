import type { ConformanceFixtures, ConformanceMutations } from '@passerelle/core/testing';
import { delay, HttpResponse, http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import type {
  WooCategory,
  WooCustomer,
  WooMeta,
  WooOrder,
  WooOrderNote,
  WooProduct,
  WooRefund,
  WooTaxRate,
  WooVariation,
  WooWebhook,
} from '../src/woo.types.js';
import { verifyOAuth } from './fake/oauth-verifier.js';
import { docsSeed, type FakeSeed, fixture, SEED_SKUS } from './fake/seed.js';

/** One request the fake answered (or refused), for tests and the bench to count. */
export interface FakeCall {
  method: string;
  /** Relative to `/wp-json/wc/v3/`, without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

/** What the next matching request gets instead of a normal answer. */
export type FakeFault =
  | 'html'
  | 'php-notice'
  | 'truncated'
  | 'empty'
  | 'timeout'
  | { status: number; body?: unknown; headers?: Record<string, string>; text?: string };

export interface FakeWooOptions {
  /** `https://…` checks Basic auth; `http://…` requires OAuth 1.0a signatures, as WooCommerce does. @default 'https://shop.test' */
  baseUrl?: string;
  consumerKey?: string;
  consumerSecret?: string;
  /** The key's permission. @default 'read_write' */
  permissions?: 'read' | 'write' | 'read_write';
  seed?: FakeSeed;
  /** `woocommerce_rest_batch_items_limit`. @default 100 */
  batchLimit?: number;
  /** Statuses added by plug-ins (slug, label). @default a "Shipped" and a "Delivered" status */
  customStatuses?: { slug: string; name: string }[];
  /** Active plug-ins beyond WooCommerce, as `folder/file.php`. */
  plugins?: string[];
  /** Whether `products/brands` exists (WooCommerce 9.6+). @default false */
  brands?: boolean;
  pricesIncludeTax?: boolean;
  /** The fake's clock. @default the system clock */
  now?: () => Date;
  /** How long a `timeout` fault holds the answer, in ms. @default 5_000 */
  hangMs?: number;
  /** Added to every answer, in ms (the bench's platform latency). @default 0 */
  latencyMs?: number;
}

// Parsed once: a create copies them, and a bulk load must not read the disk per product.
const PRODUCT_TEMPLATE = fixture<WooProduct>('product-simple');
const VARIATION_TEMPLATE = fixture<WooVariation[]>('variations')[0] as WooVariation;

const CORE_STATUSES = fixture<{ slug: string; name: string }[]>('orders-totals').map((status) => ({
  slug: status.slug,
  name: status.name,
}));

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return HttpResponse.json({ code, message, data: { status, ...extra } }, { status });
}

function gmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function parseGmt(value: string | null | undefined): number {
  return value ? Date.parse(`${value}Z`) : Number.NaN;
}

function asInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** Upserts meta by key, as `WC_Data::update_meta_data` does. */
function mergeMeta(existing: WooMeta[], incoming: unknown, nextId: () => number): WooMeta[] {
  const out = existing.map((entry) => ({ ...entry }));
  for (const entry of Array.isArray(incoming) ? (incoming as WooMeta[]) : []) {
    const found = out.find((item) => item.key === entry.key);
    if (found) found.value = entry.value;
    else out.push({ id: nextId(), key: entry.key, value: entry.value });
  }
  return out;
}

/** The fake shop: state, call log, fault queue, and the msw server that serves it. */
export interface FakeWooCommerce {
  readonly baseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly server: SetupServer;
  readonly state: {
    products: Map<number, WooProduct>;
    variations: Map<number, WooVariation[]>;
    categories: Map<number, WooCategory>;
    customers: Map<number, WooCustomer>;
    orders: Map<number, WooOrder>;
    notes: Map<number, WooOrderNote[]>;
    refunds: Map<number, WooRefund[]>;
    brands: Map<number, { id: number; name: string; slug: string }>;
    taxRates: WooTaxRate[];
    webhooks: WooWebhook[];
    statuses: { slug: string; name: string }[];
    plugins: string[];
  };
  readonly calls: FakeCall[];
  /** Requests for `POST …/batch`, optionally under one path (`products`, `products/799/variations`). */
  batchCalls(path?: string): FakeCall[];
  /** Queues faults for the next requests matching `match` (every request when absent). */
  fault(
    fault: FakeFault,
    options?: { times?: number; match?: (call: { method: string; path: string }) => boolean },
  ): void;
  fixtures: ConformanceFixtures;
  backOffice: Required<ConformanceMutations>;
  listen(): void;
  close(): void;
  resetCalls(): void;
}

/**
 * A stateful msw fake of WooCommerce REST v3, built from the plug-in's documentation and controllers: the
 * documented payloads, offset paging with `X-WP-Total`/`X-WP-TotalPages`, `per_page` capped at 100, batch
 * endpoints with per-item errors and a 413 above the limit, strict `modified_after`/`after`, the `sku` list
 * filter returning variations too, WooCommerce's error bodies, Basic auth on https and OAuth 1.0a
 * signatures (with nonce replay refused) on http.
 */
export function createFakeWooCommerce(options: FakeWooOptions = {}): FakeWooCommerce {
  const baseUrl = (options.baseUrl ?? 'https://shop.test').replace(/\/$/, '');
  const consumerKey = options.consumerKey ?? 'ck_0123456789abcdef0123456789abcdef01234567';
  const consumerSecret = options.consumerSecret ?? 'cs_fedcba9876543210fedcba9876543210fedcba98';
  const now = options.now ?? (() => new Date());
  const batchLimit = options.batchLimit ?? 100;
  const seed = options.seed ?? docsSeed();
  const secure = baseUrl.startsWith('https:');
  const seenNonces = new Set<string>();
  let nextId = 5000;
  const newId = () => nextId++;
  const faults: { fault: FakeFault; remaining: number; match?: (call: { method: string; path: string }) => boolean }[] =
    [];
  const calls: FakeCall[] = [];

  const state: FakeWooCommerce['state'] = {
    products: new Map(seed.products.map((product) => [product.id, structuredClone(product)])),
    variations: new Map([...seed.variations].map(([id, list]) => [id, structuredClone(list)])),
    categories: new Map(seed.categories.map((category) => [category.id, structuredClone(category)])),
    customers: new Map(seed.customers.map((customer) => [customer.id, structuredClone(customer)])),
    orders: new Map(seed.orders.map((order) => [order.id, structuredClone(order)])),
    notes: new Map([...seed.notes].map(([id, list]) => [id, structuredClone(list)])),
    refunds: new Map([...seed.refunds].map(([id, list]) => [id, structuredClone(list)])),
    brands: new Map(),
    taxRates: structuredClone(seed.taxRates),
    webhooks: structuredClone(seed.webhooks),
    statuses: [
      ...CORE_STATUSES,
      ...(options.customStatuses ?? [
        { slug: 'shipped', name: 'Shipped' },
        { slug: 'delivered', name: 'Delivered' },
      ]),
    ],
    plugins: ['woocommerce/woocommerce.php', ...(options.plugins ?? [])],
  };

  // SKU -> product id, or variation id and parent: WooCommerce looks SKUs up in its lookup table, not by scanning.
  const skus = new Map<string, { id: number; parent: number | null }>();
  for (const product of state.products.values())
    if (product.sku) skus.set(product.sku, { id: product.id, parent: null });
  for (const [parent, list] of state.variations)
    for (const variation of list) if (variation.sku) skus.set(variation.sku, { id: variation.id, parent });

  const variationOwner = (variationId: number): number | undefined => {
    for (const [parent, list] of state.variations)
      if (list.some((variation) => variation.id === variationId)) return parent;
    return undefined;
  };

  /** A variation in the products controller's shape, as `GET /products?sku=` and `/products/<id>` answer it. */
  const variationAsProduct = (variation: WooVariation, parentId: number): WooProduct => {
    const parent = state.products.get(parentId) as WooProduct;
    return {
      ...(parent as WooProduct),
      ...variation,
      id: variation.id,
      name: `${parent.name} - ${variation.attributes.map((attribute) => attribute.option).join(', ')}`,
      type: 'variation',
      parent_id: parentId,
      images: variation.image ? [variation.image] : [],
      attributes: [],
      variations: [],
      categories: [],
      upsell_ids: [],
      cross_sell_ids: [],
    } as WooProduct;
  };

  // ---------------------------------------------------------------- listing helpers

  function page<T>(items: T[], query: Record<string, string>, path: string) {
    const perPage = query.per_page === undefined ? 10 : Number(query.per_page);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return error(400, 'rest_invalid_param', 'Invalid parameter(s): per_page', {
        params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
        details: {
          per_page: {
            code: 'rest_invalid_param',
            message: 'per_page must be between 1 (inclusive) and 100 (inclusive)',
            data: null,
          },
        },
      });
    }
    const pageNumber = query.page === undefined ? 1 : Number(query.page);
    const offset = query.offset !== undefined ? Number(query.offset) : (pageNumber - 1) * perPage;
    const slice = items.slice(offset, offset + perPage);
    const totalPages = Math.ceil(items.length / perPage);
    const fields = query._fields?.split(',').map((field) => field.trim());
    const body = fields
      ? slice.map((item) =>
          Object.fromEntries(
            fields
              .filter((field) => field in (item as object))
              .map((field) => [field, (item as Record<string, unknown>)[field]]),
          ),
        )
      : slice;
    const links: string[] = [];
    if (pageNumber < totalPages) links.push(`<${baseUrl}/wp-json/wc/v3/${path}?page=${pageNumber + 1}>; rel="next"`);
    if (pageNumber > 1) links.push(`<${baseUrl}/wp-json/wc/v3/${path}?page=${pageNumber - 1}>; rel="prev"`);
    return HttpResponse.json(body, {
      headers: {
        'X-WP-Total': String(items.length),
        'X-WP-TotalPages': String(totalPages),
        ...(links.length ? { Link: links.join(', ') } : {}),
      },
    });
  }

  function sortById<T extends { id: number }>(items: T[], query: Record<string, string>, include?: number[]): T[] {
    const sorted = [...items];
    if (query.orderby === 'include' && include) sorted.sort((a, b) => include.indexOf(a.id) - include.indexOf(b.id));
    else if (query.orderby === 'id') sorted.sort((a, b) => a.id - b.id);
    else sorted.sort((a, b) => b.id - a.id);
    if (query.order === 'desc' && query.orderby === 'id') sorted.reverse();
    return sorted;
  }

  function dateFilter<T>(
    items: T[],
    query: Record<string, string>,
    modified: (item: T) => string | null,
    created: (item: T) => string | null,
  ): T[] {
    // WordPress date queries are strict: "after" does not include the instant itself.
    const modifiedAfter = query.modified_after
      ? Date.parse(query.dates_are_gmt === 'true' ? `${query.modified_after}Z` : query.modified_after)
      : null;
    const after = query.after ? Date.parse(query.dates_are_gmt === 'true' ? `${query.after}Z` : query.after) : null;
    return items.filter(
      (item) =>
        (modifiedAfter === null || parseGmt(modified(item)) > modifiedAfter) &&
        (after === null || parseGmt(created(item)) > after),
    );
  }

  const ids = (value: string | undefined) =>
    value
      ? value
          .split(',')
          .map((part) => Number(part.trim()))
          .filter(Number.isInteger)
      : undefined;

  // ---------------------------------------------------------------- products

  // The parent of a variation being created, before it is filed under its parent.
  let pendingParent: number | null = null;

  function applyProduct(
    target: WooProduct | WooVariation,
    body: Record<string, unknown>,
    isVariation: boolean,
  ): string | null {
    const stamp = gmt(now());
    const product = target as WooProduct & WooVariation;
    if (typeof body.sku === 'string' && body.sku !== product.sku && body.sku !== '') {
      const owner = skus.get(body.sku);
      if (owner && owner.id !== product.id) return 'product_invalid_sku';
      if (product.sku) skus.delete(product.sku);
      product.sku = body.sku;
      skus.set(body.sku, {
        id: product.id,
        parent: isVariation ? (variationOwner(product.id) ?? pendingParent) : null,
      });
    }
    for (const field of [
      'name',
      'slug',
      'type',
      'status',
      'catalog_visibility',
      'description',
      'short_description',
      'regular_price',
      'sale_price',
      'tax_class',
      'weight',
      'global_unique_id',
    ] as const) {
      if (typeof body[field] === 'string') (product as unknown as Record<string, unknown>)[field] = body[field];
    }
    for (const field of ['date_on_sale_from_gmt', 'date_on_sale_to_gmt'] as const)
      if (field in body) product[field] = (body[field] as string | null) ?? null;
    if ('stock_quantity' in body) {
      if (body.stock_quantity !== null && asInt(body.stock_quantity) === undefined) return 'rest_invalid_param';
      product.stock_quantity = body.stock_quantity as number | null;
    }
    if (typeof body.manage_stock === 'boolean') product.manage_stock = body.manage_stock;
    if (typeof body.stock_status === 'string' && product.manage_stock !== true)
      product.stock_status = body.stock_status as WooProduct['stock_status'];
    if (product.manage_stock === true)
      product.stock_status = (product.stock_quantity ?? 0) > 0 ? 'instock' : 'outofstock';
    if (body.dimensions && typeof body.dimensions === 'object')
      product.dimensions = { ...product.dimensions, ...(body.dimensions as object) };
    if (Array.isArray(body.upsell_ids)) product.upsell_ids = body.upsell_ids as number[];
    if (Array.isArray(body.cross_sell_ids)) product.cross_sell_ids = body.cross_sell_ids as number[];
    if (Array.isArray(body.categories)) {
      product.categories = (body.categories as { id: number }[]).flatMap((entry) => {
        const category = state.categories.get(entry.id);
        return category ? [{ id: category.id, name: category.name, slug: category.slug }] : [];
      });
    }
    if (Array.isArray(body.brands)) {
      product.brands = (body.brands as number[]).flatMap((id) => {
        const brand = state.brands.get(id);
        return brand ? [brand] : [];
      });
    }
    if (Array.isArray(body.images)) {
      const known = [...state.products.values()].flatMap((item) => item.images);
      product.images = (body.images as { id?: number; src?: string; alt?: string }[]).map((image) => {
        const found = image.id !== undefined ? known.find((entry) => entry.id === image.id) : undefined;
        return found
          ? { ...found, alt: image.alt ?? found.alt }
          : { id: newId(), src: image.src ?? '', name: '', alt: image.alt ?? '' };
      });
    }
    if (isVariation && body.image && typeof body.image === 'object') {
      const image = body.image as { id?: number; src?: string };
      product.image = { id: image.id ?? newId(), src: image.src ?? '', name: '', alt: '' };
    }
    if (Array.isArray(body.attributes)) {
      product.attributes = isVariation
        ? ((body.attributes as { id?: number; name?: string; option: string }[]).map((entry) => ({
            id: entry.id ?? 0,
            name: entry.name ?? '',
            option: entry.option,
          })) as never)
        : ((
            body.attributes as {
              id?: number;
              name?: string;
              position?: number;
              visible?: boolean;
              variation?: boolean;
              options?: string[];
            }[]
          ).map((entry) => {
            const existing = (target as WooProduct).attributes.find((attribute) =>
              entry.id ? attribute.id === entry.id : attribute.name === entry.name,
            );
            return {
              id: entry.id ?? 0,
              name: entry.name ?? existing?.name ?? '',
              position: entry.position ?? 0,
              visible: entry.visible ?? false,
              variation: entry.variation ?? false,
              options: entry.options ?? [],
            };
          }) as never);
    }
    if (body.meta_data !== undefined) product.meta_data = mergeMeta(product.meta_data ?? [], body.meta_data, newId);
    product.price = product.sale_price || product.regular_price;
    product.date_modified_gmt = stamp;
    return null;
  }

  function createProduct(body: Record<string, unknown>): WooProduct | string {
    const product: WooProduct = {
      // A shallow copy shares the template's strings; every array and object below is the product's own.
      ...PRODUCT_TEMPLATE,
      dimensions: { ...PRODUCT_TEMPLATE.dimensions },
      id: newId(),
      name: '',
      slug: '',
      sku: '',
      description: '',
      short_description: '',
      regular_price: '',
      sale_price: '',
      price: '',
      images: [],
      categories: [],
      attributes: [],
      variations: [],
      meta_data: [],
      upsell_ids: [],
      cross_sell_ids: [],
      related_ids: [],
      manage_stock: false,
      stock_quantity: null,
      date_created_gmt: gmt(now()),
    };
    const failure = applyProduct(product, body, false);
    if (failure) return failure;
    if (!product.slug)
      product.slug =
        product.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || `product-${product.id}`;
    if (product.categories.length === 0)
      product.categories = [{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }].filter((entry) =>
        state.categories.has(entry.id),
      );
    state.products.set(product.id, product);
    return product;
  }

  function createVariation(parentId: number, body: Record<string, unknown>): WooVariation | string {
    const variation: WooVariation = {
      ...VARIATION_TEMPLATE,
      dimensions: { ...VARIATION_TEMPLATE.dimensions },
      id: newId(),
      sku: '',
      regular_price: '',
      sale_price: '',
      price: '',
      image: null,
      attributes: [],
      meta_data: [],
      manage_stock: false,
      stock_quantity: null,
      date_created_gmt: gmt(now()),
    };
    pendingParent = parentId;
    const failure = applyProduct(variation, body, true);
    pendingParent = null;
    if (failure) return failure;
    state.variations.set(parentId, [...(state.variations.get(parentId) ?? []), variation]);
    const parent = state.products.get(parentId);
    if (parent) parent.variations = [...parent.variations, variation.id];
    return variation;
  }

  const itemError = (id: number, code: string, message: string, status = 400) => ({
    id,
    error: { code, message, data: { status } },
  });

  function batch(
    body: unknown,
    create: (item: Record<string, unknown>) => unknown,
    update: (item: Record<string, unknown>) => unknown,
  ) {
    const input = (body ?? {}) as {
      create?: Record<string, unknown>[];
      update?: Record<string, unknown>[];
      delete?: number[];
    };
    const total = (input.create?.length ?? 0) + (input.update?.length ?? 0) + (input.delete?.length ?? 0);
    if (total > batchLimit)
      return error(
        413,
        'woocommerce_rest_request_entity_too_large',
        `Unable to accept more than ${batchLimit} items for this request.`,
      );
    const out: Record<string, unknown[]> = {};
    if (input.create) out.create = input.create.map(create);
    if (input.update) out.update = input.update.map(update);
    return HttpResponse.json(out);
  }

  const productError = (code: string, id: number) =>
    code === 'product_invalid_sku'
      ? itemError(id, 'product_invalid_sku', 'Invalid or duplicated SKU.')
      : itemError(id, 'rest_invalid_param', 'Invalid parameter(s): stock_quantity');

  // ---------------------------------------------------------------- routing

  type Handler = (call: {
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
    url: URL;
  }) => Promise<Response> | Response;
  const routes: {
    method: string;
    pattern: RegExp;
    handler: (match: RegExpMatchArray, call: Parameters<Handler>[0]) => Promise<Response> | Response;
  }[] = [];
  const route = (
    method: string,
    pattern: RegExp,
    handler: (match: RegExpMatchArray, call: Parameters<Handler>[0]) => Promise<Response> | Response,
  ) => routes.push({ method, pattern, handler });

  route('GET', /^system_status$/, (_match, call) => {
    const status = fixture<Record<string, unknown>>('system-status');
    (status.environment as Record<string, unknown>).home_url = baseUrl;
    (status.environment as Record<string, unknown>).version = '9.8.0';
    status.active_plugins = state.plugins.map((plugin) => ({ plugin, name: plugin.split('/')[0], version: '1.0.0' }));
    const fields = call.query._fields?.split(',');
    return HttpResponse.json(
      fields ? Object.fromEntries(Object.entries(status).filter(([key]) => fields.includes(key))) : status,
    );
  });
  route('GET', /^settings\/general$/, () =>
    HttpResponse.json([
      ...fixture<{ id: string }[]>('settings-general'),
      { id: 'woocommerce_default_country', value: 'US:CA' },
    ]),
  );
  route('GET', /^settings\/products$/, () =>
    HttpResponse.json([
      { id: 'woocommerce_weight_unit', value: 'kg' },
      { id: 'woocommerce_dimension_unit', value: 'cm' },
    ]),
  );
  route('GET', /^settings\/tax$/, () =>
    HttpResponse.json([{ id: 'woocommerce_prices_include_tax', value: options.pricesIncludeTax ? 'yes' : 'no' }]),
  );
  route('GET', /^reports\/orders\/totals$/, () =>
    HttpResponse.json(
      state.statuses.map((status) => ({
        ...status,
        total: [...state.orders.values()].filter((order) => order.status === status.slug).length,
      })),
    ),
  );
  route('GET', /^payment_gateways$/, () => HttpResponse.json(fixture('payment-gateways')));
  route('GET', /^shipping_methods$/, () => HttpResponse.json(fixture('shipping-methods')));
  route('GET', /^taxes$/, (_match, call) => page(state.taxRates, call.query, 'taxes'));
  route('GET', /^taxes\/classes$/, () => HttpResponse.json(fixture('tax-classes')));
  route('GET', /^data\/currencies\/current$/, () => HttpResponse.json(fixture('currency-current')));
  route('GET', /^data\/countries$/, () => HttpResponse.json(fixture('countries')));
  route('GET', /^products\/attributes$/, () => HttpResponse.json(fixture('product-attributes')));
  route('GET', /^webhooks$/, (_match, call) =>
    page(
      state.webhooks.filter(
        (hook) => !call.query.status || call.query.status === 'all' || hook.status === call.query.status,
      ),
      call.query,
      'webhooks',
    ),
  );

  route('GET', /^products$/, (_match, call) => {
    const { query } = call;
    let items: WooProduct[] = [...state.products.values()];
    if (query.sku) {
      const wanted = query.sku.split(',');
      if (wanted.length > 1) wanted.push(query.sku);
      // With a SKU filter the products controller also queries `product_variation` posts (through the SKU lookup table).
      items = [...new Set(wanted)].flatMap((sku) => {
        const owner = skus.get(sku);
        if (!owner) return [];
        if (owner.parent === null)
          return state.products.has(owner.id) ? [state.products.get(owner.id) as WooProduct] : [];
        const variation = (state.variations.get(owner.parent) ?? []).find((entry) => entry.id === owner.id);
        return variation ? [variationAsProduct(variation, owner.parent)] : [];
      });
    }
    const include = ids(query.include);
    if (include) items = items.filter((item) => include.includes(item.id));
    if (query.status && query.status !== 'any') items = items.filter((item) => item.status === query.status);
    if (query.type) items = items.filter((item) => item.type === query.type);
    items = dateFilter(
      items,
      query,
      (item) => item.date_modified_gmt,
      (item) => item.date_created_gmt,
    );
    return page(sortById(items, query, include), query, 'products');
  });
  route('GET', /^products\/(\d+)$/, (match) => {
    const id = Number(match[1]);
    const product = state.products.get(id);
    if (product) return HttpResponse.json(product);
    const parent = variationOwner(id);
    if (parent !== undefined)
      return HttpResponse.json(
        variationAsProduct((state.variations.get(parent) ?? []).find((item) => item.id === id) as WooVariation, parent),
      );
    return error(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
  });
  route('POST', /^products$/, (_match, call) => {
    const body = call.body as Record<string, unknown>;
    // WPML: a translation is a product of its own, linked to the original.
    if (call.query.lang && typeof body.translation_of === 'number') {
      const original = state.products.get(body.translation_of);
      if (!original) return error(400, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
      const created = createProduct({ ...body, sku: '' });
      if (typeof created === 'string') return error(400, created, 'Invalid or duplicated SKU.');
      created.lang = call.query.lang;
      original.translations = { ...(original.translations ?? {}), [call.query.lang]: created.id };
      return HttpResponse.json(created, { status: 201 });
    }
    const created = createProduct(body);
    if (typeof created === 'string') return error(400, created, 'Invalid or duplicated SKU.');
    return HttpResponse.json(created, { status: 201 });
  });
  route('PUT', /^products\/(\d+)$/, (match, call) => {
    const product = state.products.get(Number(match[1]));
    if (!product) return error(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    const failure = applyProduct(product, call.body as Record<string, unknown>, false);
    if (failure) return error(400, failure, 'Invalid or duplicated SKU.');
    return HttpResponse.json(product);
  });
  route('POST', /^products\/batch$/, (_match, call) =>
    batch(
      call.body,
      (item) => {
        const created = createProduct(item);
        return typeof created === 'string' ? productError(created, 0) : created;
      },
      (item) => {
        const id = Number(item.id);
        const product = state.products.get(id);
        if (!product) return itemError(id, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
        const failure = applyProduct(product, item, false);
        return failure ? productError(failure, id) : product;
      },
    ),
  );
  route('GET', /^products\/(\d+)\/variations$/, (match, call) => {
    const parent = state.products.get(Number(match[1]));
    if (!parent) return error(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    return page(
      sortById(state.variations.get(parent.id) ?? [], call.query),
      call.query,
      `products/${parent.id}/variations`,
    );
  });
  route('POST', /^products\/(\d+)\/variations\/batch$/, (match, call) => {
    const parentId = Number(match[1]);
    if (!state.products.has(parentId)) return error(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    return batch(
      call.body,
      (item) => {
        const created = createVariation(parentId, item);
        return typeof created === 'string' ? productError(created, 0) : created;
      },
      (item) => {
        const id = Number(item.id);
        const variation = (state.variations.get(parentId) ?? []).find((entry) => entry.id === id);
        if (!variation) return itemError(id, 'woocommerce_rest_product_variation_invalid_id', 'Invalid ID.');
        const failure = applyProduct(variation, item, true);
        return failure ? productError(failure, id) : variation;
      },
    );
  });
  route('GET', /^products\/brands$/, (_match, call) =>
    options.brands
      ? page([...state.brands.values()], call.query, 'products/brands')
      : error(404, 'rest_no_route', 'No route was found matching the URL and request method.'),
  );
  route('POST', /^products\/brands\/batch$/, (_match, call) => {
    if (!options.brands) return error(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    return batch(
      call.body,
      (item) => {
        const brand = {
          id: newId(),
          name: String(item.name),
          slug: String(item.name)
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-'),
        };
        state.brands.set(brand.id, brand);
        return brand;
      },
      (item) => itemError(Number(item.id), 'woocommerce_rest_term_invalid', 'Resource does not exist.', 404),
    );
  });

  route('GET', /^products\/categories$/, (_match, call) =>
    page(sortById([...state.categories.values()], call.query), call.query, 'products/categories'),
  );
  route('GET', /^products\/categories\/(\d+)$/, (match) => {
    const category = state.categories.get(Number(match[1]));
    return category
      ? HttpResponse.json(category)
      : error(404, 'woocommerce_rest_term_invalid', 'Resource does not exist.');
  });
  route('POST', /^products\/categories\/batch$/, (_match, call) =>
    batch(
      call.body,
      (item) => {
        const slug = String(item.slug ?? item.name ?? '').toLowerCase();
        if ([...state.categories.values()].some((category) => category.slug === slug))
          return itemError(0, 'term_exists', 'A term with the name provided already exists with this parent.');
        const parent = asInt(item.parent) ?? 0;
        if (parent && !state.categories.has(parent))
          return itemError(0, 'woocommerce_rest_term_invalid', 'Parent resource does not exist.');
        const category: WooCategory = {
          id: newId(),
          name: String(item.name ?? slug),
          slug,
          parent,
          description: String(item.description ?? ''),
          menu_order: asInt(item.menu_order) ?? 0,
          count: 0,
        };
        state.categories.set(category.id, category);
        return category;
      },
      (item) => {
        const category = state.categories.get(Number(item.id));
        if (!category)
          return itemError(Number(item.id), 'woocommerce_rest_term_invalid', 'Resource does not exist.', 404);
        if (typeof item.name === 'string') category.name = item.name;
        if (typeof item.slug === 'string') category.slug = item.slug;
        if (typeof item.description === 'string') category.description = item.description;
        if (asInt(item.parent) !== undefined) category.parent = item.parent as number;
        if (asInt(item.menu_order) !== undefined) category.menu_order = item.menu_order as number;
        return category;
      },
    ),
  );

  route('GET', /^customers$/, (_match, call) => {
    let items = [...state.customers.values()];
    if (call.query.email)
      items = items.filter((customer) => customer.email.toLowerCase() === call.query.email?.toLowerCase());
    if ((call.query.role ?? 'customer') !== 'all')
      items = items.filter((customer) => customer.role === (call.query.role ?? 'customer'));
    return page(sortById(items, call.query), call.query, 'customers');
  });
  route('GET', /^customers\/(\d+)$/, (match) => {
    const customer = state.customers.get(Number(match[1]));
    return customer ? HttpResponse.json(customer) : error(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
  });
  const applyCustomer = (customer: WooCustomer, item: Record<string, unknown>) => {
    for (const field of ['email', 'first_name', 'last_name'] as const)
      if (typeof item[field] === 'string') customer[field] = item[field] as string;
    if (item.billing && typeof item.billing === 'object')
      customer.billing = { ...customer.billing, ...(item.billing as object) };
    if (item.shipping && typeof item.shipping === 'object')
      customer.shipping = { ...customer.shipping, ...(item.shipping as object) };
    if (item.meta_data !== undefined) customer.meta_data = mergeMeta(customer.meta_data, item.meta_data, newId);
    customer.date_modified_gmt = gmt(now());
  };
  route('POST', /^customers\/batch$/, (_match, call) =>
    batch(
      call.body,
      (item) => {
        const email = typeof item.email === 'string' ? item.email : '';
        if (!email) return itemError(0, 'woocommerce_rest_invalid_email', 'Invalid email address.');
        if ([...state.customers.values()].some((customer) => customer.email === email))
          return itemError(
            0,
            'registration-error-email-exists',
            'An account is already registered with your email address.',
          );
        const blank = {
          first_name: '',
          last_name: '',
          company: '',
          address_1: '',
          address_2: '',
          city: '',
          state: '',
          postcode: '',
          country: '',
        };
        const customer: WooCustomer = {
          id: newId(),
          date_created_gmt: gmt(now()),
          date_modified_gmt: gmt(now()),
          email,
          first_name: '',
          last_name: '',
          role: 'customer',
          username: email.split('@')[0] ?? email,
          billing: { ...blank, email: '', phone: '' },
          shipping: { ...blank },
          is_paying_customer: false,
          meta_data: [],
        };
        applyCustomer(customer, item);
        state.customers.set(customer.id, customer);
        return customer;
      },
      (item) => {
        const customer = state.customers.get(Number(item.id));
        if (!customer) return itemError(Number(item.id), 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
        applyCustomer(customer, item);
        return customer;
      },
    ),
  );

  route('GET', /^orders$/, (_match, call) => {
    const { query } = call;
    let items = [...state.orders.values()];
    const include = ids(query.include);
    if (include) items = items.filter((order) => include.includes(order.id));
    if (query.status && query.status !== 'any') {
      const statuses = query.status.split(',');
      items = items.filter((order) => statuses.includes(order.status));
    }
    items = dateFilter(
      items,
      query,
      (order) => order.date_modified_gmt,
      (order) => order.date_created_gmt,
    );
    return page(sortById(items, query, include), query, 'orders');
  });
  route('GET', /^orders\/(\d+)$/, (match) => {
    const order = state.orders.get(Number(match[1]));
    return order ? HttpResponse.json(order) : error(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
  });
  route('POST', /^orders\/batch$/, (_match, call) =>
    batch(
      call.body,
      () => itemError(0, 'woocommerce_rest_cannot_create', 'The fake does not create orders through the API.', 400),
      (item) => {
        const order = state.orders.get(Number(item.id));
        if (!order) return itemError(Number(item.id), 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
        const stamp = gmt(now());
        if (typeof item.status === 'string' && item.status !== order.status) {
          if (!state.statuses.some((status) => status.slug === item.status))
            return itemError(order.id, 'rest_invalid_param', 'Invalid parameter(s): status');
          const from = state.statuses.find((status) => status.slug === order.status)?.name ?? order.status;
          const to = state.statuses.find((status) => status.slug === item.status)?.name ?? String(item.status);
          state.notes.set(order.id, [
            ...(state.notes.get(order.id) ?? []),
            {
              id: newId(),
              author: 'system',
              date_created_gmt: stamp,
              note: `Order status changed from ${from} to ${to}.`,
              customer_note: false,
            },
          ]);
          order.status = item.status;
          if (item.status === 'completed') order.date_completed_gmt = stamp;
        }
        if (item.meta_data !== undefined) order.meta_data = mergeMeta(order.meta_data, item.meta_data, newId);
        order.date_modified_gmt = stamp;
        return order;
      },
    ),
  );
  route('GET', /^orders\/(\d+)\/notes$/, (match) => {
    const id = Number(match[1]);
    if (!state.orders.has(id)) return error(404, 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
    return HttpResponse.json([...(state.notes.get(id) ?? [])].reverse());
  });
  route('POST', /^orders\/(\d+)\/notes$/, (match, call) => {
    const id = Number(match[1]);
    const body = call.body as { note?: string; customer_note?: boolean };
    if (!state.orders.has(id)) return error(404, 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
    if (!body.note) return error(400, 'woocommerce_rest_missing_note', 'Missing note parameter.');
    const note: WooOrderNote = {
      id: newId(),
      author: 'shop-manager',
      date_created_gmt: gmt(now()),
      note: body.note,
      customer_note: body.customer_note === true,
    };
    state.notes.set(id, [...(state.notes.get(id) ?? []), note]);
    return HttpResponse.json(note, { status: 201 });
  });
  route('GET', /^orders\/(\d+)\/refunds$/, (match, call) =>
    page(state.refunds.get(Number(match[1])) ?? [], call.query, `orders/${match[1]}/refunds`),
  );

  // ---------------------------------------------------------------- authentication and dispatch

  function authenticate(request: Request, url: URL): Response | null {
    if (secure) {
      const header = request.headers.get('authorization');
      let key: string | null = null;
      let secret: string | null = null;
      if (url.searchParams.get('consumer_key') && url.searchParams.get('consumer_secret')) {
        key = url.searchParams.get('consumer_key');
        secret = url.searchParams.get('consumer_secret');
      } else if (header?.startsWith('Basic ')) {
        const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
        key = user ?? null;
        secret = rest.join(':');
      }
      if (key !== null && key === consumerKey) {
        if (secret !== consumerSecret)
          return error(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
        return null;
      }
    }
    // Over http, WooCommerce never looks at Basic credentials: only a signed request authenticates.
    const check = verifyOAuth({
      method: request.method,
      url,
      consumerKey,
      consumerSecret,
      seenNonces,
      nowSeconds: Math.floor(now().getTime() / 1000),
    });
    if (check?.ok) return null;
    if (check) return error(401, check.code, check.message);
    return error(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
  }

  function faultResponse(fault: FakeFault): Promise<Response> | Response {
    if (fault === 'html')
      return new HttpResponse(
        '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance.</h1></body></html>',
        { status: 200, headers: { 'content-type': 'text/html; charset=UTF-8' } },
      );
    if (fault === 'php-notice')
      return new HttpResponse(
        '<br />\n<b>Notice</b>:  Undefined index: foo in <b>/var/www/wp-content/plugins/x/x.php</b> on line <b>12</b><br />\n[{"id":1}]',
        { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' } },
      );
    if (fault === 'truncated')
      return new HttpResponse('[{"id":794,"name":"Premium Qu', {
        status: 200,
        headers: { 'content-type': 'application/json; charset=UTF-8' },
      });
    if (fault === 'empty')
      return new HttpResponse('', { status: 200, headers: { 'content-type': 'application/json' } });
    if (fault === 'timeout') return delay(options.hangMs ?? 5_000).then(() => HttpResponse.json([]));
    if (fault.text !== undefined)
      return new HttpResponse(fault.text, {
        status: fault.status,
        headers: { 'content-type': 'text/html', ...(fault.headers ?? {}) },
      });
    return HttpResponse.json(
      fault.body ?? {
        code: 'internal_server_error',
        message: 'There has been a critical error on this website.',
        data: { status: fault.status },
      },
      { status: fault.status, headers: fault.headers ?? {} },
    );
  }

  const prefix = `${baseUrl}/wp-json/wc/v3/`;
  const handler = http.all(`${baseUrl}/wp-json/wc/v3/*`, async ({ request }) => {
    if (options.latencyMs) await delay(options.latencyMs);
    const url = new URL(request.url);
    const path = url.href.slice(prefix.length).split('?')[0] as string;
    const query = Object.fromEntries(
      [...url.searchParams].filter(
        ([name]) => !name.startsWith('oauth_') && name !== 'consumer_key' && name !== 'consumer_secret',
      ),
    );
    const text = request.method === 'GET' ? '' : await request.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    const record = (response: Response) => {
      calls.push({ method: request.method, path, query, body, status: response.status });
      return response;
    };
    const denied = authenticate(request, url);
    if (denied) return record(denied);
    const permission = options.permissions ?? 'read_write';
    if (request.method !== 'GET' && permission === 'read')
      return record(
        error(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.'),
      );
    if (request.method === 'GET' && permission === 'write')
      return record(
        error(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have read permissions.'),
      );
    const pending = faults.find(
      (entry) => entry.remaining > 0 && (!entry.match || entry.match({ method: request.method, path })),
    );
    if (pending) {
      pending.remaining--;
      calls.push({
        method: request.method,
        path,
        query,
        body,
        status: typeof pending.fault === 'object' ? pending.fault.status : 200,
      });
      return faultResponse(pending.fault);
    }
    for (const entry of routes) {
      if (entry.method !== request.method) continue;
      const match = path.match(entry.pattern);
      if (match) return record(await entry.handler(match, { method: request.method, path, query, body, url }));
    }
    return record(error(404, 'rest_no_route', 'No route was found matching the URL and request method.'));
  });

  const server = setupServer(handler);
  let placed = 0;

  const fake: FakeWooCommerce = {
    baseUrl,
    consumerKey,
    consumerSecret,
    server,
    state,
    calls,
    batchCalls: (path) =>
      calls.filter(
        (call) =>
          call.method === 'POST' &&
          call.path.endsWith('/batch') &&
          (path === undefined || call.path === `${path}/batch`),
      ),
    fault(fault, faultOptions = {}) {
      faults.push({
        fault,
        remaining: faultOptions.times ?? 1,
        ...(faultOptions.match ? { match: faultOptions.match } : {}),
      });
    },
    fixtures: {
      simpleProduct: SEED_SKUS.simple,
      productWithVariants: SEED_SKUS.variable,
      guestOrderId: '727',
      multiTaxOrderId: '800',
      statusOrderId: '727',
      stockReference: SEED_SKUS.simple,
    },
    backOffice: {
      async touchProduct(reference) {
        const stamp = gmt(now());
        for (const product of state.products.values()) if (product.sku === reference) product.date_modified_gmt = stamp;
        for (const [parent, list] of state.variations) {
          if (list.some((variation) => variation.sku === reference))
            (state.products.get(parent) as WooProduct).date_modified_gmt = stamp;
        }
      },
      async createProduct(reference) {
        const created = createProduct({
          name: `Created ${reference}`,
          sku: reference,
          regular_price: '5.00',
          status: 'publish',
        });
        if (typeof created === 'string') throw new Error(created);
        return String(created.id);
      },
      async placeOrder() {
        const template = state.orders.get(727) as WooOrder;
        const order = structuredClone(template);
        order.id = newId();
        order.number = String(order.id);
        order.status = 'processing';
        order.date_created_gmt = gmt(now());
        order.date_modified_gmt = gmt(now());
        order.date_paid_gmt = gmt(now());
        placed++;
        order.customer_note = `placed by the back office (${placed})`;
        state.orders.set(order.id, order);
        return String(order.id);
      },
    },
    // Requests to the module's own port (tests that listen for real) go through untouched.
    listen: () =>
      server.listen({
        onUnhandledRequest(request, print) {
          if (['127.0.0.1', 'localhost', '[::1]'].includes(new URL(request.url).hostname)) return;
          print.error();
        },
      }),
    close: () => server.close(),
    resetCalls: () => {
      calls.length = 0;
    },
  };
  return fake;
}
