import type { OrderStatus, OrderStatusState, WritableOrderStatus } from '@passerelle/core';

/** WooCommerce core statuses (without `wc-`) and the usual plug-in ones, read as contract statuses. */
const READ: Readonly<Record<string, OrderStatus>> = {
  pending: 'awaiting_payment',
  processing: 'processing',
  'on-hold': 'on_hold',
  completed: 'completed',
  cancelled: 'cancelled',
  refunded: 'refunded',
  failed: 'failed',
  'checkout-draft': 'pending',
  draft: 'pending',
  trash: 'cancelled',
  // Added by the common "shipped"/"delivered" status plug-ins; WooCommerce core has neither.
  shipped: 'shipped',
  delivered: 'delivered',
};

/** A WooCommerce status read as the contract's; `custom` (the admin's map) wins over the built-in one. */
export function toOrderStatus(raw: string, custom: Readonly<Record<string, string>> = {}): OrderStatusState {
  const slug = raw.replace(/^wc-/, '');
  const mapped = (custom[slug] ?? READ[slug] ?? 'unknown') as OrderStatus;
  return { status: mapped, rawStatus: slug };
}

/** WooCommerce core statuses each contract status is written as, when the shop has no closer one. */
const WRITE: Readonly<Record<WritableOrderStatus, readonly string[]>> = {
  pending: ['pending'],
  awaiting_payment: ['pending'],
  paid: ['processing'],
  processing: ['processing'],
  shipped: ['shipped', 'completed'],
  delivered: ['delivered', 'completed'],
  completed: ['completed'],
  on_hold: ['on-hold'],
  cancelled: ['cancelled'],
  refunded: ['refunded'],
  partially_refunded: [],
  failed: ['failed'],
};

export type StatusChoice = { slug: string; note?: string } | { slug: null; reason: string };

/**
 * The WooCommerce status to write for a contract status: the admin's explicit choice (`rawStatus`), then a
 * custom status the admin mapped to it, then the closest one the shop has. A shop without a "shipped"
 * status gets "completed", and the outcome says so.
 */
export function chooseWooStatus(
  status: WritableOrderStatus,
  rawStatus: string | null,
  shopStatuses: ReadonlySet<string>,
  custom: Readonly<Record<string, string>> = {},
): StatusChoice {
  if (rawStatus) return { slug: rawStatus.replace(/^wc-/, '') };
  const customSlug = Object.entries(custom).find(([slug, mapped]) => mapped === status && shopStatuses.has(slug))?.[0];
  if (customSlug) return { slug: customSlug };
  const candidates = WRITE[status];
  if (candidates.length === 0) {
    return {
      slug: null,
      reason: `WooCommerce has no "${status}" status: partial refunds are recorded as refunds on the order, not as a status`,
    };
  }
  const present = candidates.find((slug) => shopStatuses.has(slug));
  const slug = present ?? (candidates.at(-1) as string);
  if (slug !== candidates[0]) {
    return { slug, note: `the shop has no "${candidates[0]}" status: written as "${slug}"` };
  }
  return { slug };
}
