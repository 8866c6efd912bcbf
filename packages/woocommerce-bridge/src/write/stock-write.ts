import type { StockWritePlan, WriteOutcome } from '@passerelle/core';
import { findBySkus } from '../read/product-reads.js';
import type { ItemRef, WooRuntime } from '../runtime.js';
import { type BatchOp, runBatch } from './run-batch.js';

interface StockPayload {
  id: number;
  manage_stock: true;
  stock_quantity: number;
  status?: string;
  stock_status?: 'instock' | 'outofstock';
}

/**
 * Absolute stock writes. Simple products go through `POST /products/batch`, variations through their
 * parent's `/variations/batch`: 100 items per call, so 1,000 simple products cost 10 calls. The quantity
 * only counts when WooCommerce manages the item's stock, so `manage_stock` is sent with it. The stock
 * policy's `setActive` publishes or unpublishes (a variation is enabled or disabled), `outOfStock` sets
 * the stock status (which WooCommerce derives from the quantity when it manages stock).
 */
export async function writeStock(runtime: WooRuntime, plans: readonly StockWritePlan[]): Promise<WriteOutcome[]> {
  const outcomes = new Map<string, WriteOutcome>();
  const missing = plans.filter((plan) => !runtime.items.has(plan.reference)).map((plan) => plan.reference);
  if (missing.length) await findBySkus(runtime, missing);

  const simple: BatchOp<StockPayload>[] = [];
  const byParent = new Map<number, BatchOp<StockPayload>[]>();
  const refs = new Map<string, ItemRef>();
  for (const plan of plans) {
    if (plan.location !== null) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: false,
        error: `WooCommerce keeps one stock per item: location "${plan.location}" cannot be written`,
        retryable: false,
      });
      continue;
    }
    const ref = runtime.items.get(plan.reference);
    if (!ref) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: false,
        error: `no product or variation with SKU "${plan.reference}"`,
        retryable: false,
      });
      continue;
    }
    refs.set(plan.key, ref);
    const payload: StockPayload = { id: ref.id, manage_stock: true, stock_quantity: plan.quantity };
    if (plan.setActive !== undefined)
      payload.status = plan.setActive ? 'publish' : ref.parentId === null ? 'draft' : 'private';
    if (plan.outOfStock !== undefined) payload.stock_status = plan.outOfStock ? 'outofstock' : 'instock';
    const op: BatchOp<StockPayload> = { key: plan.key, kind: 'update', payload };
    if (ref.parentId === null) simple.push(op);
    else byParent.set(ref.parentId, [...(byParent.get(ref.parentId) ?? []), op]);
  }

  const results = await runBatch<StockPayload, { id: number }>(runtime.client, 'products', simple);
  for (const [parentId, ops] of byParent) {
    for (const [key, result] of await runBatch<StockPayload, { id: number }>(
      runtime.client,
      `products/${parentId}/variations`,
      ops,
    ))
      results.set(key, result);
  }
  for (const [key, result] of results) {
    const ref = refs.get(key) as ItemRef;
    if (result.ok) {
      ref.manageStock = true;
      outcomes.set(key, { key, ok: true, id: String(result.item.id) });
    } else outcomes.set(key, { key, ok: false, error: result.error, retryable: result.retryable });
  }
  return plans.map(
    (plan) =>
      outcomes.get(plan.key) ?? { key: plan.key, ok: false, error: 'the stock write was not sent', retryable: true },
  );
}
