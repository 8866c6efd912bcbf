import type { ListOptions, Product, ProductWrite, SpecificPrice, Variant } from '@passerelle/core';
import { readJson } from '../database.js';
import { DEFAULT_CURRENCY, DEFAULT_WAREHOUSE, SHOP_ID, taxClassForRate } from '../shop-configuration.js';
import { compact, type ShopContext, slugify, toRowId } from '../shop-context.js';
import { tableRows } from '../table-rows.js';
import type { CategoryRepository } from './categories.js';
import type { StockRepository } from './stock.js';

type VariantWrite = NonNullable<ProductWrite['variants']>[number];

interface ProductRow {
  id: number;
  reference: string | null;
  active: number;
  tracked: number;
  default_category_id: number | null;
  data: string;
  created_at: string;
  updated_at: string;
}

interface VariantRow {
  id: number;
  product_id: number;
  reference: string | null;
  active: number;
  is_default: number;
  data: string;
  created_at: string;
  updated_at: string;
}

/** Product fields kept in the JSON column: everything but what has a column, a table, or is derived. */
export type ProductData = Omit<
  Product,
  | 'id'
  | 'reference'
  | 'shopId'
  | 'active'
  | 'tracksStock'
  | 'quantity'
  | 'defaultCategory'
  | 'categories'
  | 'variants'
  | 'sourceUpdatedAt'
  | 'raw'
>;

export type VariantData = Omit<
  Variant,
  | 'id'
  | 'productId'
  | 'productReference'
  | 'reference'
  | 'shopId'
  | 'active'
  | 'isDefault'
  | 'quantity'
  | 'sourceUpdatedAt'
  | 'raw'
> & { specificPrices?: SpecificPrice[] };

/** A variant write as core plans it: `directives.variants` entries. */
export interface VariantPlan {
  key: string;
  action: 'create' | 'update';
  platformId: string | null;
  data: Partial<VariantWrite>;
}

export interface ProductDirectives {
  categoriesFindBy: 'name' | 'id';
  parentCategories: boolean;
  deleteImagesFirst: boolean;
  variants: VariantPlan[];
}

/** Reads the directives core hands over, tolerating their absence (a direct caller, a test). */
export function readDirectives(directives: Record<string, unknown>, data: Partial<ProductWrite>): ProductDirectives {
  const planned = Array.isArray(directives.variants) ? (directives.variants as VariantPlan[]) : null;
  const fromData: VariantPlan[] = (data.variants ?? []).map((variant) => ({
    key: variant.reference,
    action: 'create',
    platformId: null,
    data: variant,
  }));
  return {
    categoriesFindBy: directives.categoriesFindBy === 'id' ? 'id' : 'name',
    parentCategories: directives.parentCategories === true,
    deleteImagesFirst: directives.deleteImagesFirst === true,
    variants: planned ?? fromData,
  };
}

const PRODUCT_COLUMNS = new Set([
  'reference',
  'active',
  'tracksStock',
  'quantity',
  'defaultCategory',
  'categories',
  'variants',
  'sourceUpdatedAt',
  'specificPrices',
  'images',
]);

const VARIANT_COLUMNS = new Set([
  'reference',
  'productReference',
  'active',
  'isDefault',
  'quantity',
  'sourceUpdatedAt',
  'images',
]);

function mergeImages<T extends { url: string }>(current: T[] | undefined, incoming: T[], replace: boolean): T[] {
  if (replace || !current?.length) return incoming;
  // Without "delete images first", the shop adds what is new and keeps what it had, as an upload would.
  const urls = new Set(incoming.map((image) => image.url));
  const kept = current.filter((image) => !urls.has(image.url));
  return [...incoming, ...kept.map((image, index) => ({ ...image, position: incoming.length + index }))];
}

/** Specific prices are stored without ids: callers match them by content, and ids would make every compare differ. */
function cleanSpecificPrices(prices: readonly SpecificPrice[] | undefined): SpecificPrice[] | undefined {
  return prices?.map(({ id: _id, ...rest }) => rest);
}

export function createProductRepository(context: ShopContext, categories: CategoryRepository, stock: StockRepository) {
  const { db, clock } = context;
  const rows = tableRows<ProductRow, Product>(context, 'products', 'product', (row) => toProduct(row));
  const variantsOf = db.prepare<[number], VariantRow>('SELECT * FROM variants WHERE product_id = ? ORDER BY id');
  const variantById = db.prepare<[number], VariantRow>('SELECT * FROM variants WHERE id = ?');

  const toVariant = (row: VariantRow, product: ProductRow): Variant => {
    const { specificPrices: _prices, ...data } = readJson<VariantData>(row.data);
    return compact({
      id: String(row.id),
      productId: String(row.product_id),
      productReference: product.reference ?? undefined,
      reference: row.reference ?? undefined,
      shopId: SHOP_ID,
      ...data,
      quantity: stock.totalOf(row.product_id, row.id),
      isDefault: row.is_default === 1,
      active: row.active === 1,
      sourceUpdatedAt: row.updated_at,
    });
  };

  const categoryIdsOf = (productId: number): number[] =>
    db
      .prepare<[number], { category_id: number }>(
        'SELECT category_id FROM product_categories WHERE product_id = ? ORDER BY position, category_id',
      )
      .all(productId)
      .map((row) => row.category_id);

  const toProduct = (row: ProductRow): Product => {
    const data = readJson<ProductData>(row.data);
    const variants = variantsOf.all(row.id).map((variant) => toVariant(variant, row));
    const categoryNames = categoryIdsOf(row.id).flatMap((id) => categories.nameOf(id) ?? []);
    return compact({
      id: String(row.id),
      reference: row.reference ?? undefined,
      shopId: SHOP_ID,
      ...data,
      defaultCategory: row.default_category_id === null ? undefined : categories.nameOf(row.default_category_id),
      categories: categoryNames.length ? categoryNames : undefined,
      quantity: stock.totalOf(row.id, null),
      tracksStock: row.tracked === 1,
      active: row.active === 1,
      variants: variants.length ? variants : undefined,
      sourceUpdatedAt: row.updated_at,
    });
  };

  const assignCategories = (productId: number, data: Partial<ProductWrite>, directives: ProductDirectives): void => {
    if (data.defaultCategory === undefined && data.categories === undefined) return;
    const row = rows.row(productId);
    let defaultId = row?.default_category_id ?? null;
    if (data.defaultCategory !== undefined)
      defaultId = categories.resolveKey(data.defaultCategory, directives.categoriesFindBy);
    let ids =
      data.categories === undefined
        ? categoryIdsOf(productId)
        : data.categories.map((key) => categories.resolveKey(key, directives.categoriesFindBy));
    if (defaultId !== null && !ids.includes(defaultId)) ids = [defaultId, ...ids];
    if (directives.parentCategories) ids = [...ids, ...ids.flatMap((id) => categories.ancestorsOf(id))];
    const unique = [...new Set(ids)];
    db.prepare('DELETE FROM product_categories WHERE product_id = ?').run(productId);
    const insert = db.prepare('INSERT INTO product_categories (product_id, category_id, position) VALUES (?, ?, ?)');
    for (const [position, categoryId] of unique.entries()) insert.run(productId, categoryId, position);
    db.prepare('UPDATE products SET default_category_id = ? WHERE id = ?').run(defaultId, productId);
  };

  const assertCurrency = (currency: string | undefined): void => {
    if (currency !== undefined && currency !== DEFAULT_CURRENCY) {
      throw new Error(`catalog prices are kept in ${DEFAULT_CURRENCY}; ${currency} prices are specific prices`);
    }
  };

  const clearOtherDefaults = (productId: number, variantId: number): void => {
    db.prepare('UPDATE variants SET is_default = 0 WHERE product_id = ? AND id <> ?').run(productId, variantId);
  };

  const createVariant = (productId: number, reference: string, data: Partial<VariantWrite>): number => {
    if (!data.options?.length) throw new Error(`variant "${reference}" needs its options (e.g. Size: M)`);
    const { quantity, isDefault, active, images, ...rest } = data;
    const stored: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(rest))
      if (!VARIANT_COLUMNS.has(field) && value !== undefined) stored[field] = value;
    if (images) stored.images = images;
    const first =
      (db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM variants WHERE product_id = ?').get(productId)
        ?.n ?? 0) === 0;
    if (first) stock.closeProductLevel(productId);
    const at = clock.stamp(null);
    const result = db
      .prepare(
        'INSERT INTO variants (product_id, reference, active, is_default, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(productId, reference, active === false ? 0 : 1, isDefault || first ? 1 : 0, JSON.stringify(stored), at, at);
    const variantId = Number(result.lastInsertRowid);
    if (isDefault) clearOtherDefaults(productId, variantId);
    stock.open(productId, variantId);
    if (quantity !== undefined) stock.setQuantity(productId, variantId, DEFAULT_WAREHOUSE, quantity);
    return variantId;
  };

  const updateVariant = (row: VariantRow, data: Partial<VariantWrite>, replaceImages: boolean): void => {
    const stored = readJson<Record<string, unknown>>(row.data);
    for (const [field, value] of Object.entries(data)) {
      if (value === undefined || VARIANT_COLUMNS.has(field)) continue;
      stored[field] = value;
    }
    // A variant is priced one way: its own price, or an impact on the product's.
    if (data.price !== undefined) delete stored.priceImpact;
    if (data.priceImpact !== undefined) delete stored.price;
    if (data.images)
      stored.images = mergeImages(stored.images as { url: string }[] | undefined, data.images, replaceImages);
    db.prepare('UPDATE variants SET active = ?, is_default = ?, data = ?, updated_at = ? WHERE id = ?').run(
      data.active === undefined ? row.active : data.active ? 1 : 0,
      data.isDefault === undefined ? row.is_default : data.isDefault ? 1 : 0,
      JSON.stringify(stored),
      clock.stamp(row.updated_at),
      row.id,
    );
    if (data.isDefault) clearOtherDefaults(row.product_id, row.id);
    if (data.quantity !== undefined) stock.setQuantity(row.product_id, row.id, DEFAULT_WAREHOUSE, data.quantity);
  };

  const applyVariants = (productId: number, plans: VariantPlan[], replaceImages: boolean): void => {
    for (const plan of plans) {
      const byPlatformId = toRowId(plan.platformId);
      const row =
        (byPlatformId === null ? undefined : variantById.get(byPlatformId)) ??
        db.prepare<[string], VariantRow>('SELECT * FROM variants WHERE reference = ?').get(plan.key);
      if (row && row.product_id !== productId) {
        throw new Error(`SKU "${plan.key}" already belongs to a variant of another product (id ${row.product_id})`);
      }
      if (row) updateVariant(row, plan.data, replaceImages);
      else createVariant(productId, plan.key, plan.data);
    }
  };

  const splitData = (data: Partial<ProductWrite>): Record<string, unknown> => {
    const stored: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(data)) {
      if (value !== undefined && !PRODUCT_COLUMNS.has(field)) stored[field] = value;
    }
    return stored;
  };

  return {
    get: rows.get,
    list: (options: ListOptions) => rows.list(options),
    listIds: rows.listIds,
    getByReferences: rows.getByReferences,
    create(reference: string | null, data: Partial<ProductWrite>, directives: ProductDirectives): number {
      if (!data.name || Object.keys(data.name).length === 0) throw new Error('a new product needs a name');
      assertCurrency(data.currency);
      const stored = splitData(data);
      stored.currency = DEFAULT_CURRENCY;
      if (!stored.slug) stored.slug = slugify(data.name);
      if (data.taxRate !== undefined && data.taxClass === undefined) {
        const taxClass = taxClassForRate(data.taxRate);
        if (taxClass) stored.taxClass = taxClass;
      }
      if (data.specificPrices) stored.specificPrices = cleanSpecificPrices(data.specificPrices);
      if (data.images) stored.images = data.images;
      const at = clock.stamp(null);
      const result = db
        .prepare(
          'INSERT INTO products (reference, active, tracked, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          reference,
          data.active === false ? 0 : 1,
          data.tracksStock === false ? 0 : 1,
          JSON.stringify(stored),
          at,
          at,
        );
      const productId = Number(result.lastInsertRowid);
      assignCategories(productId, data, directives);
      if (directives.variants.length > 0) {
        applyVariants(productId, directives.variants, true);
      } else {
        stock.open(productId, 0);
        if (data.quantity !== undefined) stock.setQuantity(productId, 0, DEFAULT_WAREHOUSE, data.quantity);
      }
      return productId;
    },
    update(id: number, data: Partial<ProductWrite>, directives: ProductDirectives): { note?: string } {
      const row = rows.row(id);
      if (!row) throw new Error(`no product with id ${id}`);
      assertCurrency(data.currency);
      const stored = { ...readJson<Record<string, unknown>>(row.data), ...splitData(data) };
      if (data.taxRate !== undefined && data.taxClass === undefined) {
        const taxClass = taxClassForRate(data.taxRate);
        if (taxClass) stored.taxClass = taxClass;
      }
      if (data.specificPrices) stored.specificPrices = cleanSpecificPrices(data.specificPrices);
      if (data.images)
        stored.images = mergeImages(
          stored.images as { url: string }[] | undefined,
          data.images,
          directives.deleteImagesFirst,
        );
      db.prepare('UPDATE products SET active = ?, tracked = ?, data = ?, updated_at = ? WHERE id = ?').run(
        data.active === undefined ? row.active : data.active ? 1 : 0,
        data.tracksStock === undefined ? row.tracked : data.tracksStock ? 1 : 0,
        JSON.stringify(stored),
        clock.stamp(row.updated_at),
        id,
      );
      assignCategories(id, data, directives);
      applyVariants(id, directives.variants, directives.deleteImagesFirst);
      if (data.quantity === undefined) return {};
      const variants =
        db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM variants WHERE product_id = ?').get(id)?.n ?? 0;
      if (variants > 0) return { note: 'quantity not written: this product holds its stock per variant' };
      stock.setQuantity(id, 0, DEFAULT_WAREHOUSE, data.quantity);
      return {};
    },
    setActive: rows.setActive,
    /** Changes nothing but the update date, as a merchant saving a product unchanged does (a variant SKU names its product). */
    touch(reference: string): Product | null {
      const variant = db
        .prepare<[string], { product_id: number }>('SELECT product_id FROM variants WHERE reference = ?')
        .get(reference);
      const row = variant ? rows.row(variant.product_id) : rows.byReference(reference);
      if (!row) return null;
      db.prepare('UPDATE products SET updated_at = ? WHERE id = ?').run(clock.stamp(row.updated_at), row.id);
      const updated = rows.row(row.id);
      return updated ? toProduct(updated) : null;
    },
  };
}

export type ProductRepository = ReturnType<typeof createProductRepository>;
