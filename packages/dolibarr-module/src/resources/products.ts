import {
  compareDecimals,
  type ListOptions,
  type PlannedWrite,
  type Product,
  type ProductOperations,
  type ProductWrite,
  subtractDecimals,
  type VariantWrite,
  type WriteContext,
  type WriteOutcome,
} from '@passerelle/core';
import { type AdapterContext, dolibarrSettings, failure, forEachWrite } from '../adapter-context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { pageFilter } from '../lookups.js';
import { amountOf } from '../map/decimal.js';
import { levelPrice, productPayload } from '../map/product.js';
import { type DolibarrObject, type DolibarrProduct, idOf, stringOf } from '../payloads.types.js';
import type { DolibarrSettings } from '../settings.js';
import { test } from '../sqlfilters.js';
import { buildProducts, productsById } from './catalog-reads.js';
import { setAbsoluteStock } from './stock.js';

interface VariantPlan {
  key: string;
  action: 'create' | 'update';
  platformId: string | null;
  data: Partial<VariantWrite>;
}

export function createProductOperations(context: AdapterContext): ProductOperations {
  const { client, lookups } = context;

  async function list(options: ListOptions) {
    const settings = await dolibarrSettings(context);
    const index = await lookups.variantIndex();
    const dialect = await client.dialect();
    const after = decodeCursor(options.cursor);
    const since = options.updatedSince ? test('t.tms', '>=', { date: options.updatedSince }, dialect) : null;
    const raw = await client.list<DolibarrProduct>('products', {
      sortfield: 't.rowid',
      sortorder: 'ASC',
      limit: options.limit,
      sqlfilters: await pageFilter(client, after, since),
    });
    const wanted: number[] = [];
    for (const row of raw) {
      const id = idOf(row.id);
      if (id === null) continue;
      const link = index.childToParent.get(id);
      // A full read meets each parent itself; a read of changes meets the changed child and names its parent.
      const target = link ? (options.updatedSince ? link.parentId : null) : id;
      if (target !== null && !wanted.includes(target)) wanted.push(target);
    }
    const byId = new Map(raw.flatMap((row) => (idOf(row.id) === null ? [] : [[idOf(row.id) as number, row] as const])));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length) for (const [id, row] of await productsById(context, missing)) byId.set(id, row);
    const rows = wanted.flatMap((id) => (byId.get(id) ? [byId.get(id) as DolibarrProduct] : []));
    const lastId = idOf(raw.at(-1)?.id);
    return {
      items: await buildProducts(context, rows, settings, index),
      nextCursor: raw.length >= options.limit && lastId !== null ? encodeCursor(lastId) : null,
    };
  }

  async function get(id: string): Promise<Product | null> {
    const row = /^\d+$/.test(id) ? await client.getOrNull<DolibarrProduct>(`products/${id}`) : null;
    if (!row) return null;
    const index = await lookups.variantIndex();
    if (index.childToParent.has(idOf(row.id) ?? -1)) return null;
    const [product] = await buildProducts(context, [row], await dolibarrSettings(context), index);
    return product ?? null;
  }

  async function getByReferences(references: string[]): Promise<Map<string, Product>> {
    const found = await lookups.productsByRef(references);
    const index = await lookups.variantIndex();
    const rows = [...found.values()].filter((row) => !index.childToParent.has(idOf(row.id) ?? -1));
    const products = await buildProducts(context, rows, await dolibarrSettings(context), index);
    return new Map(products.flatMap((product) => (product.reference ? [[product.reference, product] as const] : [])));
  }

  async function listIds(options: ListOptions) {
    const index = await lookups.variantIndex();
    const after = decodeCursor(options.cursor);
    const raw = await client.list<unknown>('products', {
      ids_only: 1,
      sortfield: 't.rowid',
      sortorder: 'ASC',
      limit: options.limit,
      sqlfilters: await pageFilter(client, after),
    });
    const ids = raw.flatMap((value) => {
      const id = idOf(typeof value === 'object' && value !== null ? (value as DolibarrObject).id : value);
      return id === null ? [] : [id];
    });
    const last = ids.at(-1);
    return {
      items: ids.filter((id) => !index.childToParent.has(id)).map(String),
      nextCursor: raw.length >= options.limit && last !== undefined ? encodeCursor(last) : null,
    };
  }

  /** Attribute and value ids for `{ name, value }` options, created in Dolibarr when missing. */
  function features(options: { name: string; value: string }[]): Promise<Record<string, number>> {
    // One at a time: two products written in parallel must not both create the same new attribute or value.
    return context.lock('attributes', () => featuresNow(options));
  }

  async function featuresNow(options: { name: string; value: string }[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    let attributes = await lookups.attributes();
    for (const option of options) {
      const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
      let attribute = [...attributes.values()].find(
        (entry) => same(entry.label, option.name) || same(entry.ref, option.name),
      );
      if (!attribute) {
        await client.post('products/attributes', {
          ref: option.name
            .toUpperCase()
            .replace(/[^A-Z0-9]+/g, '_')
            .slice(0, 64),
          label: option.name,
        });
        lookups.invalidateCatalog();
        attributes = await lookups.attributes();
        attribute = [...attributes.values()].find((entry) => same(entry.label, option.name));
        if (!attribute) throw new Error(`the attribute "${option.name}" could not be created in Dolibarr`);
      }
      let valueId = [...attribute.values.entries()].find(
        ([, entry]) => same(entry.value, option.value) || same(entry.ref, option.value),
      )?.[0];
      if (valueId === undefined) {
        valueId =
          idOf(
            await client.post(`products/attributes/${attribute.id}/values`, {
              ref: option.value
                .toUpperCase()
                .replace(/[^A-Z0-9]+/g, '_')
                .slice(0, 64),
              value: option.value,
            }),
          ) ?? undefined;
        lookups.invalidateCatalog();
        attributes = await lookups.attributes();
        if (valueId === undefined)
          throw new Error(`the value "${option.value}" of "${option.name}" could not be created in Dolibarr`);
      }
      out[String(attribute.id)] = valueId;
    }
    return out;
  }

  function impactOf(data: Partial<VariantWrite>, parentPrice: string): string | undefined {
    if (data.priceImpact !== undefined) return data.priceImpact;
    if (data.price !== undefined) return subtractDecimals(data.price, parentPrice);
    return undefined;
  }

  async function writeVariants(parentId: number, plans: VariantPlan[], settings: DolibarrSettings): Promise<void> {
    if (plans.length === 0) return;
    const parent = await client.get<DolibarrProduct>(`products/${parentId}`);
    const parentPrice = amountOf(parent.price);
    for (const plan of plans) {
      const impact = impactOf(plan.data, parentPrice);
      const childFields = productPayload(
        {
          ...(plan.data.barcode !== undefined ? { barcode: plan.data.barcode } : {}),
          ...(plan.data.ean13 !== undefined ? { ean13: plan.data.ean13 } : {}),
          ...(plan.data.active !== undefined ? { active: plan.data.active } : {}),
        },
        settings.defaultLanguage,
      );
      if (plan.action === 'create') {
        if (!plan.data.options?.length) throw new Error(`variant ${plan.key} has no options`);
        await client.post(`products/${parentId}/variants`, {
          features: await features(plan.data.options),
          reference: plan.key,
          price_impact: impact ?? '0',
          price_impact_is_percent: false,
          weight_impact: plan.data.weightImpact ?? '0',
        });
        lookups.invalidateCatalog();
        const child = (await lookups.productsByRef([plan.key])).get(plan.key);
        const childId = idOf(child?.id);
        if (childId !== null && Object.keys(childFields).length) await client.put(`products/${childId}`, childFields);
        if (childId !== null && plan.data.quantity !== undefined)
          await setAbsoluteStock(context, childId, plan.data.quantity, null, settings);
        continue;
      }
      const childId = idOf(plan.platformId);
      const link = childId === null ? undefined : (await lookups.variantIndex()).childToParent.get(childId);
      if (childId === null || !link) throw new Error(`variant ${plan.key} is not a variant known to Dolibarr`);
      const combination: Record<string, unknown> = {};
      if (impact !== undefined) combination.price_impact = impact;
      if (plan.data.weightImpact !== undefined) combination.weight_impact = plan.data.weightImpact;
      if (Object.keys(combination).length) {
        await client.put(`products/variants/${link.combinationId}`, combination);
        // The cached combinations hold the old impact.
        lookups.invalidateCatalog();
      }
      if (Object.keys(childFields).length) await client.put(`products/${childId}`, childFields);
      if (plan.data.quantity !== undefined)
        await setAbsoluteStock(context, childId, plan.data.quantity, null, settings);
    }
  }

  /** Links the product to its categories (found by id, ERP reference or label); returns the keys not found. */
  async function linkCategories(productId: number, keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const categories = await client.list<DolibarrObject>('categories', {
      type: 'product',
      limit: 0,
      sortfield: 't.rowid',
    });
    const current = new Set(
      (await client.list<DolibarrObject>(`products/${productId}/categories`)).map((row) => String(row.id)),
    );
    const missing: string[] = [];
    for (const key of keys) {
      const match =
        categories.find((row) => String(row.id) === key) ??
        categories.find((row) => stringOf(row.ref_ext) === key) ??
        categories.find((row) => stringOf(row.label)?.toLowerCase() === key.toLowerCase());
      if (!match) {
        missing.push(key);
        continue;
      }
      if (current.has(String(match.id))) continue;
      await client.post(`categories/${String(match.id)}/objects/product/${productId}`);
      current.add(String(match.id));
    }
    return missing;
  }

  async function writeOne(plan: PlannedWrite<ProductWrite>, settings: DolibarrSettings): Promise<WriteOutcome> {
    const { data } = plan;
    const payload = productPayload(data, settings.defaultLanguage);
    let id: number | null;
    if (plan.action === 'create') {
      const reference = data.reference ?? plan.incoming.reference ?? plan.key;
      // A create whose earlier attempt reached Dolibarr finds its product by reference instead of failing.
      const existing = (await lookups.productsByRef([reference])).get(reference);
      id = idOf(existing?.id);
      if (id === null) {
        id = idOf(
          await client.post('products', {
            type: 0,
            status: 1,
            status_buy: 1,
            ...payload,
            ref: reference,
            label: payload.label ?? reference,
          }),
        );
      } else {
        const { ref: _ref, ...rest } = payload;
        if (Object.keys(rest).length) await client.put(`products/${id}`, rest);
      }
      if (id === null) throw new Error(`Dolibarr did not return an id for the product ${reference}`);
    } else {
      id = idOf(plan.platformId);
      if (id === null) throw new Error(`no Dolibarr id for the product ${plan.key}`);
      if (Object.keys(payload).length) await client.put(`products/${id}`, payload);
    }
    let readBack: DolibarrProduct | undefined;
    if (data.price !== undefined) {
      // Dolibarr's PUT writes the price only in its one-price mode; with price levels it silently keeps it.
      const after = await client.get<DolibarrProduct>(`products/${id}`);
      readBack = after;
      if (compareDecimals(levelPrice(after, settings.priceLevel), data.price) !== 0) {
        return {
          key: plan.key,
          ok: false,
          error: `Dolibarr kept its price ${levelPrice(after, settings.priceLevel)} for ${plan.key}: it runs several price levels, whose prices its API does not write`,
          retryable: false,
        };
      }
    }
    const directives = Array.isArray(plan.directives.variants)
      ? (plan.directives.variants as VariantPlan[])
      : undefined;
    const variants: VariantPlan[] =
      directives ??
      (data.variants ?? []).map((variant) => ({
        key: variant.reference,
        action: 'create' as const,
        platformId: null,
        data: variant,
      }));
    await writeVariants(id, variants, settings);
    // The price read-back carries the level (`stock_reel`), unless variants were just written.
    if (data.quantity !== undefined && variants.length === 0) {
      const productId = id;
      await context.lock(`stock:${productId}`, () =>
        setAbsoluteStock(context, productId, data.quantity as number, null, settings, readBack),
      );
    }
    const keys = [...(data.defaultCategory ? [data.defaultCategory] : []), ...(data.categories ?? [])];
    const missing = await linkCategories(id, [...new Set(keys)]);
    const note = missing.length ? `categories not found in Dolibarr: ${missing.join(', ')}` : undefined;
    return { key: plan.key, ok: true, id: String(id), ...(note ? { note } : {}) };
  }

  return {
    list,
    get,
    getByReferences,
    listIds,
    async write(plans: PlannedWrite<ProductWrite>[], write: WriteContext): Promise<WriteOutcome[]> {
      const settings = await dolibarrSettings(context, write.settings);
      // Dolibarr has no batch endpoint: `writeConcurrency` products at a time keeps a small PHP host responsive.
      return forEachWrite(context, settings, plans, async (plan) => {
        try {
          return await context.lock(`product:${plan.key}`, () => writeOne(plan, settings));
        } catch (error) {
          return failure(plan.key, error);
        }
      });
    },
  };
}
