import type { OrderStatusWrite, StatusWritePlan } from '../adapter.js';
import type { Order } from '../contracts/index.js';
import type { Settings } from '../settings/index.js';

export type StatusDecision = { action: 'write'; plan: StatusWritePlan; changed: string[] } | { action: 'unchanged' };

/**
 * What an ERP status update does to a shop order (spec §2.2 rows 29-31): the platform
 * state from the admin's map, the ERP document number as the new reference when
 * `orders.statusUpdate.replaceReference` is on, the notify flag's default.
 */
export function planStatusUpdate(input: { item: OrderStatusWrite; order: Order; settings: Settings }): StatusDecision {
  const { item, order, settings } = input;
  const options = settings.orders.statusUpdate;
  const replaceReferenceWith =
    options.replaceReference && item.documentNumber && item.documentNumber !== order.reference
      ? item.documentNumber
      : null;

  const changed: string[] = [];
  if (order.status.status !== item.status) changed.push('status');
  if (item.trackingNumber && !(order.trackingNumbers ?? []).includes(item.trackingNumber))
    changed.push('trackingNumber');
  if (item.documentNumber && item.documentNumber !== order.documentNumber) changed.push('documentNumber');
  if (replaceReferenceWith) changed.push('reference');
  if (changed.length === 0) return { action: 'unchanged' };

  return {
    action: 'write',
    changed,
    plan: {
      key: item.id,
      orderId: order.id,
      status: item.status,
      rawStatus: options.statusMap[item.status] ?? null,
      trackingNumber: item.trackingNumber ?? null,
      carrier: item.carrier ?? null,
      replaceReferenceWith,
      documentNumber: item.documentNumber ?? null,
      notifyCustomer: item.notifyCustomer ?? options.notifyCustomer,
      at: item.at ?? null,
    },
  };
}
