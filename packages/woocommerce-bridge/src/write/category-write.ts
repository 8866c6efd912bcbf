import type { CategoryParent, CategoryWrite, PlannedWrite, WriteContext, WriteOutcome } from '@passerelle/core';
import type { CategoryIndex, WooRuntime } from '../runtime.js';
import type { WooCategory } from '../woo.types.js';
import { pickText } from './product-payload.js';
import { type BatchOp, runBatch } from './run-batch.js';

/** Parents come before children in a tree; this bounds the rounds a batch of new categories may need. */
const MAX_DEPTH = 12;

function resolveParent(parent: CategoryParent, index: CategoryIndex): WooCategory | undefined {
  if (parent.id !== undefined && /^\d+$/.test(parent.id)) return index.byId.get(Number(parent.id));
  if (parent.reference !== undefined) return index.bySlug.get(parent.reference);
  if (parent.name !== undefined) return index.byName.get(parent.name.replace(/&amp;/g, '&').trim().toLowerCase())?.[0];
  return undefined;
}

/**
 * Writes categories through `POST /products/categories/batch`. A category's reference is its slug, so a
 * new category gets the reference as slug and an update never moves the slug away from it (that would
 * lose the category on the next write); a category whose parent is created in the same batch waits for
 * its parent's round.
 */
export async function writeCategories(
  runtime: WooRuntime,
  plans: readonly PlannedWrite<CategoryWrite>[],
  _context: WriteContext,
): Promise<WriteOutcome[]> {
  const facts = await runtime.shop.facts();
  const language = facts.language;
  const outcomes = new Map<string, WriteOutcome>();
  const notes = new Map<string, string[]>();
  let pending = [...plans];
  runtime.forgetCategories();

  for (let round = 0; round < MAX_DEPTH && pending.length > 0; round++) {
    const index = await runtime.categories();
    const ready: BatchOp<Record<string, unknown>>[] = [];
    const waiting: PlannedWrite<CategoryWrite>[] = [];
    for (const plan of pending) {
      const { data } = plan;
      const payload: Record<string, unknown> = {};
      const name = pickText(data.name, language);
      if (name !== undefined) payload.name = name;
      const description = pickText(data.description, language);
      if (description !== undefined) payload.description = description;
      const slug = pickText(data.slug, language);
      if (slug !== undefined && slug !== plan.key)
        notes.set(plan.key, [`slug kept as "${plan.key}": it is the category's reference in WooCommerce`]);
      if (data.position !== undefined) payload.menu_order = data.position;
      if (data.parent !== undefined) {
        if (data.parent === null) payload.parent = 0;
        else {
          const parent = resolveParent(data.parent, index);
          const inBatch = pending.some(
            (other) =>
              other !== plan &&
              (other.key === data.parent?.reference || pickText(other.incoming.name, language) === data.parent?.name),
          );
          if (!parent && inBatch) {
            waiting.push(plan);
            continue;
          }
          if (!parent) {
            outcomes.set(plan.key, {
              key: plan.key,
              ok: false,
              error: `parent category ${JSON.stringify(data.parent)} not found`,
              retryable: false,
            });
            continue;
          }
          payload.parent = parent.id;
        }
      }
      if (plan.action === 'create')
        ready.push({ key: plan.key, kind: 'create', payload: { ...payload, slug: plan.key } });
      else ready.push({ key: plan.key, kind: 'update', payload: { id: Number(plan.platformId), ...payload } });
    }
    if (ready.length === 0) {
      for (const plan of waiting)
        outcomes.set(plan.key, {
          key: plan.key,
          ok: false,
          error: 'its parent category could not be created',
          retryable: false,
        });
      break;
    }
    const results = await runBatch<Record<string, unknown>, WooCategory>(runtime.client, 'products/categories', ready);
    for (const [key, result] of results) {
      const note = notes.get(key)?.join('; ');
      outcomes.set(
        key,
        result.ok
          ? { key, ok: true, id: String(result.item.id), ...(note ? { note } : {}) }
          : { key, ok: false, error: result.error, retryable: result.retryable },
      );
    }
    runtime.forgetCategories();
    pending = waiting;
  }
  return plans.map(
    (plan) =>
      outcomes.get(plan.key) ?? {
        key: plan.key,
        ok: false,
        error: 'the category tree is deeper than the bridge writes in one batch',
        retryable: false,
      },
  );
}
