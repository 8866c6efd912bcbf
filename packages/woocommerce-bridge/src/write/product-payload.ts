import {
  addDecimals,
  type Image,
  type LocalizedText,
  type PlannedWrite,
  type ProductWrite,
  type VariantWrite,
} from '@passerelle/core';
import { META } from '../map/meta.js';
import { type ContractDimensionUnit, convertLength, convertWeight, weightUnitFromWoo } from '../map/units.js';
import { ANY_OPTION } from '../map/variant.js';
import { type CategoryIndex, findCategory } from '../runtime.js';
import type { WooCommercePlatformSettings } from '../settings.js';
import type { ShopFacts } from '../shop-context.js';
import type { WooMeta, WooProduct, WooProductAttribute, WooVariation } from '../woo.types.js';
import { salePayload, type Withheld } from './sale-price.js';

/** What writing a product needs besides the plan: the shop, the settings, and what the shop holds now. */
export interface ProductWriteEnv {
  facts: ShopFacts;
  platform: WooCommercePlatformSettings;
  plugins: { yoast: boolean; wpml: boolean; brands: boolean };
  categories: CategoryIndex | null;
  findBy: 'name' | 'id';
  /** SKU -> product id, for up-sells and cross-sells. */
  productIds: ReadonlyMap<string, number>;
  /** Lower-case brand name -> brand term id. */
  brandIds: ReadonlyMap<string, number>;
  existing: WooProduct | undefined;
  existingVariations: readonly WooVariation[];
}

/** A variation to create or update under the product once the product exists. */
export interface VariationOp {
  key: string;
  kind: 'create' | 'update';
  payload: Record<string, unknown>;
}

export interface ProductPayload {
  payload: Record<string, unknown>;
  variations: VariationOp[];
  withheld: Withheld[];
  /** Texts in languages other than the shop's, for WPML translations. */
  translations: Map<string, Record<string, string>>;
  /** A reason that stops the whole item (a price in another currency). */
  refused?: string;
}

/** Variants planned by core: the key (SKU), create or update, the variation id, only the fields to write. */
interface VariantDirective {
  key: string;
  action: 'create' | 'update';
  platformId: string | null;
  data: Partial<VariantWrite>;
}

/** The text for the shop's language: exact tag, then same primary language, then the only one given. */
export function pickText(text: LocalizedText | undefined, language: string): string | undefined {
  if (!text) return undefined;
  if (text[language] !== undefined) return text[language];
  const primary = Object.keys(text).find((tag) => tag.split('-')[0] === language.split('-')[0]);
  if (primary) return text[primary];
  const values = Object.values(text);
  return values.length === 1 ? values[0] : undefined;
}

/** Languages of `text` other than the shop's. */
function otherLanguages(text: LocalizedText | undefined, language: string): [string, string][] {
  return Object.entries(text ?? {}).filter(([tag]) => tag.split('-')[0] !== language.split('-')[0]);
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/**
 * Images as WooCommerce takes them: `{ src }` is downloaded into the media library, `{ id }` reuses an
 * attachment. The same URL is always reused; with `relinkImages`, so is the same file name.
 */
export function toWooImages(
  images: readonly Image[],
  existing: readonly { id: number; src: string }[],
  relink: boolean,
  language: string,
) {
  const sorted = [...images].sort((a, b) => (a.cover === b.cover ? a.position - b.position : a.cover ? -1 : 1));
  return sorted.map((image) => {
    const same =
      existing.find((entry) => entry.src === image.url) ??
      (relink ? existing.find((entry) => fileName(entry.src) === fileName(image.url)) : undefined);
    const alt = pickText(image.alt, language);
    return same
      ? { id: same.id, ...(alt !== undefined ? { alt } : {}) }
      : { src: image.url, ...(alt !== undefined ? { alt } : {}) };
  });
}

function attributeEntry(attribute: WooProductAttribute): Record<string, unknown> {
  return {
    ...(attribute.id ? { id: attribute.id } : { name: attribute.name }),
    position: attribute.position ?? 0,
    visible: attribute.visible ?? false,
    variation: attribute.variation ?? false,
    options: attribute.options,
  };
}

function variationAttributes(variants: readonly VariantWrite[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const variant of variants) {
    for (const option of variant.options ?? []) {
      if (option.value === ANY_OPTION) continue;
      const values = out.get(option.name) ?? [];
      if (!values.includes(option.value)) values.push(option.value);
      out.set(option.name, values);
    }
  }
  return out;
}

function variationPayload(
  data: Partial<VariantWrite>,
  parentPrice: string | undefined,
  withheld: Withheld[],
  key: string,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  const meta: WooMeta[] = [];
  if (data.reference !== undefined) payload.sku = data.reference;
  if (data.price !== undefined) payload.regular_price = data.price;
  if (data.priceImpact !== undefined) {
    if (parentPrice !== undefined) payload.regular_price = addDecimals(parentPrice, data.priceImpact);
    else
      withheld.push({
        field: `variants.${key}.priceImpact`,
        reason: 'WooCommerce variations have their own price: a price impact needs the product price',
      });
  }
  const barcode = data.ean13 ?? data.upc ?? data.isbn ?? data.barcode;
  if (barcode !== undefined) payload.global_unique_id = barcode;
  if (data.mpn !== undefined) meta.push({ key: META.mpn, value: data.mpn });
  if (data.wholesalePrice !== undefined) meta.push({ key: META.wholesalePrice, value: data.wholesalePrice });
  if (data.quantity !== undefined) {
    payload.manage_stock = true;
    payload.stock_quantity = data.quantity;
  }
  const image = data.images?.find((entry) => entry.cover) ?? data.images?.[0];
  if (image) payload.image = { src: image.url };
  if (data.active !== undefined) payload.status = data.active ? 'publish' : 'private';
  if (data.options !== undefined)
    payload.attributes = data.options.map((option) => ({
      name: option.name,
      option: option.value === ANY_OPTION ? '' : option.value,
    }));
  if (data.weightImpact !== undefined)
    withheld.push({
      field: `variants.${key}.weightImpact`,
      reason: 'WooCommerce variations have their own weight, not an impact',
    });
  if (meta.length) payload.meta_data = meta;
  return payload;
}

/** The SEO fields, which only Yoast SEO can hold in WooCommerce. */
const SEO_FIELDS = ['metaTitle', 'metaDescription', 'metaKeywords'] as const;

/**
 * Maps one planned product write to a WooCommerce payload: exactly the planned fields, in WooCommerce's
 * names and units. What WooCommerce cannot hold (or needs a plug-in the shop lacks, or a platform setting
 * keeps back) is listed in `withheld` with its reason, never dropped quietly.
 */
export function buildProductPayload(plan: PlannedWrite<ProductWrite>, env: ProductWriteEnv): ProductPayload {
  const { data } = plan;
  const language = env.facts.language;
  const withheld: Withheld[] = [];
  const payload: Record<string, unknown> = {};
  const meta: WooMeta[] = [];
  const translations = new Map<string, Record<string, string>>();
  const existing = env.existing;
  const isVariable = existing?.type === 'variable' || (plan.incoming.variants?.length ?? 0) > 0;

  if (data.price !== undefined && data.currency !== undefined && data.currency !== env.facts.currency) {
    return {
      payload,
      variations: [],
      withheld,
      translations,
      refused: `the price is in ${data.currency} but the shop sells in ${env.facts.currency}`,
    };
  }

  for (const field of ['name', 'shortDescription', 'description', 'slug'] as const) {
    const value = data[field];
    if (value === undefined) continue;
    const text = pickText(value, language);
    const target = { name: 'name', shortDescription: 'short_description', description: 'description', slug: 'slug' }[
      field
    ];
    if (text !== undefined) payload[target] = text;
    for (const [tag, other] of otherLanguages(value, language)) {
      translations.set(tag, { ...(translations.get(tag) ?? {}), [target]: other });
    }
  }
  if (translations.size && !(env.platform.wpml && env.plugins.wpml)) {
    withheld.push({
      field: `texts in ${[...translations.keys()].join(', ')}`,
      reason: env.platform.wpml
        ? 'WPML is not active on the shop'
        : 'platform.woocommerce.wpml is off (WooCommerce holds one language)',
    });
    translations.clear();
  }

  const seo = SEO_FIELDS.filter((field) => data[field] !== undefined);
  if (seo.length) {
    if (env.platform.yoastSeo && env.plugins.yoast) {
      const keys = {
        metaTitle: META.yoastTitle,
        metaDescription: META.yoastDescription,
        metaKeywords: META.yoastKeyword,
      };
      for (const field of seo) meta.push({ key: keys[field], value: pickText(data[field], language) ?? '' });
    } else {
      const reason = env.platform.yoastSeo
        ? 'Yoast SEO is not active on the shop'
        : 'platform.woocommerce.yoastSeo is off (WooCommerce has no SEO fields)';
      for (const field of seo) withheld.push({ field, reason });
    }
  }

  if (data.price !== undefined) {
    if (env.facts.pricesIncludeTax) {
      withheld.push({
        field: 'price',
        reason: 'the shop enters prices including tax: send them through PUT /prices with priceIncl',
      });
    } else if (isVariable) {
      // Still the base of the variations' price impacts, below.
      withheld.push({
        field: 'price',
        reason: 'a variable product has no price of its own in WooCommerce: its variations carry theirs',
      });
    } else payload.regular_price = data.price;
  }
  if (data.wholesalePrice !== undefined) meta.push({ key: META.wholesalePrice, value: data.wholesalePrice });
  if (data.taxClass !== undefined) payload.tax_class = data.taxClass === 'standard' ? '' : data.taxClass;
  if (data.taxRate !== undefined && data.taxClass === undefined)
    withheld.push({ field: 'taxRate', reason: 'WooCommerce taxes by tax class: send taxClass' });

  const barcode = data.ean13 ?? data.upc ?? data.isbn ?? data.barcode;
  const attributes = new Map<string, { name: string; options: string[]; visible: boolean }>();
  if (barcode !== undefined) {
    if (env.platform.barcodeAttribute)
      attributes.set(env.platform.barcodeAttribute.toLowerCase(), {
        name: env.platform.barcodeAttribute,
        options: [barcode],
        visible: true,
      });
    else payload.global_unique_id = barcode;
  }
  if (data.mpn !== undefined) meta.push({ key: META.mpn, value: data.mpn });

  if (data.weight !== undefined)
    payload.weight = convertWeight(data.weight.value, data.weight.unit, weightUnitFromWoo(env.facts.weightUnit));
  if (data.width !== undefined || data.height !== undefined || data.depth !== undefined) {
    const from: ContractDimensionUnit =
      data.dimensionUnit ??
      plan.incoming.dimensionUnit ??
      (env.facts.dimensionUnit === 'yd' ? 'in' : env.facts.dimensionUnit);
    const to = env.facts.dimensionUnit;
    const dimensions: Record<string, string> = {};
    if (data.width !== undefined) dimensions.width = convertLength(data.width, from, to);
    if (data.height !== undefined) dimensions.height = convertLength(data.height, from, to);
    if (data.depth !== undefined) dimensions.length = convertLength(data.depth, from, to);
    payload.dimensions = dimensions;
  }

  if (data.manufacturer !== undefined) {
    if (env.platform.brands && env.plugins.brands) {
      const id = env.brandIds.get(data.manufacturer.toLowerCase());
      if (id !== undefined) payload.brands = [id];
      else withheld.push({ field: 'manufacturer', reason: `the brand "${data.manufacturer}" could not be created` });
    } else if (env.platform.brandAttribute) {
      attributes.set(env.platform.brandAttribute.toLowerCase(), {
        name: env.platform.brandAttribute,
        options: [data.manufacturer],
        visible: true,
      });
    } else {
      withheld.push({
        field: 'manufacturer',
        reason: env.platform.brands
          ? 'no brand taxonomy on the shop (WooCommerce 9.6+ Brands or Perfect Brands)'
          : 'no brand attribute is set (platform.woocommerce.brandAttribute) and platform.woocommerce.brands is off',
      });
    }
  }
  if (data.supplier !== undefined) {
    if (env.platform.supplierAttribute)
      attributes.set(env.platform.supplierAttribute.toLowerCase(), {
        name: env.platform.supplierAttribute,
        options: [data.supplier.name],
        visible: false,
      });
    else
      withheld.push({
        field: 'supplier',
        reason: 'no supplier attribute is set (platform.woocommerce.supplierAttribute)',
      });
  }

  const variantDirectives =
    (plan.directives.variants as VariantDirective[] | undefined) ??
    (plan.action === 'create'
      ? (plan.incoming.variants ?? []).map((variant) => ({
          key: variant.reference,
          action: 'create' as const,
          platformId: null,
          data: variant,
        }))
      : []);

  let images = data.images;
  if (images === undefined && isVariable && env.platform.masterProductImage && (existing?.images.length ?? 0) === 0) {
    const first = variantDirectives.flatMap((variant) => variant.data.images ?? [])[0];
    if (first) images = [{ ...first, position: 0, cover: true }];
  }
  if (images !== undefined)
    payload.images = toWooImages(images, existing?.images ?? [], env.platform.relinkImages, language);
  if (data.documents !== undefined)
    withheld.push({ field: 'documents', reason: 'WooCommerce products have no attached documents' });

  // WooCommerce replaces the whole attribute list: keep the ones this write does not manage.
  const featureNames = new Set((data.features ?? []).map((feature) => feature.name.toLowerCase()));
  const reserved = new Set(
    [env.platform.brandAttribute, env.platform.supplierAttribute, env.platform.barcodeAttribute]
      .filter((name): name is string => Boolean(name))
      .map((name) => name.toLowerCase()),
  );
  const optionSets = variantDirectives.some((variant) => variant.data.options !== undefined)
    ? variationAttributes([...(plan.incoming.variants ?? [])])
    : null;
  if (data.features !== undefined || attributes.size || optionSets) {
    const kept = (existing?.attributes ?? []).filter((attribute) => {
      const name = attribute.name.toLowerCase();
      if (attributes.has(name)) return false;
      if (attribute.variation) return optionSets === null;
      if (data.features !== undefined && !reserved.has(name)) return false;
      return !featureNames.has(name);
    });
    const list: Record<string, unknown>[] = kept.map(attributeEntry);
    for (const feature of data.features ?? []) {
      list.push({
        name: feature.name,
        position: list.length,
        visible: true,
        variation: false,
        options: feature.value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      });
    }
    for (const attribute of attributes.values())
      list.push({
        name: attribute.name,
        position: list.length,
        visible: attribute.visible,
        variation: false,
        options: attribute.options,
      });
    for (const [name, options] of optionSets ?? [])
      list.push({ name, position: list.length, visible: true, variation: true, options });
    payload.attributes = list;
  }

  if (data.defaultCategory !== undefined || data.categories !== undefined) {
    const keys = [
      data.defaultCategory ?? plan.incoming.defaultCategory,
      ...(data.categories ?? plan.incoming.categories ?? []),
    ].filter((key): key is string => Boolean(key));
    const ids: number[] = [];
    const missing: string[] = [];
    for (const key of keys) {
      const category = env.categories ? findCategory(env.categories, key, env.findBy) : undefined;
      if (!category) {
        missing.push(key);
        continue;
      }
      if (!ids.includes(category.id)) ids.push(category.id);
      if (plan.directives.parentCategories === true && env.categories) {
        // Every ancestor too; WooCommerce has no Home category to leave out.
        let parent = env.categories.byId.get(category.parent);
        for (let depth = 0; parent && depth < 20; depth++) {
          if (!ids.includes(parent.id)) ids.push(parent.id);
          parent = env.categories.byId.get(parent.parent);
        }
      }
    }
    if (missing.length)
      withheld.push({
        field: 'categories',
        reason: `no category ${env.findBy === 'id' ? 'with id' : 'named'} ${missing.map((key) => `"${key}"`).join(', ')}`,
      });
    if (ids.length) payload.categories = ids.map((id) => ({ id }));
  }

  if (data.relatedProducts !== undefined) {
    const upsell: number[] = [];
    const crossSell: number[] = [];
    const missing: string[] = [];
    for (const related of data.relatedProducts) {
      const id = env.productIds.get(related.reference);
      if (id === undefined) {
        missing.push(related.reference);
        continue;
      }
      const type = related.type === 'related' ? env.platform.linkType : related.type;
      (type === 'upsell' ? upsell : crossSell).push(id);
    }
    if (missing.length)
      withheld.push({
        field: 'relatedProducts',
        reason: `no product with SKU ${missing.map((key) => `"${key}"`).join(', ')} (create it first)`,
      });
    payload.upsell_ids = upsell;
    payload.cross_sell_ids = crossSell;
  }

  if (data.quantity !== undefined) {
    payload.manage_stock = true;
    payload.stock_quantity = data.quantity;
  } else if (data.tracksStock !== undefined) payload.manage_stock = data.tracksStock;
  if (data.active !== undefined) payload.status = data.active ? 'publish' : 'draft';
  if (data.visibility !== undefined) payload.catalog_visibility = data.visibility;
  if (data.condition !== undefined)
    withheld.push({ field: 'condition', reason: 'WooCommerce has no product condition' });
  if (data.isPack !== undefined || data.packItems !== undefined)
    withheld.push({ field: 'packItems', reason: 'WooCommerce core has no packs (bundles need a plug-in)' });
  if (data.specificPrices !== undefined)
    Object.assign(payload, salePayload(data.specificPrices, data.price ?? plan.incoming.price, withheld));

  if (plan.action === 'create') {
    payload.sku = plan.key;
    if (isVariable) payload.type = 'variable';
  }
  if (meta.length) payload.meta_data = meta;

  // "Update the master product" off: on an existing variable product only the variations are written.
  if (plan.action === 'update' && isVariable && !env.platform.updateMasterProduct) {
    const kept = new Set(['attributes']);
    const dropped = Object.keys(payload).filter((key) => !kept.has(key));
    for (const key of dropped) delete payload[key];
    if (dropped.length)
      withheld.push({
        field: dropped.join(', '),
        reason: 'platform.woocommerce.updateMasterProduct is off: only the variations are written',
      });
  }

  const parentPrice = data.price ?? plan.incoming.price;
  const variations: VariationOp[] = variantDirectives.map((variant) => {
    const existingVariation = variant.platformId
      ? env.existingVariations.find((entry) => String(entry.id) === variant.platformId)
      : undefined;
    const kind = variant.action === 'update' && (existingVariation || variant.platformId) ? 'update' : 'create';
    const body = variationPayload(
      kind === 'create' ? { ...variant.data, reference: variant.key } : variant.data,
      parentPrice,
      withheld,
      variant.key,
    );
    return { key: variant.key, kind, payload: kind === 'update' ? { id: Number(variant.platformId), ...body } : body };
  });

  return { payload, variations, withheld, translations };
}
