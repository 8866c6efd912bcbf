import type { OrderStatusState } from '@passerelle/core';
import type { OrderNode } from '../graphql/shopify.types.js';

type StatusFacts = Pick<
  OrderNode,
  'cancelledAt' | 'closedAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'
> & {
  fulfillments: Pick<OrderNode['fulfillments'][number], 'displayStatus'>[];
};

/**
 * Shopify has no single order state: a financial status, a fulfillment status, and the cancelled and
 * closed flags. `rawStatus` keeps all four (`PAID/FULFILLED/CLOSED`) so a cloud can map what the
 * contract's status flattens; the contract status follows the most telling fact first.
 */
export function toOrderStatus(facts: StatusFacts): OrderStatusState {
  const financial = facts.displayFinancialStatus ?? 'NONE';
  const fulfillment = facts.displayFulfillmentStatus;
  const rawStatus = [
    financial,
    fulfillment,
    ...(facts.cancelledAt ? ['CANCELLED'] : []),
    ...(facts.closedAt ? ['CLOSED'] : []),
  ].join('/');
  const delivered =
    facts.fulfillments.length > 0 &&
    facts.fulfillments.every((fulfillment) => fulfillment.displayStatus === 'DELIVERED');
  let status: OrderStatusState['status'];
  if (facts.cancelledAt || financial === 'VOIDED') status = 'cancelled';
  else if (financial === 'REFUNDED') status = 'refunded';
  else if (financial === 'PARTIALLY_REFUNDED') status = 'partially_refunded';
  else if (financial === 'EXPIRED') status = 'failed';
  else if (fulfillment === 'FULFILLED') status = facts.closedAt ? 'completed' : delivered ? 'delivered' : 'shipped';
  else if (fulfillment === 'ON_HOLD') status = 'on_hold';
  else if (fulfillment === 'PARTIALLY_FULFILLED' || fulfillment === 'IN_PROGRESS') status = 'processing';
  else if (financial === 'PAID') status = 'paid';
  else if (financial === 'PENDING' || financial === 'AUTHORIZED' || financial === 'PARTIALLY_PAID')
    status = 'awaiting_payment';
  else status = 'unknown';
  return { status, rawStatus };
}
