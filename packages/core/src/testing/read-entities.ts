import type { z } from 'zod';
import type { AdapterPage, ListOptions, PlatformAdapter } from '../adapter.js';
import {
  categorySchema,
  customerGroupSchema,
  customerSchema,
  invoiceSchema,
  orderSchema,
  paymentSchema,
  productSchema,
  shipmentSchema,
  stockLevelSchema,
} from '../contracts/index.js';
import type { ReadEntity } from './conformance.types.js';

/** The common shape of everything an adapter lists: enough to key, look up and date an item. */
export interface Listed {
  id?: string | undefined;
  reference?: string | null | undefined;
}

/** The read operations of one entity, whatever their entity type. */
export interface GenericReads {
  list(options: ListOptions): Promise<AdapterPage<Listed>>;
  get?(id: string): Promise<Listed | null>;
  getByReferences?(references: string[]): Promise<Map<string, Listed>>;
  listIds?(options: ListOptions): Promise<AdapterPage<string>>;
}

export interface ReadEntityDescriptor {
  name: ReadEntity;
  /** Singular, as `Capabilities.deletes` names it. */
  singular: string;
  schema: z.ZodType;
  reads(adapter: PlatformAdapter): GenericReads | undefined;
  /** What makes an item unique in a listing. */
  identity(item: Listed): string | undefined;
  /** When the platform last changed the item, as the adapter reports it. */
  updatedAt(item: Listed): string | undefined;
  /** Fields that may legitimately differ between two reads of the same item (read instants). */
  volatile: string[];
}

function field(item: Listed, name: string): string | undefined {
  const value = (item as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

const sourceUpdatedAt = (item: Listed) => field(item, 'sourceUpdatedAt');

type DescriptorInput = Pick<ReadEntityDescriptor, 'name' | 'singular' | 'schema' | 'reads'> &
  Partial<Pick<ReadEntityDescriptor, 'identity' | 'updatedAt' | 'volatile'>>;

function entity(input: DescriptorInput): ReadEntityDescriptor {
  return { identity: (item) => item.id, updatedAt: sourceUpdatedAt, volatile: ['raw'], ...input };
}

export const readEntityDescriptors: readonly ReadEntityDescriptor[] = [
  entity({ name: 'products', singular: 'product', schema: productSchema, reads: (a) => a.products }),
  entity({ name: 'categories', singular: 'category', schema: categorySchema, reads: (a) => a.categories }),
  entity({
    name: 'stock',
    singular: 'stock',
    schema: stockLevelSchema,
    reads: (a) => a.stock,
    // A stock level without its own id is one SKU (or product/variant) at one location.
    identity: (item) =>
      item.id ??
      `${item.reference ?? field(item, 'variantId') ?? field(item, 'productId') ?? ''}@${field(item, 'location') ?? ''}`,
    // A level is "as of" the read: two reads may date it differently.
    volatile: ['raw', 'asOf'],
  }),
  entity({ name: 'customers', singular: 'customer', schema: customerSchema, reads: (a) => a.customers }),
  entity({
    name: 'customerGroups',
    singular: 'customer-group',
    schema: customerGroupSchema,
    reads: (a) => a.customerGroups,
  }),
  entity({
    name: 'orders',
    singular: 'order',
    schema: orderSchema,
    reads: (a) => a.orders,
    updatedAt: (item) => field(item, 'updatedAt') ?? sourceUpdatedAt(item),
  }),
  entity({ name: 'invoices', singular: 'invoice', schema: invoiceSchema, reads: (a) => a.invoices }),
  entity({ name: 'payments', singular: 'payment', schema: paymentSchema, reads: (a) => a.payments }),
  entity({ name: 'shipments', singular: 'shipment', schema: shipmentSchema, reads: (a) => a.shipments }),
];

export function descriptorOf(name: ReadEntity): ReadEntityDescriptor {
  const descriptor = readEntityDescriptors.find((entry) => entry.name === name);
  if (!descriptor) throw new Error(`conformance: no descriptor for ${name}`);
  return descriptor;
}

/** A safety net: a cursor that never ends would hang the suite instead of failing it. */
const MAX_PAGES = 1000;

/**
 * Reads every page, failing loudly when the adapter loops (a cursor seen twice) or never ends.
 * `pages` keeps the page boundaries for limit checks.
 */
export async function walkPages<T>(
  list: (options: ListOptions) => Promise<AdapterPage<T>>,
  options: Omit<ListOptions, 'cursor'> & { cursor?: string | null },
): Promise<{ items: T[]; pages: T[][] }> {
  const pages: T[][] = [];
  const seen = new Set<string>();
  let cursor = options.cursor ?? null;
  do {
    const page = await list({ ...options, cursor });
    if (!page || !Array.isArray(page.items))
      throw new Error('conformance: list() must resolve to { items, nextCursor }');
    pages.push(page.items);
    cursor = page.nextCursor;
    if (cursor !== null) {
      if (typeof cursor !== 'string' || cursor === '')
        throw new Error('conformance: nextCursor must be a non-empty string or null');
      if (seen.has(cursor))
        throw new Error(`conformance: the cursor came back twice (page ${pages.length}): the read would loop`);
      seen.add(cursor);
    }
    if (pages.length > MAX_PAGES) throw new Error(`conformance: more than ${MAX_PAGES} pages: the read never ends`);
  } while (cursor !== null);
  return { items: pages.flat(), pages };
}

/** Finds one item by reference: through `getByReferences` when the adapter has it, else by reading everything. */
export async function findByReference(reads: GenericReads, reference: string): Promise<Listed | undefined> {
  if (reads.getByReferences) return (await reads.getByReferences([reference])).get(reference);
  const { items } = await walkPages((options) => reads.list(options), { limit: 100 });
  return items.find((item) => item.reference === reference);
}

/** Re-reads one item by id: `get` when present, else from the listing. */
export async function findById(reads: GenericReads, id: string): Promise<Listed | null> {
  if (reads.get) return reads.get(id);
  const { items } = await walkPages((options) => reads.list(options), { limit: 100 });
  return items.find((item) => item.id === id) ?? null;
}

/** A copy without the fields two honest reads may differ on. */
export function withoutFields<T>(item: T, fields: readonly string[]): Partial<T> {
  if (item === null || typeof item !== 'object') return item;
  const copy = { ...(item as Record<string, unknown>) };
  for (const name of fields) delete copy[name];
  return copy as Partial<T>;
}

/** Schema issues as `path: message` lines, for assertion messages that name the failing field. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
