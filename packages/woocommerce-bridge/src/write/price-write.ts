import type { PlannedWrite, PriceWrite, WriteContext, WriteOutcome } from '@passerelle/core';
import { findBySkus } from '../read/product-reads.js';
import type { WooRuntime } from '../runtime.js';
import { describeWithheld } from './product-write.js';
import { type BatchOp, runBatch } from './run-batch.js';
import { salePayload, type Withheld } from './sale-price.js';

/**
 * Price writes by SKU: products through `/products/batch`, variations through their parent's
 * `/variations/batch`. WooCommerce keeps one price as the shop enters it: a tax-inclusive shop takes
 * `priceIncl`, a tax-exclusive one `price`. The unconditional specific price is the sale price.
 */
export async function writePrices(
  runtime: WooRuntime,
  plans: readonly PlannedWrite<PriceWrite>[],
  _context: WriteContext,
): Promise<WriteOutcome[]> {
  const facts = await runtime.shop.facts();
  const outcomes = new Map<string, WriteOutcome>();
  const missing = plans.filter((plan) => !runtime.items.has(plan.key)).map((plan) => plan.key);
  if (missing.length) await findBySkus(runtime, missing);
  const simple: BatchOp<Record<string, unknown>>[] = [];
  const byParent = new Map<number, BatchOp<Record<string, unknown>>[]>();
  const withheld = new Map<string, Withheld[]>();

  for (const plan of plans) {
    const ref = runtime.items.get(plan.key);
    if (!ref) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: false,
        error: `no product or variation with SKU "${plan.key}"`,
        retryable: false,
      });
      continue;
    }
    const { data } = plan;
    const notes: Withheld[] = [];
    if (data.currency !== undefined && data.currency !== facts.currency) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: false,
        error: `the price is in ${data.currency} but the shop sells in ${facts.currency}`,
        retryable: false,
      });
      continue;
    }
    const payload: Record<string, unknown> = { id: ref.id };
    const entered = facts.pricesIncludeTax ? data.priceIncl : data.price;
    if (facts.pricesIncludeTax && data.price !== undefined && data.priceIncl === undefined) {
      notes.push({ field: 'price', reason: 'the shop enters prices including tax: send priceIncl' });
    }
    if (!facts.pricesIncludeTax && data.priceIncl !== undefined)
      notes.push({ field: 'priceIncl', reason: 'the shop enters prices excluding tax: price was written' });
    if (entered !== undefined) payload.regular_price = entered;
    if (data.taxRate !== undefined)
      notes.push({ field: 'taxRate', reason: 'WooCommerce taxes by tax class, set on the product' });
    if (data.specificPrices !== undefined)
      Object.assign(payload, salePayload(data.specificPrices, entered ?? plan.incoming.price, notes));
    withheld.set(plan.key, notes);
    if (Object.keys(payload).length === 1) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: 'skipped',
        reason: describeWithheld(notes) ?? 'nothing to write',
        id: String(ref.id),
      });
      continue;
    }
    const op: BatchOp<Record<string, unknown>> = { key: plan.key, kind: 'update', payload };
    if (ref.parentId === null) simple.push(op);
    else byParent.set(ref.parentId, [...(byParent.get(ref.parentId) ?? []), op]);
  }

  const results = await runBatch<Record<string, unknown>, { id: number }>(runtime.client, 'products', simple);
  for (const [parentId, ops] of byParent) {
    for (const [key, result] of await runBatch<Record<string, unknown>, { id: number }>(
      runtime.client,
      `products/${parentId}/variations`,
      ops,
    ))
      results.set(key, result);
  }
  for (const [key, result] of results) {
    const note = describeWithheld(withheld.get(key) ?? []);
    outcomes.set(
      key,
      result.ok
        ? { key, ok: true, id: String(result.item.id), ...(note ? { note } : {}) }
        : { key, ok: false, error: result.error, retryable: result.retryable },
    );
  }
  return plans.map(
    (plan) =>
      outcomes.get(plan.key) ?? { key: plan.key, ok: false, error: 'the price write was not sent', retryable: true },
  );
}
