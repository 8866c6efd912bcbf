import type { ActivationWrite, WriteOutcome } from '@passerelle/core';
import type { WooRuntime } from '../runtime.js';
import { runBatch } from './run-batch.js';

/** Activation by reference: a product is published or set to draft; nothing is ever deleted. */
export async function writeProductActivation(
  runtime: WooRuntime,
  items: readonly ActivationWrite[],
): Promise<WriteOutcome[]> {
  const results = await runBatch<{ id: number; status: string }, { id: number }>(
    runtime.client,
    'products',
    items.map((item) => ({
      key: item.key,
      kind: 'update',
      payload: { id: Number(item.platformId), status: item.active ? 'publish' : 'draft' },
    })),
  );
  return items.map((item) => {
    const result = results.get(item.key);
    if (result?.ok) return { key: item.key, ok: true, id: String(result.item.id) };
    return { key: item.key, ok: false, error: result?.error ?? 'not sent', retryable: result?.retryable ?? true };
  });
}
