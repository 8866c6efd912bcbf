import type { OrderStatus } from '@passerelle/core';
import type { ShopSnapshot } from '../shop-context.js';

/** PrestaShop's standard states, by the configuration key holding their id in every shop. */
const STANDARD: [string, OrderStatus][] = [
  ['PS_OS_CHEQUE', 'awaiting_payment'],
  ['PS_OS_BANKWIRE', 'awaiting_payment'],
  ['PS_OS_COD_VALIDATION', 'awaiting_payment'],
  ['PS_OS_OUTOFSTOCK_UNPAID', 'awaiting_payment'],
  ['PS_OS_PAYMENT', 'paid'],
  ['PS_OS_WS_PAYMENT', 'paid'],
  ['PS_OS_PAYPAL', 'paid'],
  ['PS_OS_OUTOFSTOCK_PAID', 'paid'],
  ['PS_OS_PREPARATION', 'processing'],
  ['PS_OS_SHIPPING', 'shipped'],
  ['PS_OS_DELIVERED', 'delivered'],
  ['PS_OS_CANCELED', 'cancelled'],
  ['PS_OS_REFUND', 'refunded'],
  ['PS_OS_ERROR', 'failed'],
  ['PS_OS_OUTOFSTOCK', 'on_hold'],
];

/** The state each status is written as when the admin mapped nothing (`orders.statusUpdate.statusMap`). */
const WRITE_DEFAULTS: Partial<Record<OrderStatus, string>> = {
  paid: 'PS_OS_PAYMENT',
  processing: 'PS_OS_PREPARATION',
  shipped: 'PS_OS_SHIPPING',
  delivered: 'PS_OS_DELIVERED',
  completed: 'PS_OS_DELIVERED',
  cancelled: 'PS_OS_CANCELED',
  refunded: 'PS_OS_REFUND',
  failed: 'PS_OS_ERROR',
};

/**
 * A PrestaShop state as a contract status. State ids differ between shops, so the standard ones are
 * recognised through their `PS_OS_*` configuration keys, custom ones through their flags (delivered,
 * shipped, paid), and `platform.prestashop.orderStates` overrides both.
 */
export function statusOfState(
  stateId: string,
  shop: ShopSnapshot,
  overrides: Record<string, OrderStatus>,
): OrderStatus {
  const override = overrides[stateId];
  if (override) return override;
  for (const [key, status] of STANDARD) if (shop.config.get(key) === stateId) return status;
  const state = shop.orderStates.get(stateId);
  if (!state) return 'unknown';
  if (state.delivered) return 'delivered';
  if (state.shipped) return 'shipped';
  if (state.paid) return 'paid';
  return 'unknown';
}

/** The state a status is written as: an admin override first, then the standard state; `null` when none fits. */
export function stateForStatus(
  status: OrderStatus,
  shop: ShopSnapshot,
  overrides: Record<string, OrderStatus>,
): string | null {
  const override = Object.entries(overrides).find(([id, mapped]) => mapped === status && shop.orderStates.has(id));
  if (override) return override[0];
  const key = WRITE_DEFAULTS[status];
  const id = key ? shop.config.get(key) : undefined;
  return id && shop.orderStates.has(id) ? id : null;
}

/** A state named by id or by name (any case), as `orders.statusUpdate.statusMap` may give it. */
export function stateByIdOrName(key: string, shop: ShopSnapshot): string | null {
  if (shop.orderStates.has(key)) return key;
  const wanted = key.trim().toLowerCase();
  return [...shop.orderStates.values()].find((state) => state.name.trim().toLowerCase() === wanted)?.id ?? null;
}
