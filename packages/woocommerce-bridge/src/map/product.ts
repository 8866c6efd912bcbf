import type { Image, Product, ProductFeature, RelatedProduct, SpecificPrice } from '@passerelle/core';
import type { WooImage, WooProduct, WooProductAttribute, WooVariation } from '../woo.types.js';
import { decodeEntities } from './category.js';
import { fromWooGmt } from './dates.js';
import { wooDecimal } from './decimal-math.js';
import type { MapContext } from './map-context.js';
import { META, metaText } from './meta.js';
import { convertLength, dimensionUnitFromWoo, weightUnitFromWoo } from './units.js';
import { toVariant } from './variant.js';

/** Names of the attributes the bridge uses as fields (brand, supplier, barcode), lower-case. */
export function fieldAttributeNames(context: MapContext): Set<string> {
  const { brandAttribute, supplierAttribute, barcodeAttribute } = context.platform;
  return new Set(
    [brandAttribute, supplierAttribute, barcodeAttribute]
      .filter((name): name is string => Boolean(name))
      .map((name) => name.toLowerCase()),
  );
}

export function attributeValue(attributes: readonly WooProductAttribute[], name: string | null): string | undefined {
  if (!name) return undefined;
  const found = attributes.find((attribute) => attribute.name.toLowerCase() === name.toLowerCase());
  const value = found?.options.join(', ').trim();
  return value ? value : undefined;
}

function toImages(images: readonly WooImage[], language: string): Image[] {
  return images.map((image, position) => ({
    url: image.src,
    position,
    cover: position === 0,
    ...(image.alt ? { alt: { [language]: image.alt } } : {}),
  }));
}

function categoryKey(category: { id: number; name: string }, findBy: 'name' | 'id'): string {
  return findBy === 'id' ? String(category.id) : decodeEntities(category.name);
}

/** A sale price with no condition but its period is the contract's unconditional specific price. */
function salePrices(
  product: Pick<WooProduct, 'sale_price' | 'date_on_sale_from_gmt' | 'date_on_sale_to_gmt'>,
): SpecificPrice[] | undefined {
  const sale = wooDecimal(product.sale_price);
  if (sale === undefined) return undefined;
  const from = fromWooGmt(product.date_on_sale_from_gmt);
  const to = fromWooGmt(product.date_on_sale_to_gmt);
  return [{ fixedPrice: sale, fromQuantity: 1, ...(from ? { from } : {}), ...(to ? { to } : {}) }];
}

function relatedOf(product: WooProduct, context: MapContext): RelatedProduct[] | undefined {
  const related: RelatedProduct[] = [];
  for (const [ids, type] of [
    [product.upsell_ids, 'upsell'],
    [product.cross_sell_ids, 'cross-sell'],
  ] as const) {
    for (const id of ids ?? []) {
      const reference = context.skuById?.get(id);
      if (reference) related.push({ reference, type });
    }
  }
  return related.length ? related : undefined;
}

/** The ids of the products a product links to, whose SKUs the mapping needs. */
export function linkedIds(products: readonly WooProduct[]): number[] {
  return [
    ...new Set(products.flatMap((product) => [...(product.upsell_ids ?? []), ...(product.cross_sell_ids ?? [])])),
  ];
}

/**
 * A WooCommerce product as the contract's. Prices are the shop's regular prices as entered (see
 * `configuration().pricesIncludeTax`); a variable product's own price is empty, its variations carry theirs.
 * Weight and dimensions are in the shop's units; the SEO fields come from Yoast's meta when present.
 */
export function toProduct(
  product: WooProduct,
  variations: readonly WooVariation[] | undefined,
  context: MapContext,
): Product {
  const lang = context.facts.language;
  const out: Product = { id: String(product.id), name: { [lang]: decodeEntities(product.name) } };
  if (product.sku) out.reference = product.sku;
  if (context.shopId) out.shopId = context.shopId;
  if (product.short_description) out.shortDescription = { [lang]: product.short_description };
  if (product.description) out.description = { [lang]: product.description };
  if (product.slug) out.slug = { [lang]: product.slug };
  const seoTitle = metaText(product.meta_data, META.yoastTitle);
  const seoDescription = metaText(product.meta_data, META.yoastDescription);
  const seoKeyword = metaText(product.meta_data, META.yoastKeyword);
  if (seoTitle) out.metaTitle = { [lang]: seoTitle };
  if (seoDescription) out.metaDescription = { [lang]: seoDescription };
  if (seoKeyword) out.metaKeywords = { [lang]: seoKeyword };

  const price = wooDecimal(product.regular_price);
  if (price !== undefined) {
    out.price = price;
    out.currency = context.facts.currency;
  }
  const wholesale = wooDecimal(metaText(product.meta_data, META.wholesalePrice));
  if (wholesale !== undefined) out.wholesalePrice = wholesale;
  out.taxClass = product.tax_class === '' ? 'standard' : product.tax_class;

  const { brandAttribute, supplierAttribute, barcodeAttribute } = context.platform;
  const barcode = attributeValue(product.attributes, barcodeAttribute) ?? (product.global_unique_id || undefined);
  if (barcode) out.barcode = barcode;
  const mpn = metaText(product.meta_data, META.mpn);
  if (mpn) out.mpn = mpn;

  const weight = wooDecimal(product.weight);
  if (weight !== undefined) out.weight = { value: weight, unit: weightUnitFromWoo(context.facts.weightUnit) };
  const shopLength = context.facts.dimensionUnit;
  const unit = dimensionUnitFromWoo(shopLength);
  const length = (value: string) => {
    const decimal = wooDecimal(value);
    return decimal === undefined ? undefined : convertLength(decimal, shopLength, unit);
  };
  const width = length(product.dimensions?.width ?? '');
  const height = length(product.dimensions?.height ?? '');
  const depth = length(product.dimensions?.length ?? '');
  if (width !== undefined) out.width = width;
  if (height !== undefined) out.height = height;
  if (depth !== undefined) out.depth = depth;
  if (width !== undefined || height !== undefined || depth !== undefined) out.dimensionUnit = unit;

  const manufacturer = product.brands?.[0]?.name ?? attributeValue(product.attributes, brandAttribute);
  if (manufacturer) out.manufacturer = decodeEntities(manufacturer);
  const supplier = attributeValue(product.attributes, supplierAttribute);
  if (supplier) out.supplier = { name: supplier };

  if (product.images.length) out.images = toImages(product.images, lang);
  const reserved = fieldAttributeNames(context);
  const features: ProductFeature[] = product.attributes
    .filter((attribute) => !attribute.variation && !reserved.has(attribute.name.toLowerCase()))
    .map((attribute) => ({ name: attribute.name, value: attribute.options.join(', ') }));
  if (features.length) out.features = features;

  const [first, ...rest] = product.categories;
  if (first) {
    out.defaultCategory = categoryKey(first, context.categoriesFindBy);
    out.categories = rest.map((category) => categoryKey(category, context.categoriesFindBy));
  }
  const related = relatedOf(product, context);
  if (related) out.relatedProducts = related;

  if (product.manage_stock === true) {
    out.tracksStock = true;
    if (product.stock_quantity !== null) out.quantity = product.stock_quantity;
  } else {
    out.tracksStock = false;
  }
  out.active = product.status === 'publish';
  if (product.catalog_visibility) out.visibility = product.catalog_visibility;
  const sale = salePrices(product);
  if (sale) out.specificPrices = sale;
  // Only variable products have variations; [] (not leaving it out) lets the journal see variations vanish.
  out.variants =
    product.type === 'variable' ? (variations ?? []).map((variation) => toVariant(variation, product, context)) : [];
  const updated = fromWooGmt(product.date_modified_gmt);
  if (updated) out.sourceUpdatedAt = updated;
  if (context.includeRaw) out.raw = product;
  return out;
}

export { salePrices };
