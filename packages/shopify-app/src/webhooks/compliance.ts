import { type Clock, CURRENT_SETTINGS_VERSION, createActivityLog, type Store, systemClock } from '@passerelle/core';
import type { SessionStorage } from '../auth/session-storage.js';
import { complianceCustomer, payloadShopDomain } from '../map/webhook-payload.js';
import { shopifySettingsSchema } from '../settings.js';
import type { WebhookHandler } from './topic-handlers.js';

/** Topics every public app must handle (shopify.dev "privacy law compliance"). */
export const COMPLIANCE_TOPICS = ['customers/data_request', 'customers/redact', 'shop/redact'] as const;

/** Entities whose bindings the module may hold for a shop. */
const BOUND_ENTITIES = [
  'product',
  'variant',
  'category',
  'stock',
  'price',
  'customer',
  'customer-group',
  'order',
  'payment',
  'invoice',
  'shipment',
];

/** What the app holds about one customer: handed to the merchant, who answers the customer. */
export interface DataRequestReport {
  shop: string;
  dataRequestId: string | null;
  customerId: string | null;
  /** `(reference <-> platform id)` links the module keeps for the customer. */
  bindings: { entity: string; reference: string; platformId: string; syncedAt: string }[];
  /** Transfer acknowledgements of the orders the request names. */
  acknowledgements: { orderId: string; documentNumber: string | null; acknowledgedAt: string }[];
}

export interface ComplianceOptions {
  store: Store;
  sessions: SessionStorage;
  clock?: Clock;
  /** Receives each data request's report (to email the merchant, file a ticket…). */
  onDataRequest?: (report: DataRequestReport) => Promise<void>;
  /** Called after `shop/redact` erased the shop (the app drops its module). */
  onShopRedacted?: (shop: string) => Promise<void>;
}

function assertSameShop(shop: string, payload: unknown): void {
  const declared = payloadShopDomain(payload);
  if (declared !== null && declared !== shop)
    throw new Error(`The payload names shop ${declared}, the delivery ${shop}.`);
}

/**
 * The mandatory compliance topics. The module holds no customer profile of its own (it reads Shopify
 * live); what it keeps about a customer is the binding of their reference to their id, which a
 * redaction deletes, and a shop redaction erases everything the store can erase for the shop.
 */
export function complianceHandlers(shop: string, options: ComplianceOptions): Record<string, WebhookHandler> {
  const { store } = options;
  const activity = createActivityLog(store, shop, options.clock ?? systemClock);

  return {
    'customers/data_request': async (payload) => {
      assertSameShop(shop, payload);
      const { id, ordersIds, requestId } = complianceCustomer(payload);
      const binding = id ? await store.getBindingByPlatformId(shop, 'customer', id) : null;
      const acknowledgements = await store.getAcknowledgements(shop, ordersIds);
      const report: DataRequestReport = {
        shop,
        dataRequestId: requestId,
        customerId: id,
        bindings: binding
          ? [
              {
                entity: binding.entity,
                reference: binding.reference,
                platformId: binding.platformId,
                syncedAt: binding.syncedAt,
              },
            ]
          : [],
        acknowledgements: [...acknowledgements.values()].map(({ orderId, documentNumber, acknowledgedAt }) => ({
          orderId,
          documentNumber,
          acknowledgedAt,
        })),
      };
      await options.onDataRequest?.(report);
      await activity.info(
        'compliance',
        `customers/data_request ${requestId ?? ''}: ${report.bindings.length + report.acknowledgements.length} record(s) held`,
        {
          entity: 'customer',
          outcome: 'ok',
          details: {
            customerId: id,
            dataRequestId: requestId,
            bindings: report.bindings.length,
            acknowledgements: report.acknowledgements.length,
          },
        },
      );
    },

    'customers/redact': async (payload) => {
      assertSameShop(shop, payload);
      const { id } = complianceCustomer(payload);
      const binding = id ? await store.getBindingByPlatformId(shop, 'customer', id) : null;
      if (binding) await store.deleteBinding(shop, 'customer', binding.reference);
      await activity.info(
        'compliance',
        `customers/redact: ${binding ? 'the customer binding was deleted' : 'nothing held'}`,
        {
          entity: 'customer',
          outcome: 'ok',
          details: { customerId: id },
        },
      );
    },

    'shop/redact': async (payload) => {
      assertSameShop(shop, payload);
      await options.sessions.delete(shop);
      let deleted = 0;
      for (const entity of BOUND_ENTITIES) {
        // Bounded: each pass deletes the page it read, so the loop ends when the table is empty.
        for (let pass = 0; pass < 10_000; pass++) {
          const page = await store.listBindings(shop, entity, { limit: 500 });
          if (page.length === 0) break;
          for (const binding of page) if (await store.deleteBinding(shop, entity, binding.reference)) deleted++;
        }
      }
      await store.resetAcknowledgements(shop, { all: true });
      // Settings back to defaults: the endpoint password hash and allow-lists go with them.
      await store.saveSettings(shop, CURRENT_SETTINGS_VERSION, shopifySettingsSchema.parse({}), 'shop/redact');
      await options.onShopRedacted?.(shop);
      await activity.info(
        'compliance',
        `shop/redact: session, ${deleted} binding(s), acknowledgements and settings erased`,
        {
          outcome: 'ok',
          details: { bindings: deleted },
        },
      );
    },
  };
}
