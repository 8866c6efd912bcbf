import type { Image, Product, ProductFeature, SpecificPrice, Variant, VariantOption } from '@passerelle/core';
import type { PsRow } from '../client.js';
import type { AttributeGroupInfo, AttributeValueInfo, Names } from '../lookups.js';
import type { ShopSnapshot, TaxCatalog } from '../shop-context.js';
import { readOptionalLocalized, readRequiredLocalized } from './multilang.js';
import { decimal, money, optionalText, psBool, psId, psInt, psText } from './scalars.js';

/** Everything a page of products was read with, besides the product rows themselves. */
export interface ProductReadContext {
  shop: ShopSnapshot;
  taxes: TaxCatalog;
  shopUrl: string;
  /** The contract's `shopId` (the module's), when the module serves one shop. */
  shopId: string | undefined;
  /** product id → combination id (`0` for the product) → stock row. */
  stock: Map<string, Map<string, { id: string; quantity: number }>>;
  combinations: Map<string, PsRow[]>;
  attributeGroups: Map<string, AttributeGroupInfo>;
  attributeValues: Map<string, AttributeValueInfo>;
  features: Map<string, { names: Names }>;
  featureValues: Map<string, { values: Names }>;
  /** Product id → reference, for accessories and pack items. */
  productReferences: Map<string, string>;
  manufacturerNames: Map<string, string>;
  supplierNames: Map<string, string>;
  specificPrices: Map<string, { combinationId: string; price: SpecificPrice }[]>;
  includeRaw: boolean;
}

const WEIGHT_UNITS: Record<string, NonNullable<Product['weight']>['unit']> = {
  kg: 'kg',
  g: 'g',
  lb: 'lb',
  lbs: 'lb',
  oz: 'oz',
};
const DIMENSION_UNITS: Record<string, NonNullable<Product['dimensionUnit']>> = {
  mm: 'mm',
  cm: 'cm',
  m: 'm',
  in: 'in',
  inch: 'in',
};
const VISIBILITY: Record<string, NonNullable<Product['visibility']>> = {
  both: 'visible',
  catalog: 'catalog',
  search: 'search',
  none: 'hidden',
};

export const visibilityToPs: Record<NonNullable<Product['visibility']>, string> = {
  visible: 'both',
  catalog: 'catalog',
  search: 'search',
  hidden: 'none',
};

type AssociationRow = Record<string, unknown>;

export function associationRows(row: PsRow, name: string): AssociationRow[] {
  const associations = row.associations as Record<string, unknown> | undefined;
  const list = associations?.[name];
  return Array.isArray(list) ? (list as AssociationRow[]) : [];
}

export function associationIds(row: PsRow, name: string, field = 'id'): string[] {
  return associationRows(row, name)
    .map((entry) => psId(entry[field]))
    .filter((id): id is string => id !== null);
}

/** The public URL of a product image: PrestaShop stores image 123 under `img/p/1/2/3/123.jpg`. */
export function imageUrl(shopUrl: string, imageId: string): string {
  return `${shopUrl}/img/p/${imageId.split('').join('/')}/${imageId}.jpg`;
}

function nameIn(translations: Names | undefined, shop: ShopSnapshot): string {
  if (!translations) return '';
  return translations[shop.defaultLanguage.id] ?? Object.values(translations)[0] ?? '';
}

const EAN = /^\d{8,13}$/;
const UPC = /^\d{6,12}$/;
const ISBN = /^[\dX-]{10,17}$/;

function codes(row: PsRow): Pick<Product, 'ean13' | 'upc' | 'isbn' | 'mpn'> {
  const out: Pick<Product, 'ean13' | 'upc' | 'isbn' | 'mpn'> = {};
  const ean13 = optionalText(row.ean13);
  if (ean13 && EAN.test(ean13) && !/^0+$/.test(ean13)) out.ean13 = ean13;
  const upc = optionalText(row.upc);
  if (upc && UPC.test(upc) && !/^0+$/.test(upc)) out.upc = upc;
  const isbn = optionalText(row.isbn);
  if (isbn && ISBN.test(isbn)) out.isbn = isbn;
  const mpn = optionalText(row.mpn);
  if (mpn) out.mpn = mpn;
  return out;
}

function images(ids: string[], shopUrl: string, coverId: string | null): Image[] {
  return ids.map((id, position) => ({
    url: imageUrl(shopUrl, id),
    position,
    ...(coverId ? { cover: id === coverId } : {}),
  }));
}

export function toVariant(combination: PsRow, product: PsRow, context: ProductReadContext): Variant {
  const { shop } = context;
  const productId = psText(product.id);
  const id = psText(combination.id);
  const options: VariantOption[] = [];
  for (const valueId of associationIds(combination, 'product_option_values')) {
    const value = context.attributeValues.get(valueId);
    const group = value ? context.attributeGroups.get(value.groupId) : undefined;
    const name = nameIn(group?.names, shop);
    const text = nameIn(value?.names, shop);
    if (name && text) options.push({ name, value: text });
  }
  const variant: Variant = {
    id,
    productId,
    options: options.length > 0 ? options : [{ name: 'Combination', value: id }],
    ...codes(combination),
    priceImpact: money(combination.price),
    wholesalePrice: money(combination.wholesale_price),
    weightImpact: decimal(combination.weight),
    isDefault: psBool(combination.default_on),
  };
  const productReference = optionalText(product.reference);
  if (productReference) variant.productReference = productReference;
  const reference = optionalText(combination.reference);
  if (reference) variant.reference = reference;
  if (context.shopId) variant.shopId = context.shopId;
  const stock = context.stock.get(productId)?.get(id);
  if (stock) variant.quantity = stock.quantity;
  const imageIds = associationIds(combination, 'images');
  if (imageIds.length) variant.images = images(imageIds, context.shopUrl, null);
  if (context.includeRaw) variant.raw = combination;
  return variant;
}

/** A `products` row (display=full) and what was read beside it, as the contract's product. */
export function toProduct(row: PsRow, context: ProductReadContext): Product {
  const { shop } = context;
  const id = psText(row.id);
  const product: Product = {
    id,
    name: readRequiredLocalized(row.name, shop),
    price: money(row.price),
    wholesalePrice: money(row.wholesale_price),
    currency: shop.defaultCurrency,
    active: psBool(row.active),
    isPack: psText(row.type) === 'pack' || psBool(row.cache_is_pack),
    tracksStock: shop.stockManagement,
    ...codes(row),
  };
  const reference = optionalText(row.reference);
  if (reference) product.reference = reference;
  if (context.shopId) product.shopId = context.shopId;
  const texts = {
    shortDescription: row.description_short,
    description: row.description,
    metaTitle: row.meta_title,
    metaDescription: row.meta_description,
    metaKeywords: row.meta_keywords,
    slug: row.link_rewrite,
  } as const;
  for (const [field, value] of Object.entries(texts)) {
    const text = readOptionalLocalized(value, shop);
    if (text) product[field as keyof typeof texts] = text;
  }
  const taxGroup = psId(row.id_tax_rules_group);
  if (taxGroup) {
    product.taxClass = taxGroup;
    const rate = context.taxes.groups.get(taxGroup)?.defaultRate;
    if (rate !== null && rate !== undefined) product.taxRate = decimal(rate);
  }
  const weightUnit = WEIGHT_UNITS[shop.weightUnit];
  if (weightUnit) product.weight = { value: decimal(row.weight), unit: weightUnit };
  product.width = decimal(row.width);
  product.height = decimal(row.height);
  product.depth = decimal(row.depth);
  const dimensionUnit = DIMENSION_UNITS[shop.dimensionUnit];
  if (dimensionUnit) product.dimensionUnit = dimensionUnit;
  const manufacturer =
    context.manufacturerNames.get(psId(row.id_manufacturer) ?? '') ?? optionalText(row.manufacturer_name);
  if (manufacturer) product.manufacturer = manufacturer;
  const supplier = context.supplierNames.get(psId(row.id_supplier) ?? '');
  if (supplier) {
    const supplierReference = optionalText(row.supplier_reference);
    product.supplier = { name: supplier, ...(supplierReference ? { reference: supplierReference } : {}) };
  }
  const imageIds = associationIds(row, 'images');
  if (imageIds.length) product.images = images(imageIds, context.shopUrl, psId(row.id_default_image));

  const features: ProductFeature[] = [];
  for (const entry of associationRows(row, 'product_features')) {
    const feature = context.features.get(psText(entry.id));
    const value = context.featureValues.get(psText(entry.id_feature_value));
    const name = nameIn(feature?.names, shop);
    if (name && value) features.push({ name, value: nameIn(value.values, shop) });
  }
  if (features.length) product.features = features;

  const defaultCategory = psId(row.id_category_default);
  if (defaultCategory) product.defaultCategory = defaultCategory;
  const categories = associationIds(row, 'categories').filter((category) => category !== defaultCategory);
  if (categories.length) product.categories = categories;

  const related = associationIds(row, 'accessories')
    .map((accessory) => context.productReferences.get(accessory))
    .filter((value): value is string => value !== undefined);
  if (related.length)
    product.relatedProducts = related.map((value) => ({ reference: value, type: 'related' as const }));

  const stock = context.stock.get(id)?.get('0');
  if (stock) product.quantity = stock.quantity;
  const visibility = VISIBILITY[psText(row.visibility)];
  if (visibility) product.visibility = visibility;
  const condition = psText(row.condition);
  if (condition === 'new' || condition === 'used' || condition === 'refurbished') product.condition = condition;

  if (product.isPack) {
    const items = associationRows(row, 'product_bundle').flatMap((entry) => {
      const componentReference = context.productReferences.get(psText(entry.id));
      return componentReference
        ? [{ reference: componentReference, quantity: Math.max(1, psInt(entry.quantity)) }]
        : [];
    });
    if (items.length) product.packItems = items;
  }

  const combinations = context.combinations.get(id) ?? [];
  if (combinations.length) product.variants = combinations.map((combination) => toVariant(combination, row, context));
  const prices = (context.specificPrices.get(id) ?? [])
    .filter((entry) => entry.combinationId === '0')
    .map((entry) => entry.price);
  if (prices.length) product.specificPrices = prices;
  const updated = shop.dates.toIso(row.date_upd);
  if (updated) product.sourceUpdatedAt = updated;
  if (context.includeRaw) product.raw = row;
  return product;
}
