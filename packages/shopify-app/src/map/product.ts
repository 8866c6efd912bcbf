import type { Image, Product, ProductWrite, Variant } from '@passerelle/core';
import { REFERENCE_KEY, REFERENCE_NAMESPACE } from '../graphql/fragments.js';
import type { MediaNode, ProductNode, VariantNode } from '../graphql/shopify.types.js';
import { isoUtc } from './date.js';
import { normaliseDecimal } from './money.js';
import { toWeight, toWeightInput } from './weight.js';

/** What a product read needs to know about the shop. */
export interface ProductContext {
  shopId: string;
  /** The shop's primary locale (`en`, `fr-CA`): Shopify texts are in it. */
  language: string;
  currency: string;
}

const DEFAULT_OPTION = { name: 'Title', value: 'Default Title' };

/**
 * A product's reference: the ERP's own one when Passerelle created it (metafield), else the SKU of a
 * product without variants, else its handle, which Shopify keeps unique per shop.
 */
export function productReference(
  node: Pick<ProductNode, 'reference' | 'hasOnlyDefaultVariant' | 'handle'>,
  first?: VariantNode,
): string {
  if (node.reference?.value) return node.reference.value;
  if (node.hasOnlyDefaultVariant && first?.sku) return first.sku;
  return node.handle;
}

export function toVariant(node: VariantNode, product: { id: string; reference: string; shopId: string }): Variant {
  const weight = toWeight(node.inventoryItem.measurement?.weight);
  return {
    id: node.id,
    productId: product.id,
    productReference: product.reference,
    ...(node.sku ? { reference: node.sku } : {}),
    shopId: product.shopId,
    ...(node.barcode ? { barcode: node.barcode } : {}),
    options: node.selectedOptions.filter((option) => option.name !== '' && option.value !== ''),
    price: normaliseDecimal(node.price),
    ...(weight ? { weightImpact: weight.value } : {}),
    ...(node.inventoryQuantity !== null ? { quantity: node.inventoryQuantity } : {}),
    isDefault: node.position === 1,
    sourceUpdatedAt: isoUtc(node.updatedAt),
  };
}

function toImages(nodes: MediaNode[], language: string): Image[] {
  return nodes
    .filter((node) => node.image?.url)
    .map((node, position) => ({
      url: node.image?.url as string,
      position,
      ...(position === 0 ? { cover: true } : {}),
      ...(node.alt ? { alt: { [language]: node.alt } } : {}),
    }));
}

/** A Shopify product as the contract's. A product without variants carries its one variant's fields itself. */
export function toProduct(node: ProductNode, context: ProductContext): Product {
  const { language } = context;
  const variants = node.variants.nodes;
  const first = variants[0];
  const reference = productReference(node, first);
  const single = node.hasOnlyDefaultVariant;
  const images = toImages(node.media.nodes, language);
  const weight = single ? toWeight(first?.inventoryItem.measurement?.weight) : undefined;
  return {
    id: node.id,
    reference,
    shopId: context.shopId,
    name: { [language]: node.title },
    ...(node.descriptionHtml ? { description: { [language]: node.descriptionHtml } } : {}),
    ...(node.seo.title ? { metaTitle: { [language]: node.seo.title } } : {}),
    ...(node.seo.description ? { metaDescription: { [language]: node.seo.description } } : {}),
    slug: { [language]: node.handle },
    ...(single && first ? { price: normaliseDecimal(first.price), currency: context.currency } : {}),
    ...(single && first?.barcode ? { barcode: first.barcode } : {}),
    ...(weight ? { weight } : {}),
    ...(node.vendor ? { manufacturer: node.vendor } : {}),
    ...(node.productType ? { defaultCategory: node.productType } : {}),
    ...(images.length ? { images } : {}),
    ...(single && first && first.inventoryQuantity !== null ? { quantity: first.inventoryQuantity } : {}),
    ...(single && first ? { tracksStock: first.inventoryItem.tracked } : {}),
    active: node.status === 'ACTIVE',
    // A product without variants has none in the contract's sense: its default variant is the product.
    variants: single
      ? []
      : variants.map((variant) => toVariant(variant, { id: node.id, reference, shopId: context.shopId })),
    sourceUpdatedAt: isoUtc(node.updatedAt),
  };
}

/** A handle from a reference: Shopify handles are lower-case words joined by dashes. */
export function handleize(text: string): string {
  const handle = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return handle || 'product';
}

function text(value: Record<string, string> | undefined, language: string): string | undefined {
  if (!value) return undefined;
  return value[language] ?? Object.values(value)[0];
}

type VariantWrite = NonNullable<ProductWrite['variants']>[number];

/** Option names in first-seen order with their values, as `productSet.productOptions` wants them. */
function productOptions(variants: VariantWrite[]): { name: string; values: { name: string }[] }[] {
  const options = new Map<string, string[]>();
  for (const variant of variants) {
    for (const option of variant.options) {
      const values = options.get(option.name) ?? [];
      if (!values.includes(option.value)) values.push(option.value);
      options.set(option.name, values);
    }
  }
  return [...options].map(([name, values]) => ({ name, values: values.map((value) => ({ name: value })) }));
}

function variantSetInput(variant: Partial<VariantWrite> & { reference: string }, locationId: string | null) {
  return {
    optionValues: (variant.options ?? [DEFAULT_OPTION]).map((option) => ({
      optionName: option.name,
      name: option.value,
    })),
    sku: variant.reference,
    ...(variant.price !== undefined ? { price: variant.price } : {}),
    ...(variant.barcode ? { barcode: variant.barcode } : {}),
    inventoryItem: {
      sku: variant.reference,
      tracked: true,
      ...(variant.weightImpact !== undefined
        ? { measurement: { weight: { unit: 'KILOGRAMS', value: Number(variant.weightImpact) } } }
        : {}),
    },
    ...(variant.quantity !== undefined && locationId
      ? { inventoryQuantities: [{ locationId, name: 'available', quantity: variant.quantity }] }
      : {}),
  };
}

/**
 * The `productSet` input of a creation: the whole product, every variant present. `productSet`
 * deletes the variants its input omits, which is why updates never go through it.
 */
export function toProductSetInput(
  data: Partial<ProductWrite> & { reference: string },
  language: string,
  locationId: string | null,
) {
  const title = text(data.name, language) ?? data.reference;
  const variants = data.variants ?? [];
  const single = variants.length === 0;
  const images = [...(data.images ?? [])].sort((a, b) => a.position - b.position);
  return {
    title,
    handle: text(data.slug, language) ?? handleize(data.reference),
    ...(data.description ? { descriptionHtml: text(data.description, language) } : {}),
    ...(data.manufacturer ? { vendor: data.manufacturer } : {}),
    ...(data.defaultCategory ? { productType: data.defaultCategory } : {}),
    status: data.active === false ? 'DRAFT' : 'ACTIVE',
    ...(data.metaTitle || data.metaDescription
      ? { seo: { title: text(data.metaTitle, language), description: text(data.metaDescription, language) } }
      : {}),
    metafields: [
      { namespace: REFERENCE_NAMESPACE, key: REFERENCE_KEY, type: 'single_line_text_field', value: data.reference },
    ],
    ...(images.length
      ? {
          files: images.map((image) => ({
            originalSource: image.url,
            contentType: 'IMAGE',
            ...(image.alt ? { alt: text(image.alt, language) } : {}),
          })),
        }
      : {}),
    productOptions: single
      ? [{ name: DEFAULT_OPTION.name, values: [{ name: DEFAULT_OPTION.value }] }]
      : productOptions(variants),
    variants: single
      ? [
          {
            ...variantSetInput(
              {
                reference: data.reference,
                ...(data.price !== undefined ? { price: data.price } : {}),
                ...(data.barcode ? { barcode: data.barcode } : {}),
                ...(data.quantity !== undefined ? { quantity: data.quantity } : {}),
              },
              locationId,
            ),
            inventoryItem: {
              sku: data.reference,
              tracked: data.tracksStock ?? true,
              ...(data.weight ? { measurement: { weight: toWeightInput(data.weight) } } : {}),
            },
          },
        ]
      : variants.map((variant) => variantSetInput(variant, locationId)),
  };
}

/** The `productUpdate` input of the product-level fields of a plan; null when the plan touches none. */
export function toProductUpdateInput(
  id: string,
  data: Partial<ProductWrite>,
  language: string,
): Record<string, unknown> | null {
  const input: Record<string, unknown> = {};
  const title = text(data.name, language);
  if (title !== undefined) input.title = title;
  if (data.description) input.descriptionHtml = text(data.description, language) ?? '';
  if (data.slug) input.handle = text(data.slug, language);
  if (data.manufacturer !== undefined) input.vendor = data.manufacturer;
  if (data.defaultCategory !== undefined) input.productType = data.defaultCategory;
  if (data.metaTitle || data.metaDescription) {
    input.seo = {
      ...(data.metaTitle ? { title: text(data.metaTitle, language) } : {}),
      ...(data.metaDescription ? { description: text(data.metaDescription, language) } : {}),
    };
  }
  return Object.keys(input).length ? { id, ...input } : null;
}

/** The `productVariantsBulkUpdate` entry of one variant's planned fields; null when none maps to it. */
export function toVariantUpdateInput(
  id: string,
  data: Partial<VariantWrite> & { tracksStock?: boolean; weight?: ProductWrite['weight'] },
) {
  const input: Record<string, unknown> = { id };
  if (data.price !== undefined) input.price = data.price;
  if (data.barcode !== undefined) input.barcode = data.barcode;
  if (data.options)
    input.optionValues = data.options.map((option) => ({ optionName: option.name, name: option.value }));
  const inventoryItem: Record<string, unknown> = {};
  if (data.reference !== undefined) inventoryItem.sku = data.reference;
  if (data.tracksStock !== undefined) inventoryItem.tracked = data.tracksStock;
  if (data.weight) inventoryItem.measurement = { weight: toWeightInput(data.weight) };
  else if (data.weightImpact !== undefined)
    inventoryItem.measurement = { weight: { unit: 'KILOGRAMS', value: Number(data.weightImpact) } };
  if (Object.keys(inventoryItem).length) input.inventoryItem = inventoryItem;
  return Object.keys(input).length > 1 ? input : null;
}

/** The `productVariantsBulkCreate` entry of a new variant of an existing product. */
export function toVariantCreateInput(variant: Partial<VariantWrite> & { reference: string }) {
  return {
    optionValues: (variant.options ?? []).map((option) => ({ optionName: option.name, name: option.value })),
    ...(variant.price !== undefined ? { price: variant.price } : {}),
    ...(variant.barcode ? { barcode: variant.barcode } : {}),
    inventoryItem: { sku: variant.reference, tracked: true },
  };
}
