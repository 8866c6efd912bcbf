import type { ConcurrencyLimit, OrderStatus, WriteContext, WriteOutcome } from '@passerelle/core';
import { PasserelleError } from '@passerelle/core';
import type { PrestashopClient, PsRow } from './client.js';
import type { Lookups } from './lookups.js';
import { anyOf, chunk, distinct } from './query.js';
import type { ReferenceBook } from './reference-book.js';
import type { PsResource } from './resources.js';
import type { ShopContext } from './shop-context.js';

/** What can change while the adapter runs (the admin edits `platform.prestashop`). */
export interface RuntimeOptions {
  /** PrestaShop state id → contract status, for custom states. */
  orderStates: Record<string, OrderStatus>;
  /** Write calls in flight to the shop, across every batch. */
  concurrency: number;
}

/** Everything the entity operations share. */
export interface Bridge {
  client: PrestashopClient;
  shop: ShopContext;
  lookups: Lookups;
  references: ReferenceBook;
  runtime: RuntimeOptions;
  /** The slots `writeConcurrency` bounds: shared by every batch, so several batches at once do not multiply it. */
  writeSlots: ConcurrencyLimit;
  /** The contract `shopId` stamped on items (the module's), if any. */
  contractShopId: string | undefined;
  includeRaw: boolean;
  /** Downloads an image the ERP names by URL, for the multipart upload. */
  fetchImage(url: string): Promise<{ data: Blob; filename: string }>;
  now(): Date;
}

/** The write concurrency: `platform.prestashop.writeConcurrency` when the settings carry it. */
export function concurrencyOf(bridge: Bridge, context: WriteContext | undefined): number {
  const settings = context?.settings as { platform?: { prestashop?: { writeConcurrency?: unknown } } } | undefined;
  const fromSettings = settings?.platform?.prestashop?.writeConcurrency;
  return typeof fromSettings === 'number' && fromSettings >= 1 ? fromSettings : bridge.runtime.concurrency;
}

/**
 * Runs one write per item, at most `writeConcurrency` at once across every batch of this adapter (the
 * shop sees that many calls at once, whatever the cloud sends in parallel), and answers in input order.
 */
export function forEachWrite<T, R>(
  bridge: Bridge,
  context: WriteContext | undefined,
  items: readonly T[],
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  return bridge.writeSlots.map(items, concurrencyOf(bridge, context), task);
}

/** Rows whose `field` is one of `values`, read in URL-sized chunks. */
export async function listIn(
  client: PrestashopClient,
  resource: PsResource,
  field: string,
  values: readonly string[],
  display: 'full' | readonly string[],
  filter: Record<string, string> = {},
  size = 100,
): Promise<PsRow[]> {
  const out: PsRow[] = [];
  const parts = chunk(distinct(values), size);
  const pages = await Promise.all(
    parts.map((part) => client.list(resource, { display, filter: { ...filter, [field]: anyOf(part) } })),
  );
  for (const page of pages) out.push(...page);
  return out;
}

/** An item's failure as its outcome: the reason, and whether trying later may work. */
export function failure(key: string, error: unknown): WriteOutcome {
  if (PasserelleError.is(error)) return { key, ok: false, error: error.message, retryable: error.retryable };
  return { key, ok: false, error: error instanceof Error ? error.message : String(error), retryable: false };
}

/** A refusal the bridge decides before calling PrestaShop (a missing category, a foreign currency). */
export class ItemRefused extends Error {
  override readonly name = 'ItemRefused';
}

export function outcomeWithNotes(key: string, id: string, notes: string[]): WriteOutcome {
  return notes.length ? { key, ok: true, id, note: notes.join('; ') } : { key, ok: true, id };
}
