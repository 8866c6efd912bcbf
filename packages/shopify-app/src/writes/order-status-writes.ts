import { PlatformError, type StatusWritePlan, type WriteContext, type WriteOutcome } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { outcomeUnknown, type ShopifyUnknownOutcomeError } from '../client.js';
import {
  FULFILLMENT_CREATE_MUTATION,
  FULFILLMENT_EVENT_CREATE_MUTATION,
  FULFILLMENT_ORDER_HOLD_MUTATION,
  FULFILLMENT_TRACKING_UPDATE_MUTATION,
  METAFIELDS_SET_MUTATION,
  ORDER_CANCEL_MUTATION,
  ORDER_CLOSE_MUTATION,
  ORDER_FULFILLMENT_QUERY,
  ORDER_MARK_AS_PAID_MUTATION,
} from '../graphql/orders.js';
import type { UserError } from '../graphql/shopify.types.js';
import { isGid } from '../map/gid.js';
import { type ShopifySettings, shopifySectionOf } from '../settings.js';
import { assertNoUserErrors, failureOutcome } from './user-errors.js';

interface FulfillmentFacts {
  order: {
    id: string;
    displayFulfillmentStatus: string;
    fulfillmentOrders: { nodes: { id: string; status: string }[] };
    fulfillments: { id: string; createdAt: string; trackingInfo: { number: string | null }[] }[];
  } | null;
}

const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);

/**
 * ERP status updates through Shopify's own business paths: a fulfillment with tracking (the customer
 * notified or not) for shipped, a delivery event for delivered, `orderCancel`, `orderClose`,
 * `orderMarkAsPaid`, a fulfillment hold. The ERP document number goes into an order metafield.
 */
export function createOrderStatusWriter(context: AdapterContext) {
  const { client } = context;

  const facts = async (orderId: string) => {
    const answer = await client.request<FulfillmentFacts>(ORDER_FULFILLMENT_QUERY, { id: orderId });
    if (!answer.order) throw new Error(`order ${orderId} does not exist`);
    return answer.order;
  };

  /** Creates the fulfillment (or adds the tracking to the last one); resolves to the fulfillment id. */
  const ship = async (plan: StatusWritePlan): Promise<string | null> => {
    const order = await facts(plan.orderId);
    const open = order.fulfillmentOrders.nodes.filter((fulfillmentOrder) => FULFILLABLE.has(fulfillmentOrder.status));
    const tracking = plan.trackingNumber
      ? { number: plan.trackingNumber, ...(plan.carrier ? { company: plan.carrier } : {}) }
      : null;
    if (open.length > 0) {
      let answer: { fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: UserError[] } };
      try {
        answer = await client.request(FULFILLMENT_CREATE_MUTATION, {
          fulfillment: {
            lineItemsByFulfillmentOrder: open.map((fulfillmentOrder) => ({ fulfillmentOrderId: fulfillmentOrder.id })),
            notifyCustomer: plan.notifyCustomer,
            ...(tracking ? { trackingInfo: tracking } : {}),
          },
        });
      } catch (error) {
        if (!outcomeUnknown(error)) throw error;
        return afterLostFulfillment(plan, new Set(open.map((fulfillmentOrder) => fulfillmentOrder.id)), error);
      }
      assertNoUserErrors(answer.fulfillmentCreate.userErrors, 'fulfillmentCreate');
      return answer.fulfillmentCreate.fulfillment?.id ?? null;
    }
    const latest = [...order.fulfillments].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    if (!latest) {
      if (order.displayFulfillmentStatus === 'FULFILLED') return null;
      throw new Error(`order ${plan.orderId} has nothing left to fulfil`);
    }
    if (tracking && !latest.trackingInfo.some((info) => info.number === tracking.number)) {
      const answer = await client.request<{ fulfillmentTrackingInfoUpdate: { userErrors: UserError[] } }>(
        FULFILLMENT_TRACKING_UPDATE_MUTATION,
        {
          fulfillmentId: latest.id,
          trackingInfoInput: tracking,
          notifyCustomer: plan.notifyCustomer,
        },
      );
      assertNoUserErrors(answer.fulfillmentTrackingInfoUpdate.userErrors, 'fulfillmentTrackingInfoUpdate');
    }
    return latest.id;
  };

  /**
   * fulfillmentCreate's answer was lost and a fulfillment is not created twice: the order is read again.
   * Its fulfillment orders closed, the fulfillment exists; still open, nothing was done and the item may be
   * sent again; unreadable, nobody can tell.
   */
  const afterLostFulfillment = async (
    plan: StatusWritePlan,
    sent: Set<string>,
    error: ShopifyUnknownOutcomeError,
  ): Promise<string | null> => {
    const order = await facts(plan.orderId).catch(() => null);
    if (!order) throw error;
    const stillOpen = order.fulfillmentOrders.nodes.some(
      (fulfillmentOrder) => sent.has(fulfillmentOrder.id) && FULFILLABLE.has(fulfillmentOrder.status),
    );
    if (stillOpen) {
      throw new PlatformError(
        `${error.message}; the order is still unfulfilled, so nothing was done: safe to send again`,
        error.status,
        undefined,
        { retryable: true },
      );
    }
    const latest = [...order.fulfillments].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    return latest?.id ?? null;
  };

  const keepDocumentNumber = async (orderId: string, value: string, settings: ShopifySettings) => {
    const answer = await client.request<{ metafieldsSet: { userErrors: UserError[] } }>(METAFIELDS_SET_MUTATION, {
      metafields: [
        {
          ownerId: orderId,
          namespace: settings.documentNamespace,
          key: settings.documentKey,
          type: 'single_line_text_field',
          value,
        },
      ],
    });
    assertNoUserErrors(answer.metafieldsSet.userErrors, 'metafieldsSet');
  };

  const apply = async (plan: StatusWritePlan, settings: ShopifySettings): Promise<WriteOutcome> => {
    if (!isGid(plan.orderId, 'Order'))
      return { key: plan.key, ok: false, error: `not a Shopify order id: ${plan.orderId}`, retryable: false };
    const notes: string[] = [];
    const documentNumber = plan.documentNumber ?? plan.replaceReferenceWith;
    if (documentNumber) await keepDocumentNumber(plan.orderId, documentNumber, settings);
    if (plan.replaceReferenceWith) {
      notes.push(
        `Shopify order names cannot change: ${plan.replaceReferenceWith} is kept in ${settings.documentNamespace}.${settings.documentKey}`,
      );
    }

    switch (plan.status) {
      case 'shipped':
      case 'delivered': {
        const fulfillment = await ship(plan);
        if (plan.status === 'delivered' && fulfillment) {
          const answer = await client.request<{ fulfillmentEventCreate: { userErrors: UserError[] } }>(
            FULFILLMENT_EVENT_CREATE_MUTATION,
            {
              fulfillmentEvent: {
                fulfillmentId: fulfillment,
                status: 'DELIVERED',
                ...(plan.at ? { happenedAt: plan.at } : {}),
              },
            },
          );
          assertNoUserErrors(answer.fulfillmentEventCreate.userErrors, 'fulfillmentEventCreate');
        }
        break;
      }
      case 'cancelled': {
        const answer = await client.request<{ orderCancel: { orderCancelUserErrors: UserError[] } }>(
          ORDER_CANCEL_MUTATION,
          {
            orderId: plan.orderId,
            reason: 'OTHER',
            restock: settings.restockOnCancel,
            ...(settings.refundOnCancel ? { refundMethod: { originalPaymentMethodsRefund: true } } : {}),
            notifyCustomer: plan.notifyCustomer,
            staffNote: 'Cancelled by the ERP (Passerelle)',
          },
        );
        assertNoUserErrors(answer.orderCancel.orderCancelUserErrors, 'orderCancel');
        notes.push('cancellation runs as a Shopify job');
        break;
      }
      case 'completed': {
        const answer = await client.request<{ orderClose: { userErrors: UserError[] } }>(ORDER_CLOSE_MUTATION, {
          input: { id: plan.orderId },
        });
        assertNoUserErrors(answer.orderClose.userErrors, 'orderClose');
        break;
      }
      case 'paid': {
        const answer = await client.request<{ orderMarkAsPaid: { userErrors: UserError[] } }>(
          ORDER_MARK_AS_PAID_MUTATION,
          {
            input: { id: plan.orderId },
          },
        );
        assertNoUserErrors(answer.orderMarkAsPaid.userErrors, 'orderMarkAsPaid');
        break;
      }
      case 'on_hold': {
        const order = await facts(plan.orderId);
        for (const fulfillmentOrder of order.fulfillmentOrders.nodes.filter((entry) => FULFILLABLE.has(entry.status))) {
          const answer = await client.request<{ fulfillmentOrderHold: { userErrors: UserError[] } }>(
            FULFILLMENT_ORDER_HOLD_MUTATION,
            {
              id: fulfillmentOrder.id,
              fulfillmentHold: { reason: 'OTHER', reasonNotes: 'Held by the ERP (Passerelle)' },
            },
          );
          assertNoUserErrors(answer.fulfillmentOrderHold.userErrors, 'fulfillmentOrderHold');
        }
        break;
      }
      default: {
        if (!documentNumber && !plan.trackingNumber) {
          return {
            key: plan.key,
            ok: 'skipped',
            reason: `Shopify sets "${plan.status}" itself (payments, refunds, fulfillment progress); the ERP cannot`,
            id: plan.orderId,
          };
        }
        if (plan.trackingNumber) await ship(plan);
        notes.push(`status "${plan.status}" left to Shopify`);
      }
    }
    return { key: plan.key, ok: true, id: plan.orderId, ...(notes.length ? { note: notes.join('; ') } : {}) };
  };

  return async (plans: StatusWritePlan[], writeContext: WriteContext): Promise<WriteOutcome[]> => {
    const settings = shopifySectionOf(writeContext.settings);
    const outcomes: WriteOutcome[] = [];
    for (const plan of plans) {
      try {
        outcomes.push(await apply(plan, settings));
      } catch (error) {
        outcomes.push(failureOutcome(plan.key, error));
      }
    }
    return outcomes;
  };
}
