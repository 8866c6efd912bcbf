import { z } from 'zod';
import type { OrderStatusWrite, StatusWritePlan } from '../../adapter.js';
import type { Order } from '../../contracts/index.js';
import { acknowledgeItemSchema, orderStatusWriteSchema } from '../../contracts/index.js';
import { InvalidCursorError, NotFoundError, NotSupportedError } from '../../errors/index.js';
import type { ItemResult } from '../../events.js';
import { GROUP_ID_PREFIX, groupOrdersByDay } from '../../rules/group-by-day.js';
import { planStatusUpdate } from '../../rules/plan-status.js';
import { readOrder } from '../../rules/read-order.js';
import { isStaleWrite, STALE_REASON } from '../../rules/stale-guard.js';
import { applyPlans, type BatchSpec } from '../batch.js';
import type { EndpointContext } from '../context.js';
import { createDeadline } from '../deadline.js';
import { parseLimit } from '../limits.js';
import { parseJsonBody } from '../problem.js';

function orderOps(context: EndpointContext) {
  const ops = context.adapter.orders;
  if (!ops) throw new NotSupportedError('This platform adapter does not read orders.', context.capabilities);
  return ops;
}

/** Member orders of day groups are remembered, in one store write, so that acknowledging a group acknowledges them. */
async function rememberGroups(context: EndpointContext, groups: { id: string; memberIds: string[] }[]): Promise<void> {
  if (groups.length === 0) return;
  await context.store.setCursors(
    context.shopId,
    groups.map((group) => ({ name: `group:${group.id}`, value: JSON.stringify(group.memberIds) })),
  );
}

async function groupMembers(context: EndpointContext, id: string): Promise<string[] | null> {
  if (!id.startsWith(GROUP_ID_PREFIX)) return null;
  const value = await context.store.getCursor(context.shopId, `group:${id}`);
  return value ? (JSON.parse(value) as string[]) : null;
}

/**
 * `GET /orders`: the transfer queue. Orders in a sync status, not acknowledged, in the
 * `orders.findBy` date order, shaped by the order-reading settings. Pages are filled from
 * the adapter's pages without splitting one, so the cursor never skips an order.
 */
export async function listQueue(
  context: EndpointContext,
  url: URL,
): Promise<{ items: Order[]; nextCursor: string | null }> {
  const ops = orderOps(context);
  const limit = parseLimit(url.searchParams.get('limit') ?? undefined);
  const cursorParam = url.searchParams.get('cursor');
  let adapterCursor: string | null = null;
  if (cursorParam) {
    const payload = context.cursors.decode(cursorParam);
    if (payload.k !== 'orders' || payload.s !== context.shopId) throw new InvalidCursorError('forged');
    adapterCursor = typeof payload.a === 'string' ? payload.a : null;
  }
  const { settings } = await context.settings.current();
  const read = settings.orders.read;
  const deadline = createDeadline();
  const collected: Order[] = [];
  let next: string | null = adapterCursor;
  let first = true;
  let pages = 0;

  while ((first || next !== null) && collected.length < limit && !deadline.expired() && pages < 50) {
    first = false;
    pages++;
    const page = await ops.list({
      cursor: next,
      limit: Math.max(1, limit - collected.length),
      statuses: read.syncStatuses,
      sortBy: read.findBy,
      ...(read.since ? { since: read.since } : {}),
    });
    next = page.nextCursor;
    const candidates = page.items.filter((order) => read.syncStatuses.includes(order.status.status));
    const acks = await context.store.getAcknowledgements(
      context.shopId,
      candidates.map((order) => order.id),
    );
    collected.push(...candidates.filter((order) => !acks.has(order.id)));
  }

  const now = context.clock.now();
  const grouped = groupOrdersByDay(collected, settings, now);
  await rememberGroups(context, grouped.groups);
  const items = [...grouped.orders, ...grouped.grouped].map((order) => readOrder(order, settings));
  const nextCursor = next === null ? null : context.cursors.encode({ k: 'orders', s: context.shopId, a: next });
  context.events.emit('read', {
    shopId: context.shopId,
    route: 'GET /orders',
    entity: 'order',
    count: items.length,
    hasMore: nextCursor !== null,
  });
  return { items, nextCursor };
}

export async function getOrder(context: EndpointContext, id: string): Promise<Order> {
  const ops = orderOps(context);
  const order = await ops.get(id);
  if (!order) throw new NotFoundError(`No order with id "${id}".`);
  const { settings } = await context.settings.current();
  return readOrder(order, settings);
}

type AcknowledgeItem = z.output<typeof acknowledgeItemSchema>;

/** `POST /orders/acknowledge`: idempotent, durable before the answer; unknown ids fail alone. */
export function acknowledgeBatch(): BatchSpec<AcknowledgeItem> {
  return {
    entity: 'order',
    capability: null,
    itemSchema: acknowledgeItemSchema as unknown as z.ZodType<AcknowledgeItem>,
    keyOf: (item) => item.id,
    async execute(run, context) {
      const ops = orderOps(context);
      const known = await Promise.all(
        run.items.map(async (item) => {
          const members = await groupMembers(context, item.id);
          if (members) return members;
          return (await ops.get(item.id)) ? [item.id] : null;
        }),
      );
      const toAck = run.items.flatMap((item, index) =>
        (known[index] ?? []).map((orderId) => ({ orderId, documentNumber: item.documentNumber ?? null })),
      );
      const stored = toAck.length ? await context.store.acknowledge(context.shopId, toAck) : [];
      const already = new Map(stored.map((entry) => [entry.orderId, entry.alreadyAcknowledged]));
      const results: ItemResult[] = run.items.map((item, index) => {
        const ids = known[index];
        if (!ids) return { key: item.id, outcome: 'failed', error: `no order with id "${item.id}"` };
        const fresh = ids.some((orderId) => already.get(orderId) === false);
        return {
          key: item.id,
          id: item.id,
          outcome: fresh ? 'updated' : 'unchanged',
          changed: fresh ? ['acknowledged'] : [],
        };
      });
      context.events.emit('acknowledge', { shopId: context.shopId, results });
      return results;
    },
  };
}

const resetSchema = z.union([
  z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(5000) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** `POST /orders/reset`: acknowledged orders go back into the queue (ids, or all). */
export async function resetOrders(
  context: EndpointContext,
  request: Request,
  by: 'endpoint' | 'admin',
): Promise<{ reset: string[]; count: number }> {
  const body = await parseJsonBody(request, resetSchema);
  const target = 'all' in body ? { all: true as const } : { ids: body.ids };
  const reset = await context.store.resetAcknowledgements(context.shopId, target);
  context.events.emit('reset', { shopId: context.shopId, ids: reset, all: 'all' in body, by });
  await context.activity.info('reset', `${reset.length} order(s) reset by ${by}`, {
    entity: 'order',
    outcome: 'ok',
    details: { ids: reset.slice(0, 100), all: 'all' in body },
  });
  return { reset, count: reset.length };
}

/** `POST /orders/status`: ERP document progress, tracking and document number back to the shop. */
export function statusBatch(): BatchSpec<OrderStatusWrite> {
  return {
    entity: 'order',
    capability: 'orderStatus',
    itemSchema: orderStatusWriteSchema as unknown as z.ZodType<OrderStatusWrite>,
    keyOf: (item) => item.id,
    async execute(run, context) {
      const ops = orderOps(context);
      const appliedName = (id: string) => `applied:order-status:${id}`;
      const [orders, appliedAt] = await Promise.all([
        Promise.all(run.items.map((item) => ops.get(item.id))),
        context.store.getCursors(
          context.shopId,
          run.items.map((item) => appliedName(item.id)),
        ),
      ]);
      const results: (ItemResult | undefined)[] = new Array(run.items.length);
      const plans: (StatusWritePlan & { action: 'update' })[] = [];
      const changed = new Map<string, string[]>();
      for (const [index, item] of run.items.entries()) {
        const order = orders[index];
        if (!order) {
          results[index] = { key: item.id, outcome: 'failed', error: `no order with id "${item.id}"` };
          continue;
        }
        if (isStaleWrite(item.at, appliedAt.get(appliedName(item.id)) ?? null)) {
          results[index] = { key: item.id, outcome: 'skipped', reason: STALE_REASON, id: order.id };
          continue;
        }
        const decision = planStatusUpdate({ item, order, settings: run.settings });
        if (decision.action === 'unchanged') {
          results[index] = { key: item.id, outcome: 'unchanged', id: order.id };
          continue;
        }
        changed.set(item.id, decision.changed);
        plans.push({ ...decision.plan, action: 'update' });
      }
      const written = await applyPlans(
        plans,
        (batch) => ops.setStatus!(batch, run.write),
        (plan) => ({ changed: changed.get(plan.key) ?? [] }),
      );
      const stamps = plans.flatMap((plan) =>
        written.get(plan.key)?.outcome === 'updated' && plan.at
          ? [{ name: appliedName(plan.key), value: plan.at }]
          : [],
      );
      if (stamps.length > 0) await context.store.setCursors(context.shopId, stamps);
      return run.items.map((item, index) => results[index] ?? (written.get(item.id) as ItemResult));
    },
  };
}

export function isGroupId(id: string): boolean {
  return id.startsWith(GROUP_ID_PREFIX);
}
