import type { z } from 'zod';
import type { WriteOutcome } from '../../adapter.js';
import type { Invoice, Order, Payment } from '../../contracts/index.js';
import { invoiceSchema, orderSchema, paymentSchema } from '../../contracts/index.js';
import { applyPlans, type BatchSpec } from '../batch.js';

/**
 * The ERP side (`PUT /orders`, `/invoices`, `/payments`): the module of a back office
 * receives what a shop module's queue produced. Each item is keyed by its `id`.
 */
function erpBatch<T extends { id: string }>(
  entity: string,
  capability: 'erpOrders' | 'erpInvoices' | 'erpPayments',
  schema: z.ZodType<T>,
  pick: (
    erp: NonNullable<import('../../adapter.js').PlatformAdapter['erp']>,
  ) => ((items: T[], context: import('../../adapter.js').WriteContext) => Promise<WriteOutcome[]>) | undefined,
): BatchSpec<T> {
  return {
    entity,
    capability,
    itemSchema: schema,
    keyOf: (item) => item.id,
    async execute(run, context) {
      const write = pick(context.adapter.erp ?? {});
      // Bindings of received documents are kept apart from the sweep's bindings of the ERP's own
      // records (`order`, `invoice`…), which key the same platform ids by another reference.
      const bindingEntity = `erp-${entity}`;
      const existing = await Promise.all(
        run.items.map((item) => context.store.getBinding(context.shopId, bindingEntity, item.id)),
      );
      const plans = run.items.map((item, index) => ({
        key: item.id,
        action: existing[index] ? ('update' as const) : ('create' as const),
        item,
      }));
      const results = await applyPlans(plans, (batch) =>
        write!(
          batch.map((plan) => plan.item),
          run.write,
        ),
      );
      const syncedAt = context.clock.now().toISOString();
      for (const plan of plans) {
        const result = results.get(plan.key);
        if (result?.id && (result.outcome === 'created' || result.outcome === 'updated')) {
          try {
            await context.store.upsertBinding({
              shopId: context.shopId,
              entity: bindingEntity,
              reference: plan.key,
              platformId: result.id,
              contentHash: null,
              sourceUpdatedAt: null,
              syncedAt,
            });
          } catch {
            // The document reached the ERP; a binding that cannot be recorded must not turn that into a failure.
            await context.activity.warn('write', 'binding not recorded for a received document', {
              entity,
              reference: plan.key,
              outcome: result.outcome,
              details: { id: result.id },
            });
          }
        }
      }
      return run.items.map((item) => results.get(item.id)!);
    },
  };
}

export const erpOrdersBatch = () =>
  erpBatch<Order>('order', 'erpOrders', orderSchema as unknown as z.ZodType<Order>, (erp) => erp.upsertOrders);
export const erpInvoicesBatch = () =>
  erpBatch<Invoice>(
    'invoice',
    'erpInvoices',
    invoiceSchema as unknown as z.ZodType<Invoice>,
    (erp) => erp.upsertInvoices,
  );
export const erpPaymentsBatch = () =>
  erpBatch<Payment>(
    'payment',
    'erpPayments',
    paymentSchema as unknown as z.ZodType<Payment>,
    (erp) => erp.upsertPayments,
  );
