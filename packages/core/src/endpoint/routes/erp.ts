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
      const existing = await context.store.getBindings(
        context.shopId,
        bindingEntity,
        run.items.map((item) => item.id),
      );
      const plans = run.items.map((item) => ({
        key: item.id,
        action: existing.has(item.id) ? ('update' as const) : ('create' as const),
        item,
      }));
      const results = await applyPlans(plans, (batch) =>
        write!(
          batch.map((plan) => plan.item),
          run.write,
        ),
      );
      const syncedAt = context.clock.now().toISOString();
      const received = plans.flatMap((plan) => {
        const result = results.get(plan.key);
        return result?.id && (result.outcome === 'created' || result.outcome === 'updated') ? [result] : [];
      });
      // One store write for the batch's bindings; a conflict skips that document's binding alone.
      let unbound: boolean[] = [];
      if (received.length > 0) {
        try {
          const conflicts = await context.store.upsertBindings(
            received.map((result) => ({
              shopId: context.shopId,
              entity: bindingEntity,
              reference: result.key,
              platformId: result.id as string,
              contentHash: null,
              sourceUpdatedAt: null,
              syncedAt,
            })),
          );
          unbound = conflicts.map((conflict) => conflict !== null);
        } catch {
          unbound = received.map(() => true);
        }
      }
      for (const [index, result] of received.entries()) {
        if (!unbound[index]) continue;
        // The document reached the ERP; a binding that cannot be recorded must not turn that into a failure.
        await context.activity.warn('write', 'binding not recorded for a received document', {
          entity,
          reference: result.key,
          outcome: result.outcome,
          details: { id: result.id },
        });
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
