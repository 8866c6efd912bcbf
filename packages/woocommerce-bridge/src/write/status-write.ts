import {
  PlatformError,
  type StatusWritePlan,
  type WritableOrderStatus,
  type WriteContext,
  type WriteOutcome,
} from '@passerelle/core';
import { WOO_PAGE_SIZE } from '../client.js';
import { META, metaValue } from '../map/meta.js';
import { chooseWooStatus } from '../map/order-status.js';
import { chunk, mapLimit } from '../map-limit.js';
import type { WooRuntime } from '../runtime.js';
import { readPlatformSettings } from '../settings.js';
import type { WooMeta, WooOrder } from '../woo.types.js';
import { type BatchOp, runBatch } from './run-batch.js';

/** The note an ERP status update leaves on the order: carrier, tracking number, ERP document. */
export function statusNote(plan: StatusWritePlan): string | null {
  const parts: string[] = [];
  if (plan.trackingNumber)
    parts.push(`Tracking number: ${plan.trackingNumber}${plan.carrier ? ` (${plan.carrier})` : ''}.`);
  else if (plan.carrier) parts.push(`Carrier: ${plan.carrier}.`);
  const document = plan.documentNumber ?? plan.replaceReferenceWith;
  if (document) parts.push(`ERP document: ${document}.`);
  return parts.length ? parts.join(' ') : null;
}

function trackingList(order: WooOrder | undefined): string[] {
  const value = metaValue(order?.meta_data, META.trackingNumbers);
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
  return typeof value === 'string' && value ? value.split(',').map((entry) => entry.trim()) : [];
}

/**
 * Status writes: the status (and the bridge's meta: ERP document number, tracking numbers) through
 * `POST /orders/batch`, then one order note per order carrying the tracking number, carrier and ERP
 * document, e-mailed to the customer when `notifyCustomer`. WooCommerce order numbers are ids, so a
 * reference replacement is kept as the ERP document number in meta, and the outcome says so.
 */
export async function writeOrderStatuses(
  runtime: WooRuntime,
  plans: readonly StatusWritePlan[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  const platform = readPlatformSettings(context.settings);
  const shopStatuses = new Set((await runtime.shop.orderStatuses()).map((status) => status.slug));
  const outcomes = new Map<string, WriteOutcome>();
  const notes = new Map<string, string[]>();
  const current = new Map<number, WooOrder>();
  const ids = [...new Set(plans.filter((plan) => /^\d+$/.test(plan.orderId)).map((plan) => Number(plan.orderId)))];
  for (const group of chunk(ids, WOO_PAGE_SIZE)) {
    for (const order of await runtime.fetchAll<WooOrder>('orders', {
      include: group.join(','),
      _fields: 'id,status,meta_data',
    }))
      current.set(order.id, order);
  }

  const ops: BatchOp<{ id: number; status: string; meta_data?: WooMeta[] }>[] = [];
  for (const plan of plans) {
    const order = current.get(Number(plan.orderId));
    if (!order) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: false,
        error: `no WooCommerce order with id ${plan.orderId}`,
        retryable: false,
      });
      continue;
    }
    const choice = chooseWooStatus(
      plan.status as WritableOrderStatus,
      plan.rawStatus,
      shopStatuses,
      platform.orderStatusMap,
    );
    if (choice.slug === null) {
      outcomes.set(plan.key, { key: plan.key, ok: false, error: choice.reason, retryable: false });
      continue;
    }
    const planNotes: string[] = [];
    if ('note' in choice && choice.note) planNotes.push(choice.note);
    const meta: WooMeta[] = [];
    const document = plan.documentNumber ?? plan.replaceReferenceWith;
    if (document) meta.push({ key: META.documentNumber, value: document });
    if (plan.replaceReferenceWith)
      planNotes.push(
        `WooCommerce order numbers are ids: the ERP number ${plan.replaceReferenceWith} is kept in order meta ${META.documentNumber}`,
      );
    if (plan.trackingNumber) {
      const list = trackingList(order);
      if (!list.includes(plan.trackingNumber))
        meta.push({ key: META.trackingNumbers, value: [...list, plan.trackingNumber] });
    }
    notes.set(plan.key, planNotes);
    ops.push({
      key: plan.key,
      kind: 'update',
      payload: { id: order.id, status: choice.slug, ...(meta.length ? { meta_data: meta } : {}) },
    });
  }

  const results = await runBatch<{ id: number; status: string }, WooOrder>(runtime.client, 'orders', ops);
  const written = plans.filter((plan) => results.get(plan.key)?.ok);
  await mapLimit(written, 4, async (plan) => {
    const text = statusNote(plan);
    if (!text) return;
    try {
      // Not repeated on failure: a second identical note would be e-mailed to the customer twice.
      await runtime.client.post(
        `orders/${plan.orderId}/notes`,
        { note: text, customer_note: plan.notifyCustomer },
        { idempotent: false },
      );
    } catch (error) {
      const reason = error instanceof PlatformError ? error.message : 'unknown error';
      notes.set(plan.key, [
        ...(notes.get(plan.key) ?? []),
        `the status was written but its note was not (the tracking number is in order meta): ${reason}`,
      ]);
    }
  });
  for (const [key, result] of results) {
    const note = notes.get(key)?.join('; ');
    outcomes.set(
      key,
      result.ok
        ? { key, ok: true, id: String(result.item.id), ...(note ? { note } : {}) }
        : { key, ok: false, error: result.error, retryable: result.retryable },
    );
  }
  return plans.map(
    (plan) =>
      outcomes.get(plan.key) ?? { key: plan.key, ok: false, error: 'the status write was not sent', retryable: true },
  );
}
