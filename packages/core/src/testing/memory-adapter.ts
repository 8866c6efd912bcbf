import type {
  AdapterPage,
  CategoryOperations,
  CustomerOperations,
  ListOptions,
  OrderOperations,
  PlannedWrite,
  PlatformAdapter,
  ProductOperations,
  ProductWrite,
  StockOperations,
  WriteOutcome,
} from '../adapter.js';
import type { Order, Product, StockLevel, Variant, VariantWrite } from '../contracts/index.js';
import { InvalidCursorError, NotFoundError } from '../errors/index.js';
import type { ConformanceMutations } from './conformance.types.js';
import { demoSeed, type MemorySeed } from './memory-seed.js';

export interface MemoryAdapterOptions {
  /** The shop's clock: what dates edits and new orders. @default () => new Date() */
  now?: () => Date;
}

/** Edits made "in the shop's back office", behind the adapter's back (what the sweep and cursors must survive). */
export type MemoryBackOffice = Required<ConformanceMutations>;

export interface MemoryAdapter extends PlatformAdapter {
  products: ProductOperations;
  categories: CategoryOperations;
  stock: StockOperations;
  customers: CustomerOperations;
  orders: OrderOperations;
  backOffice: MemoryBackOffice;
}

type SortKey = (string | number)[];

function compareKeys(a: SortKey, b: SortKey): number {
  for (const [index, left] of a.entries()) {
    const right = b[index] as string | number;
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key)) return key as SortKey;
  } catch {
    // Falls through to the refusal below.
  }
  throw new InvalidCursorError('malformed');
}

/**
 * Keyset pagination: the cursor is the sort key of the last item served, so an edit or an insert between two
 * pages never shifts the next one (an offset would skip an item or serve one twice).
 */
function keysetPage<T>(items: T[], sortKey: (item: T) => SortKey, options: ListOptions): AdapterPage<T> {
  const after = options.cursor === null ? null : decodeCursor(options.cursor);
  const rest = items
    .filter((item) => after === null || compareKeys(sortKey(item), after) > 0)
    .sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  const page = rest.slice(0, options.limit);
  const last = page.at(-1);
  const nextCursor =
    rest.length > page.length && last ? Buffer.from(JSON.stringify(sortKey(last))).toString('base64url') : null;
  return { items: structuredClone(page), nextCursor };
}

const byId = (item: { id?: string | undefined }): SortKey => [Number(item.id)];

function changedSince(at: string | undefined, since: string | undefined): boolean {
  return since === undefined || (at !== undefined && Date.parse(at) >= Date.parse(since));
}

/** Drops `undefined` values, so that a partial write never blanks a field it does not name. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function byReferences<T extends { reference?: string | null | undefined }>(items: T[], references: string[]) {
  const found = new Map<string, T>();
  for (const item of items) {
    if (item.reference && references.includes(item.reference)) found.set(item.reference, structuredClone(item));
  }
  return found;
}

/**
 * A whole shop in memory: the smallest adapter that passes `runAdapterConformance`, and the model a bridge
 * follows. Reads page by keyset; writes apply only the fields a plan carries; orders keep their shop totals.
 */
export function createMemoryAdapter(seed: MemorySeed = demoSeed(), options: MemoryAdapterOptions = {}): MemoryAdapter {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const products = new Map((seed.products ?? []).map((product) => [product.id as string, structuredClone(product)]));
  const categories = structuredClone(seed.categories ?? []);
  const customers = structuredClone(seed.customers ?? []);
  const orders = new Map((seed.orders ?? []).map((order) => [order.id, structuredClone(order)]));
  // Products and variants share one id sequence, so a stock level can take its item's id without a clash.
  const catalogIds = [...products.values()].flatMap((p) => [p.id, ...(p.variants ?? []).map((v) => v.id)]);
  let lastCatalogId = Math.max(0, ...catalogIds.map(Number));
  let lastOrderId = Math.max(1000, ...[...orders.keys()].map(Number));

  // Reference (of a product or of one of its variants) -> product id. A lookup per written item must not scan the
  // whole catalogue, or loading one (the initial-sync benchmark) is quadratic.
  const referenceIndex = new Map<string, string>();
  const indexProduct = (product: Product, replace: boolean) => {
    for (const reference of [product.reference, ...(product.variants ?? []).map((variant) => variant.reference)]) {
      if (reference && (replace || !referenceIndex.has(reference))) referenceIndex.set(reference, product.id as string);
    }
  };
  for (const product of products.values()) indexProduct(product, false);

  const productOf = (reference: string) => {
    const product = products.get(referenceIndex.get(reference) ?? '');
    const matches = product?.reference === reference || product?.variants?.some((v) => v.reference === reference);
    return matches ? product : undefined;
  };

  function stockLevels(): StockLevel[] {
    return [...products.values()].flatMap((product) => {
      const items: (Product | Variant)[] = product.variants?.length ? product.variants : [product];
      return items.map((item) => ({
        id: item.id,
        reference: item.reference,
        productId: product.id,
        ...(item === product ? {} : { variantId: item.id }),
        quantity: item.quantity ?? 0,
        quantityType: 'available' as const,
        tracked: product.tracksStock ?? true,
        asOf: product.sourceUpdatedAt ?? now(),
        sourceUpdatedAt: product.sourceUpdatedAt,
      }));
    });
  }

  function mergeVariants(product: Product, writes: VariantWrite[], at: string): Variant[] {
    const variants = structuredClone(product.variants ?? []);
    for (const write of writes) {
      const { sourceUpdatedAt: _sent, ...fields } = defined(write);
      const current = variants.find((variant) => variant.reference === write.reference);
      if (current) Object.assign(current, fields, { sourceUpdatedAt: at });
      else
        variants.push({
          options: [],
          ...fields,
          id: String(++lastCatalogId),
          productId: product.id,
          sourceUpdatedAt: at,
        });
    }
    return variants;
  }

  function writeProduct(plan: PlannedWrite<ProductWrite>): WriteOutcome {
    const at = now();
    const { variants = [], sourceUpdatedAt: _sent, ...fields } = defined(plan.data);
    if (plan.action === 'create') {
      const reference = fields.reference ?? plan.key;
      if (!fields.name) return { key: plan.key, ok: false, error: 'a new product needs a name' };
      if (productOf(reference)) return { key: plan.key, ok: false, error: `reference "${reference}" is already used` };
      const product: Product = {
        ...fields,
        name: fields.name,
        reference,
        id: String(++lastCatalogId),
        sourceUpdatedAt: at,
      };
      if (variants.length) product.variants = mergeVariants(product, variants, at);
      products.set(product.id as string, product);
      indexProduct(product, true);
      return { key: plan.key, ok: true, id: product.id as string };
    }
    const current = products.get(plan.platformId ?? '');
    if (!current) return { key: plan.key, ok: false, error: `no product with id "${plan.platformId}"` };
    const updated: Product = { ...current, ...fields, sourceUpdatedAt: at };
    if (variants.length) updated.variants = mergeVariants(current, variants, at);
    products.set(current.id as string, updated);
    indexProduct(updated, true);
    return { key: plan.key, ok: true, id: current.id as string };
  }

  const backOffice: MemoryBackOffice = {
    async touchProduct(reference) {
      const product = productOf(reference);
      if (!product) throw new NotFoundError(`no product "${reference}"`);
      product.sourceUpdatedAt = now();
    },
    async createProduct(reference) {
      const outcome = writeProduct({
        key: reference,
        action: 'create',
        platformId: null,
        data: { reference, name: { en: reference }, price: '1.00', quantity: 0 },
        incoming: { reference, name: { en: reference } },
        directives: {},
      });
      if (outcome.ok !== true) throw new Error(outcome.ok === false ? outcome.error : outcome.reason);
      return outcome.id;
    },
    async placeOrder() {
      const template = orders.values().next().value;
      if (!template) throw new NotFoundError('the seed has no order to copy');
      const at = now();
      const id = String(++lastOrderId);
      const status = { status: 'paid' as const, rawStatus: 'paid' };
      const order: Order = {
        ...structuredClone(template),
        id,
        reference: `ORD-${id}`,
        createdAt: at,
        updatedAt: at,
        status,
      };
      order.statusHistory = [{ ...status, at }];
      orders.set(id, order);
      return id;
    },
  };

  return {
    async describe() {
      return { platform: 'memory', platformVersion: '1.0.0', apiVersion: 'memory-v1', name: 'In-memory demo shop' };
    },
    configuration: async () => structuredClone(seed.configuration ?? {}),
    products: {
      list: async ({ updatedSince, ...page }) =>
        keysetPage(
          [...products.values()].filter((p) => changedSince(p.sourceUpdatedAt, updatedSince)),
          byId,
          page,
        ),
      get: async (id) => structuredClone(products.get(id) ?? null),
      getByReferences: async (references) => {
        const found = new Map<string, Product>();
        for (const reference of references) {
          const product = productOf(reference);
          if (product?.reference === reference) found.set(reference, structuredClone(product));
        }
        return found;
      },
      listIds: async (page) => {
        const ids = await keysetPage([...products.values()], byId, page);
        return { items: ids.items.map((product) => product.id as string), nextCursor: ids.nextCursor };
      },
      write: async (plans) => plans.map(writeProduct),
      setActive: async (items) =>
        items.map((item) => {
          const product = products.get(item.platformId);
          if (!product) return { key: item.key, ok: false, error: `no product with id "${item.platformId}"` };
          Object.assign(product, { active: item.active, sourceUpdatedAt: now() });
          return { key: item.key, ok: true, id: item.platformId };
        }),
    },
    categories: {
      list: async ({ updatedSince, ...page }) =>
        keysetPage(
          categories.filter((c) => changedSince(c.sourceUpdatedAt, updatedSince)),
          byId,
          page,
        ),
      get: async (id) => structuredClone(categories.find((category) => category.id === id) ?? null),
      getByReferences: async (references) => byReferences(categories, references),
    },
    stock: {
      list: async ({ updatedSince, ...page }) =>
        keysetPage(
          stockLevels().filter((level) => changedSince(level.sourceUpdatedAt, updatedSince)),
          byId,
          page,
        ),
      get: async (id) => stockLevels().find((level) => level.id === id) ?? null,
      getByReferences: async (references) => byReferences(stockLevels(), references),
      write: async (plans) =>
        plans.map((plan) => {
          const product = productOf(plan.reference);
          const variant = product?.variants?.find((entry) => entry.reference === plan.reference);
          if (!product) return { key: plan.key, ok: false, error: `no product or variant "${plan.reference}"` };
          (variant ?? product).quantity = plan.quantity;
          if (plan.setActive !== undefined) product.active = plan.setActive;
          product.sourceUpdatedAt = now();
          return { key: plan.key, ok: true, id: (variant ?? product).id as string };
        }),
    },
    customers: {
      list: async ({ updatedSince, withoutOrders, ...page }) =>
        keysetPage(
          customers.filter((c) => changedSince(c.sourceUpdatedAt, updatedSince) && (!withoutOrders || !c.hasOrders)),
          byId,
          page,
        ),
      get: async (id) => structuredClone(customers.find((customer) => customer.id === id) ?? null),
      getByReferences: async (references) => byReferences(customers, references),
      getByEmails: async (emails) => {
        const wanted = new Set(emails.map((email) => email.toLowerCase()));
        const found = customers.filter((customer) => wanted.has(customer.email?.toLowerCase() ?? ''));
        return new Map(found.map((customer) => [customer.email?.toLowerCase() as string, structuredClone(customer)]));
      },
    },
    orders: {
      // The queue's order: the chosen date, then the id; an order without that date is not found by it.
      list: async ({ updatedSince, statuses, since, sortBy = 'createdAt', ...page }) => {
        const dateOf = (order: Order) =>
          sortBy === 'paidAt'
            ? order.payments[0]?.paidAt
            : sortBy === 'invoiceDate'
              ? order.invoiceDate
              : order[sortBy];
        const found = [...orders.values()].filter((order) => {
          const date = dateOf(order);
          return (
            date !== undefined &&
            changedSince(order.updatedAt, updatedSince) &&
            changedSince(date, since) &&
            (!statuses || statuses.includes(order.status.status))
          );
        });
        return keysetPage(found, (order) => [Date.parse(dateOf(order) as string), Number(order.id)], page);
      },
      get: async (id) => structuredClone(orders.get(id) ?? null),
      setStatus: async (plans) =>
        plans.map((plan) => {
          const order = orders.get(plan.orderId);
          if (!order) return { key: plan.key, ok: false, error: `no order with id "${plan.orderId}"` };
          const at = plan.at ?? now();
          order.status = { status: plan.status as Order['status']['status'], rawStatus: plan.rawStatus ?? plan.status };
          order.statusHistory.push({ ...order.status, at });
          if (plan.trackingNumber) order.trackingNumbers = [...(order.trackingNumbers ?? []), plan.trackingNumber];
          if (plan.documentNumber) order.documentNumber = plan.documentNumber;
          if (plan.replaceReferenceWith) order.reference = plan.replaceReferenceWith;
          order.updatedAt = now();
          return { key: plan.key, ok: true, id: order.id };
        }),
    },
    backOffice,
  };
}
