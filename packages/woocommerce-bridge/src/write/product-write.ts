import {
  type PlannedWrite,
  PlatformError,
  type ProductWrite,
  type WriteContext,
  type WriteOutcome,
} from '@passerelle/core';
import { WOO_PAGE_SIZE } from '../client.js';
import { chunk } from '../map-limit.js';
import { findBySkus } from '../read/product-reads.js';
import type { CategoryIndex, WooRuntime } from '../runtime.js';
import { readPlatformSettings } from '../settings.js';
import { hasPlugin, type ShopFacts } from '../shop-context.js';
import type { WooProduct } from '../woo.types.js';
import { buildProductPayload, type ProductPayload } from './product-payload.js';
import { type BatchOp, runBatch } from './run-batch.js';
import type { Withheld } from './sale-price.js';

/** Plug-in folders (or names) that reveal Yoast SEO and WPML with WooCommerce Multilingual. */
const YOAST = ['wordpress-seo', 'yoast seo'];
const WPML = ['woocommerce-multilingual', 'wpml-multilingual-cms', 'sitepress-multilingual-cms'];

export function describeWithheld(withheld: readonly Withheld[]): string | undefined {
  if (withheld.length === 0) return undefined;
  return `not written: ${withheld.map((entry) => `${entry.field} (${entry.reason})`).join('; ')}`;
}

/** The brand taxonomy: WooCommerce 9.6+ Brands (or the Brands extension) answers `products/brands`. */
async function brandIndex(
  runtime: WooRuntime,
  names: readonly string[],
): Promise<{ available: boolean; ids: Map<string, number> }> {
  const ids = new Map<string, number>();
  let terms: { id: number; name: string }[];
  try {
    terms = await runtime.fetchAll<{ id: number; name: string }>('products/brands', { hide_empty: false });
  } catch (error) {
    if (error instanceof PlatformError && error.status === 404) return { available: false, ids };
    throw error;
  }
  for (const term of terms) ids.set(term.name.replace(/&amp;/g, '&').toLowerCase(), term.id);
  const missing = [...new Set(names.filter((name) => !ids.has(name.toLowerCase())))];
  if (missing.length) {
    const created = await runBatch<{ name: string }, { id: number; name: string }>(
      runtime.client,
      'products/brands',
      missing.map((name) => ({ key: name, kind: 'create', payload: { name } })),
    );
    for (const [name, result] of created) if (result.ok) ids.set(name.toLowerCase(), result.item.id);
  }
  return { available: true, ids };
}

async function existingProducts(
  runtime: WooRuntime,
  plans: readonly PlannedWrite<ProductWrite>[],
): Promise<Map<number, WooProduct>> {
  const ids = plans
    .filter((plan) => plan.action === 'update' && plan.platformId && /^\d+$/.test(plan.platformId))
    .map((plan) => Number(plan.platformId));
  const out = new Map<number, WooProduct>();
  for (const group of chunk([...new Set(ids)], WOO_PAGE_SIZE)) {
    for (const product of await runtime.fetchAll<WooProduct>('products', {
      include: group.join(','),
      orderby: 'include',
    }))
      out.set(product.id, product);
  }
  return out;
}

function failure(key: string, error: unknown): WriteOutcome {
  if (error instanceof PlatformError) return { key, ok: false, error: error.message, retryable: error.retryable };
  return { key, ok: false, error: error instanceof Error ? error.message : 'the write failed', retryable: true };
}

/**
 * Writes planned products: parents through `POST /products/batch` (creates and updates together, 100
 * per call), then the variations of each through `/products/<id>/variations/batch`, then WPML
 * translations when asked. Each plan gets one outcome; what WooCommerce could not take is in its note.
 */
export async function writeProducts(
  runtime: WooRuntime,
  plans: readonly PlannedWrite<ProductWrite>[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  const outcomes = new Map<string, WriteOutcome>();
  const settings = context.settings as { categories?: { extraCategories?: { findBy?: string } } };
  const platform = readPlatformSettings(context.settings);
  const facts: ShopFacts = await runtime.shop.facts();
  const findBy = settings?.categories?.extraCategories?.findBy === 'id' ? 'id' : 'name';

  const existing = await existingProducts(runtime, plans);
  const needsCategories = plans.some(
    (plan) => plan.data.defaultCategory !== undefined || plan.data.categories !== undefined,
  );
  if (needsCategories) runtime.forgetCategories();
  const categories: CategoryIndex | null = needsCategories ? await runtime.categories() : null;
  const relatedSkus = plans.flatMap((plan) => (plan.data.relatedProducts ?? []).map((related) => related.reference));
  const productIds = new Map<string, number>();
  if (relatedSkus.length)
    for (const item of await findBySkus(runtime, relatedSkus))
      if (item.type !== 'variation') productIds.set(item.sku, item.id);
  const manufacturers = plans.flatMap((plan) => (plan.data.manufacturer ? [plan.data.manufacturer] : []));
  const brands =
    platform.brands && manufacturers.length
      ? await brandIndex(runtime, manufacturers)
      : { available: false, ids: new Map<string, number>() };
  const plugins = { yoast: hasPlugin(facts, YOAST), wpml: hasPlugin(facts, WPML), brands: brands.available };

  const built = new Map<string, ProductPayload>();
  const parentOps: BatchOp<Record<string, unknown>>[] = [];
  for (const plan of plans) {
    const current = plan.platformId ? existing.get(Number(plan.platformId)) : undefined;
    if (plan.action === 'update' && !current) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: false,
        error: `no WooCommerce product with id ${plan.platformId ?? '(none)'}`,
        retryable: false,
      });
      continue;
    }
    const result = buildProductPayload(plan, {
      facts,
      platform,
      plugins,
      categories,
      findBy,
      productIds,
      brandIds: brands.ids,
      existing: current,
      existingVariations: [],
    });
    if (result.refused) {
      outcomes.set(plan.key, { key: plan.key, ok: false, error: result.refused, retryable: false });
      continue;
    }
    const nothing =
      Object.keys(result.payload).length === 0 && result.variations.length === 0 && result.translations.size === 0;
    if (nothing && plan.action === 'update') {
      // Every planned field needs something the shop lacks or a setting keeps back: say so, write nothing.
      outcomes.set(plan.key, {
        key: plan.key,
        ok: 'skipped',
        reason: describeWithheld(result.withheld) ?? 'nothing WooCommerce can hold',
        id: plan.platformId as string,
      });
      continue;
    }
    built.set(plan.key, result);
    if (plan.action === 'create') parentOps.push({ key: plan.key, kind: 'create', payload: result.payload });
    else if (Object.keys(result.payload).length)
      parentOps.push({ key: plan.key, kind: 'update', payload: { id: Number(plan.platformId), ...result.payload } });
  }

  const parents = await runBatch<Record<string, unknown>, WooProduct>(runtime.client, 'products', parentOps);
  const productIdOf = new Map<string, number>();
  for (const plan of plans) {
    if (!built.has(plan.key)) continue;
    const answer = parents.get(plan.key);
    if (answer && !answer.ok)
      outcomes.set(plan.key, { key: plan.key, ok: false, error: answer.error, retryable: answer.retryable });
    else productIdOf.set(plan.key, answer?.ok ? answer.item.id : Number(plan.platformId));
    if (answer?.ok && answer.item.sku)
      runtime.items.set(answer.item.sku, {
        id: answer.item.id,
        parentId: null,
        manageStock: answer.item.manage_stock === true,
      });
  }

  const variationErrors = new Map<string, string[]>();
  const variationRetryable = new Set<string>();
  for (const [key, id] of productIdOf) {
    const result = built.get(key) as ProductPayload;
    if (result.variations.length === 0) continue;
    const answers = await runBatch<Record<string, unknown>, { id: number; sku: string }>(
      runtime.client,
      `products/${id}/variations`,
      result.variations.map((variation) => ({ key: variation.key, kind: variation.kind, payload: variation.payload })),
    );
    for (const [variantKey, answer] of answers) {
      if (answer.ok) {
        if (answer.item.sku)
          runtime.items.set(answer.item.sku, { id: answer.item.id, parentId: id, manageStock: false });
        continue;
      }
      variationErrors.set(key, [...(variationErrors.get(key) ?? []), `${variantKey}: ${answer.error}`]);
      if (answer.retryable) variationRetryable.add(key);
    }
  }

  const translationNotes = new Map<string, string[]>();
  for (const [key, id] of productIdOf) {
    const result = built.get(key) as ProductPayload;
    if (result.translations.size === 0) continue;
    const plan = plans.find((entry) => entry.key === key) as PlannedWrite<ProductWrite>;
    const known = (plan.platformId ? existing.get(Number(plan.platformId))?.translations : undefined) ?? {};
    for (const [language, texts] of result.translations) {
      const lang = language.split('-')[0] as string;
      try {
        const translationId = known[lang];
        if (translationId !== undefined)
          await runtime.client.put(`products/${translationId}`, texts, { query: { lang } });
        else await runtime.client.post('products', { ...texts, translation_of: id }, { query: { lang } });
      } catch (error) {
        translationNotes.set(key, [
          ...(translationNotes.get(key) ?? []),
          `${lang} translation failed: ${error instanceof Error ? error.message : 'unknown error'}`,
        ]);
      }
    }
  }

  for (const [key, id] of productIdOf) {
    const result = built.get(key) as ProductPayload;
    const errors = variationErrors.get(key);
    if (errors) {
      outcomes.set(key, {
        key,
        ok: false,
        error: `the product was written (id ${id}) but variations failed: ${errors.join('; ')}`,
        retryable: variationRetryable.has(key),
      });
      continue;
    }
    const note = [describeWithheld(result.withheld), ...(translationNotes.get(key) ?? [])].filter(Boolean).join('; ');
    outcomes.set(key, { key, ok: true, id: String(id), ...(note ? { note } : {}) });
  }
  return plans.map((plan) => outcomes.get(plan.key) ?? failure(plan.key, new Error('the product write was not sent')));
}
