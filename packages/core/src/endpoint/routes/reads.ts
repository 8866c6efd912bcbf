import { z } from 'zod';
import type { AdapterPage, EntityReads, ListOptions } from '../../adapter.js';
import { type ChangeEntity, changeEntities } from '../../contracts/index.js';
import { NotSupportedError } from '../../errors/index.js';
import type { EndpointContext } from '../context.js';
import { parseLimit } from '../limits.js';
import { openCursor, parseQuery, sealCursor } from '../query.js';

const isoDate = z.iso.datetime({ offset: true });
const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

const listQuery = z.strictObject({
  limit: z.string().optional(),
  cursor: z.string().optional(),
  since: isoDate.optional(),
});

export type ReadableEntity =
  | 'products'
  | 'categories'
  | 'stock'
  | 'invoices'
  | 'payments'
  | 'shipments'
  | 'customerGroups';

const entityNames: Record<ReadableEntity, string> = {
  products: 'product',
  categories: 'category',
  stock: 'stock',
  invoices: 'invoice',
  payments: 'payment',
  shipments: 'shipment',
  customerGroups: 'customer-group',
};

/** `GET /products`, `/stock`, `/categories`, `/invoices`, `/payments`: the adapter's pages behind opaque cursors. */
export async function listEntity(
  context: EndpointContext,
  url: URL,
  entity: ReadableEntity,
): Promise<AdapterPage<unknown>> {
  const ops = context.adapter[entity] as EntityReads<unknown> | undefined;
  if (!ops) throw new NotSupportedError(`This platform adapter does not read ${entity}.`, context.capabilities);
  const query = parseQuery(url, listQuery);
  const limit = parseLimit(query.limit);
  const cursor = openCursor(context, query.cursor, entity);
  const options: ListOptions = { cursor: typeof cursor?.a === 'string' ? cursor.a : null, limit };
  const since = (typeof cursor?.u === 'string' ? cursor.u : undefined) ?? query.since;
  if (since) options.updatedSince = new Date(since).toISOString();
  const page = await ops.list(options);
  const nextCursor =
    page.nextCursor === null
      ? null
      : sealCursor(context, entity, { a: page.nextCursor, u: options.updatedSince ?? null });
  context.events.emit('read', {
    shopId: context.shopId,
    route: `GET /${entity}`,
    entity: entityNames[entity],
    count: page.items.length,
    hasMore: nextCursor !== null,
  });
  return { items: page.items, nextCursor };
}

const customersQuery = listQuery.extend({ withoutOrders: booleanParam.optional() });

/** `GET /customers?since=`: created or updated since `max(since, customers.export.since)`. */
export async function listCustomers(context: EndpointContext, url: URL): Promise<AdapterPage<unknown>> {
  const ops = context.adapter.customers;
  if (!ops) throw new NotSupportedError('This platform adapter does not read customers.', context.capabilities);
  const query = parseQuery(url, customersQuery);
  const limit = parseLimit(query.limit);
  const cursor = openCursor(context, query.cursor, 'customers');
  const { settings } = await context.settings.current();
  const exportSince = settings.customers.export.since;
  const bounds = [query.since, exportSince ?? undefined, typeof cursor?.u === 'string' ? cursor.u : undefined]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => new Date(value).toISOString())
    .sort();
  const withoutOrders =
    typeof cursor?.w === 'boolean' ? cursor.w : (query.withoutOrders ?? settings.customers.export.onlyWithoutOrders);
  const updatedSince = bounds.at(-1);
  const page = await ops.list({
    cursor: typeof cursor?.a === 'string' ? cursor.a : null,
    limit,
    withoutOrders,
    ...(updatedSince ? { updatedSince } : {}),
  });
  const items = withoutOrders ? page.items.filter((customer) => customer.hasOrders !== true) : page.items;
  const nextCursor =
    page.nextCursor === null
      ? null
      : sealCursor(context, 'customers', { a: page.nextCursor, u: updatedSince ?? null, w: withoutOrders });
  context.events.emit('read', {
    shopId: context.shopId,
    route: 'GET /customers',
    entity: 'customer',
    count: items.length,
    hasMore: nextCursor !== null,
  });
  return { items, nextCursor };
}

const changesQuery = z.strictObject({
  limit: z.string().optional(),
  cursor: z.string().optional(),
  entities: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(changeEntities)).min(1))
    .optional(),
});

/**
 * `GET /changes`: the change journal after the cursor's sequence number. `nextCursor` is
 * null once caught up; `resumeCursor` is always the place to poll from next time.
 */
export async function listChanges(context: EndpointContext, url: URL) {
  const query = parseQuery(url, changesQuery);
  const limit = parseLimit(query.limit);
  const cursor = openCursor(context, query.cursor, 'changes');
  const afterSeq = typeof cursor?.q === 'number' ? cursor.q : 0;
  const entities = (query.entities ?? undefined) as ChangeEntity[] | undefined;
  const items = await context.store.readChanges(context.shopId, { afterSeq, limit, ...(entities ? { entities } : {}) });
  const lastSeq = items.at(-1)?.seq ?? afterSeq;
  const resumeCursor = sealCursor(context, 'changes', { q: lastSeq });
  context.events.emit('read', {
    shopId: context.shopId,
    route: 'GET /changes',
    entity: 'change',
    count: items.length,
    hasMore: items.length === limit,
  });
  return {
    items: items.map(({ seq, entity, id, reference, op, at }) => ({ seq, entity, id, reference, op, at })),
    nextCursor: items.length === limit ? resumeCursor : null,
    resumeCursor,
  };
}

const journalQuery = z.strictObject({
  limit: z.string().optional(),
  cursor: z.string().optional(),
  level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  kind: z.string().max(40).optional(),
  entity: z.string().max(40).optional(),
  outcome: z.string().max(40).optional(),
});

/** `GET /journal`: the activity log, oldest first from the cursor. */
export async function listJournal(context: EndpointContext, url: URL) {
  const query = parseQuery(url, journalQuery);
  const limit = parseLimit(query.limit);
  const cursor = openCursor(context, query.cursor, 'journal');
  const afterId = typeof cursor?.i === 'number' ? cursor.i : 0;
  const items = await context.store.readActivity(context.shopId, {
    afterId,
    limit,
    ...(query.level ? { level: query.level } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.entity ? { entity: query.entity } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
  });
  const last = items.at(-1)?.id ?? afterId;
  return {
    items: items.map(({ shopId: _shopId, ...entry }) => entry),
    nextCursor: items.length === limit ? sealCursor(context, 'journal', { i: last }) : null,
  };
}
