import type { PlannedWrite, ProductWrite, WriteContext, WriteOutcome } from '@passerelle/core';
import { type Bridge, failure, forEachWrite, ItemRefused, outcomeWithNotes } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { associationIds, associationRows } from '../map/product.js';
import { productFields } from '../map/product-write.js';
import { money, psId, psText } from '../map/scalars.js';
import type { SerialLock } from '../serial.js';
import type { PsAssociation, PsEntity } from '../xml.js';
import { parentCategories, resolveCategory } from './category-keys.js';
import { type VariantPlan, writeVariants } from './combination-writes.js';
import { featureAssociation } from './product-features.js';
import { sendImages } from './product-images.js';
import { productRowsByReference } from './product-reads.js';
import { replaceSpecificPrices } from './specific-price-writes.js';
import { writeQuantity } from './stock-rows.js';
import { taxGroupOf } from './tax-groups.js';

/** The settings-driven behaviours core plans with a product write (`ProductPlan.directives`). */
interface ProductDirectives {
  parentCategories: boolean;
  categoriesFindBy: 'id' | 'name';
  deleteImagesFirst: boolean;
  reindex: boolean;
  attributePublicName: boolean;
  variants?: VariantPlan[];
}

function directivesOf(plan: PlannedWrite<ProductWrite>): ProductDirectives {
  const raw = plan.directives;
  return {
    parentCategories: raw.parentCategories === true,
    categoriesFindBy: raw.categoriesFindBy === 'id' ? 'id' : 'name',
    deleteImagesFirst: raw.deleteImagesFirst === true,
    reindex: raw.reindex === true,
    attributePublicName: raw.attributePublicName === true,
    ...(Array.isArray(raw.variants) ? { variants: raw.variants as VariantPlan[] } : {}),
  };
}

async function productIdsByReference(bridge: Bridge, references: readonly string[]): Promise<Map<string, string>> {
  const rows = await productRowsByReference(bridge, references, ['id', 'reference']);
  return new Map([...rows].map(([reference, row]) => [reference, psText(row.id)]));
}

/**
 * The `stock_availables` row of `combinationId` among a product's associations, when there is exactly
 * one. PrestaShop lists the rows of the calling shop (or of its shared-stock group) there; more than one
 * means a context this bridge cannot tell apart, so the caller looks the row up instead.
 */
function soleStockRow(row: PsRow, combinationId: string): string | undefined {
  const rows = associationRows(row, 'stock_availables').filter(
    (entry) => psText(entry.id_product_attribute) === combinationId,
  );
  return rows.length === 1 ? (psId(rows[0]?.id) ?? undefined) : undefined;
}

/** Writes one planned product: the product, then its variants, stock, specific prices and images. */
async function writeProduct(bridge: Bridge, lock: SerialLock, plan: PlannedWrite<ProductWrite>): Promise<WriteOutcome> {
  const { client } = bridge;
  const data = plan.data;
  const directives = directivesOf(plan);
  const create = plan.action === 'create';
  const shop = await bridge.shop.snapshot();
  const mapped = productFields(data, shop, create);
  if (mapped.refusal) return { key: plan.key, ok: false, error: mapped.refusal, retryable: false };
  const notes = [...mapped.notes];
  const entity: PsEntity = { fields: mapped.fields, associations: {} };
  const associations = entity.associations as Record<string, PsAssociation>;

  let current: PsRow | null = null;
  const currentRow = async (): Promise<PsRow | null> => {
    if (create || !plan.platformId) return null;
    current ??= await client.get('products', plan.platformId);
    return current;
  };
  if (!create) {
    if (!plan.platformId || !(await currentRow())) {
      return {
        key: plan.key,
        ok: false,
        error: `PrestaShop has no product ${plan.platformId ?? '(no id)'}`,
        retryable: false,
      };
    }
  }

  const taxGroup = await taxGroupOf(bridge, data);
  if (taxGroup !== undefined) mapped.fields.id_tax_rules_group = taxGroup;
  if (data.manufacturer !== undefined)
    mapped.fields.id_manufacturer = await lock.run(() =>
      bridge.lookups.brandId('manufacturers', data.manufacturer as string),
    );
  if (data.supplier !== undefined) {
    mapped.fields.id_supplier = await lock.run(() =>
      bridge.lookups.brandId('suppliers', (data.supplier as { name: string }).name),
    );
    mapped.fields.supplier_reference = data.supplier.reference ?? '';
  }

  let defaultCategory: string | null = null;
  if (data.defaultCategory !== undefined) {
    defaultCategory = await resolveCategory(bridge, data.defaultCategory, directives.categoriesFindBy);
    if (!defaultCategory) throw new ItemRefused(`category "${data.defaultCategory}" does not exist in the shop`);
    mapped.fields.id_category_default = defaultCategory;
  } else if (create) {
    defaultCategory = shop.homeCategoryId;
    mapped.fields.id_category_default = defaultCategory;
  }
  if (data.categories !== undefined || data.defaultCategory !== undefined || create) {
    const base = defaultCategory ?? psId((await currentRow())?.id_category_default) ?? shop.homeCategoryId;
    const ids = [base];
    const extras = data.categories ?? (create ? [] : associationIds((await currentRow()) ?? {}, 'categories'));
    for (const key of extras) {
      const id = data.categories === undefined ? key : await resolveCategory(bridge, key, directives.categoriesFindBy);
      if (!id) notes.push(`category "${key}" does not exist in the shop: not assigned`);
      else ids.push(id);
    }
    if (directives.parentCategories) for (const id of [...ids]) ids.push(...(await parentCategories(bridge, id)));
    associations.categories = { node: 'category', items: [...new Set(ids)].map((id) => ({ id })) };
  }
  if (data.relatedProducts !== undefined) {
    const found = await productIdsByReference(
      bridge,
      data.relatedProducts.map((related) => related.reference),
    );
    const missing = data.relatedProducts
      .filter((related) => !found.has(related.reference))
      .map((related) => related.reference);
    if (missing.length) notes.push(`related products not in the shop, not linked: ${missing.join(', ')}`);
    associations.accessories = {
      node: 'product',
      items: data.relatedProducts.flatMap((related) =>
        found.has(related.reference) ? [{ id: found.get(related.reference) as string }] : [],
      ),
    };
  }
  if (data.packItems !== undefined) {
    const found = await productIdsByReference(
      bridge,
      data.packItems.map((item) => item.reference),
    );
    const missing = data.packItems.filter((item) => !found.has(item.reference)).map((item) => item.reference);
    if (missing.length) throw new ItemRefused(`pack components must exist in the shop first: ${missing.join(', ')}`);
    associations.product_bundle = {
      node: 'product',
      items: data.packItems.map((item) => ({
        id: found.get(item.reference) as string,
        id_product_attribute: '0',
        quantity: String(item.quantity),
      })),
    };
    mapped.fields.type = 'pack';
  }
  if (data.features !== undefined) {
    const existing = associationRows((await currentRow()) ?? {}, 'product_features').map((entry) => ({
      id: psText(entry.id),
      valueId: psText(entry.id_feature_value),
    }));
    associations.product_features = await featureAssociation(bridge, lock, data.features, existing);
  }
  if (data.documents?.length)
    notes.push('documents are not written: the Webservice attachment upload is not supported by this bridge');
  if (directives.reindex) {
    // `indexed=0` puts the product in the search index queue; PrestaShop also reindexes on save when PS_SEARCH_INDEXATION is on.
    mapped.fields.indexed = '0';
    notes.push('queued for search reindexing (indexed=0)');
  }

  let productId: string;
  // The new product's own stock row, named in the POST answer: its quantity is written without looking it up.
  let stockRowId: string | undefined;
  if (create) {
    const created = await client.create('products', entity);
    productId = psText(created.id);
    stockRowId = soleStockRow(created, '0');
  } else {
    productId = plan.platformId as string;
    if (Object.keys(entity.fields).length > 0 || Object.keys(associations).length > 0)
      await client.update('products', productId, entity);
  }

  const variantPlans: VariantPlan[] =
    directives.variants ??
    (data.variants ?? []).map((variant) => ({
      key: variant.reference,
      action: create ? 'create' : 'update',
      platformId: null,
      data: variant,
    }));
  if (variantPlans.length) {
    notes.push(
      ...(await writeVariants(bridge, variantPlans, {
        productId,
        productPrice: async () => data.price ?? money((await currentRow())?.price),
        attributePublicName: directives.attributePublicName,
        lock,
      })),
    );
  }
  if (data.quantity !== undefined) {
    const hasCombinations =
      variantPlans.length > 0 || associationIds((await currentRow()) ?? {}, 'combinations').length > 0;
    if (hasCombinations)
      notes.push('product quantity not written: a product with combinations holds the sum of their stock');
    else await writeQuantity(bridge, productId, '0', data.quantity, stockRowId);
  }
  if (data.specificPrices !== undefined) await replaceSpecificPrices(bridge, productId, '0', data.specificPrices);
  if (data.images !== undefined) {
    notes.push(
      ...(await sendImages(bridge, productId, data.images, {
        deleteFirst: directives.deleteImagesFirst,
        currentImageIds: create ? [] : associationIds((await currentRow()) ?? {}, 'images'),
      })),
    );
  }
  return outcomeWithNotes(plan.key, productId, notes);
}

export async function writeProducts(
  bridge: Bridge,
  lock: SerialLock,
  plans: PlannedWrite<ProductWrite>[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  return forEachWrite(bridge, context, plans, async (plan) => {
    try {
      return await writeProduct(bridge, lock, plan);
    } catch (error) {
      return failure(plan.key, error);
    }
  });
}
