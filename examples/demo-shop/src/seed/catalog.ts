import type { Category, Product, SpecificPrice, Variant } from '@passerelle/core';
import { excludeTax, formatCents, toCents } from '../money.js';
import { SHOP_ID, taxClassForRate } from '../shop-configuration.js';
import { slugify } from '../shop-context.js';
import { CATEGORY_SEEDS, COLOUR_CODES, PRODUCT_SEEDS, type ProductSeed } from './catalog-data.js';
import { ean13, type Prng } from './prng.js';

export interface StockSeed {
  productId: number;
  /** 0 for a product without variants. */
  variantId: number;
  warehouse: 'paris' | 'geneva';
  quantity: number;
  updatedAt: string;
}

export interface CatalogSeed {
  categories: Category[];
  products: Product[];
  stock: StockSeed[];
  /** When each product was created (the contract carries only its update date). */
  productCreatedAt: Map<string, string>;
  categoryTimes: Map<string, { createdAt: string; updatedAt: string }>;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function at(anchor: number, offsetMs: number): string {
  return new Date(anchor - offsetMs).toISOString();
}

function describe(seed: ProductSeed): { short: Record<string, string>; long: Record<string, string> } {
  const material = seed.material;
  return {
    short: {
      en: `${seed.name.en} by ${seed.brand}${material ? `, in ${material.en.toLowerCase()}` : ''}.`,
      fr: `${seed.name.fr} par ${seed.brand}${material ? `, en ${material.fr.toLowerCase()}` : ''}.`,
    },
    long: {
      en: `<p>${seed.name.en}, designed by ${seed.brand}.</p><p>Shipped from Paris or Geneva within 48 hours.</p>`,
      fr: `<p>${seed.name.fr}, conçu par ${seed.brand}.</p><p>Expédié depuis Paris ou Genève sous 48 heures.</p>`,
    },
  };
}

function specificPricesOf(seed: ProductSeed): SpecificPrice[] | undefined {
  const prices: SpecificPrice[] = [];
  if (seed.proDiscount) {
    prices.push({ customerGroup: 'PRO', fromQuantity: 10, reduction: { type: 'percentage', value: seed.proDiscount } });
  }
  if (seed.chfPrice) {
    prices.push({
      currency: 'CHF',
      country: 'CH',
      fromQuantity: 1,
      fixedPrice: formatCents(excludeTax(toCents(seed.chfPrice), '8.1')),
    });
  }
  return prices.length ? prices : undefined;
}

/**
 * The catalog: a three-level category tree, products with their variants (own SKUs, EAN-13
 * barcodes, price impacts), specific prices, and stock in the Paris and Geneva warehouses.
 * Ids are the ones the shop database gives when the catalog is inserted in this order.
 */
export function buildCatalog(prng: Prng, anchorIso: string): CatalogSeed {
  const anchor = Date.parse(anchorIso);
  const categoryTimes = new Map<string, { createdAt: string; updatedAt: string }>();
  const byId = new Map(CATEGORY_SEEDS.map((category) => [category.id, category]));

  const categories: Category[] = CATEGORY_SEEDS.map((seed, index) => {
    const createdAt = at(anchor, (500 - index) * DAY);
    const updatedAt = at(anchor, (480 - index * 3) * DAY);
    categoryTimes.set(String(seed.id), { createdAt, updatedAt });
    const parent = seed.parent === null ? null : byId.get(seed.parent);
    return {
      id: String(seed.id),
      reference: seed.reference,
      shopId: SHOP_ID,
      name: { ...seed.name },
      slug: slugify(seed.name),
      description: {
        en: `All our ${seed.name.en.toLowerCase()}.`,
        fr: `Tous nos produits : ${seed.name.fr.toLowerCase()}.`,
      },
      parent: parent ? { reference: parent.reference } : null,
      position: CATEGORY_SEEDS.filter((other) => other.parent === seed.parent && other.id < seed.id).length,
      active: true,
      sourceUpdatedAt: updatedAt,
    };
  });

  const products: Product[] = [];
  const stock: StockSeed[] = [];
  const productCreatedAt = new Map<string, string>();
  let variantId = 0;

  PRODUCT_SEEDS.forEach((seed, index) => {
    const productId = index + 1;
    const createdAt = at(anchor, prng.int(120, 420) * DAY + prng.int(0, 23) * HOUR);
    const updatedAt = new Date(
      Math.min(Date.parse(createdAt) + prng.int(0, 110) * DAY, anchor - prng.int(2, 30) * DAY),
    ).toISOString();
    productCreatedAt.set(String(productId), createdAt);
    const priceExcl = excludeTax(toCents(seed.priceIncl), seed.taxRate);
    const leaf = byId.get(seed.category);
    if (!leaf) throw new Error(`product ${seed.sku} names unknown category ${seed.category}`);
    const chain: string[] = [];
    let current: (typeof CATEGORY_SEEDS)[number] | undefined = leaf;
    while (current) {
      chain.push(current.name.en);
      current = current.parent === null ? undefined : byId.get(current.parent);
    }
    const stockAt = () => at(anchor, prng.int(1, 96) * HOUR);
    const quantityFor = (warehouse: 'paris' | 'geneva'): number => {
      if (seed.tracksStock === false) return 0;
      if (prng.chance(0.08)) return 0;
      return warehouse === 'paris' ? prng.int(2, 60) : prng.int(0, 18);
    };

    const variants: Variant[] = [];
    if (seed.variants && seed.sku) {
      const colours = seed.variants.colours ?? [null];
      const sizes = seed.variants.sizes ?? [null];
      for (const colour of colours) {
        for (const size of sizes) {
          variantId++;
          const suffix = [colour ? COLOUR_CODES[colour] : null, size].filter(Boolean).join('-');
          const reference = `${seed.sku}-${suffix}`;
          const options = [
            ...(size ? [{ name: 'Size', value: size }] : []),
            ...(colour ? [{ name: 'Colour', value: colour }] : []),
          ];
          const paris = reference === 'TSH-ORGANIC-BLK-XL' ? -2 : quantityFor('paris');
          const geneva = reference === 'TSH-ORGANIC-BLK-XL' ? 0 : quantityFor('geneva');
          stock.push({ productId, variantId, warehouse: 'paris', quantity: paris, updatedAt: stockAt() });
          stock.push({ productId, variantId, warehouse: 'geneva', quantity: geneva, updatedAt: stockAt() });
          variants.push({
            id: String(variantId),
            productId: String(productId),
            productReference: seed.sku,
            reference,
            shopId: SHOP_ID,
            ean13: ean13(`3760${String(productId).padStart(3, '0')}${String(variantId).padStart(5, '0')}`),
            options,
            ...(size === 'XL' ? { priceImpact: '2.50' } : {}),
            quantity: paris + geneva,
            isDefault: variants.length === 0,
            active: true,
            sourceUpdatedAt: updatedAt,
          });
        }
      }
    } else {
      const paris = quantityFor('paris');
      const geneva = quantityFor('geneva');
      stock.push({ productId, variantId: 0, warehouse: 'paris', quantity: paris, updatedAt: stockAt() });
      stock.push({ productId, variantId: 0, warehouse: 'geneva', quantity: geneva, updatedAt: stockAt() });
    }

    const texts = describe(seed);
    const features = [
      ...(seed.material ? [{ name: 'Material', value: seed.material.en }] : []),
      {
        name: 'Made in',
        value: seed.brand === 'Maison Léman' ? 'Switzerland' : seed.brand === 'Café Rivière' ? 'Colombia' : 'France',
      },
    ];
    const slug = slugify(seed.name);
    const quantity = stock
      .filter((level) => level.productId === productId)
      .reduce((total, level) => total + level.quantity, 0);
    const specificPrices = specificPricesOf(seed);
    const taxClass = taxClassForRate(seed.taxRate);
    products.push({
      id: String(productId),
      ...(seed.sku ? { reference: seed.sku } : {}),
      shopId: SHOP_ID,
      name: { ...seed.name },
      shortDescription: texts.short,
      description: texts.long,
      metaTitle: { en: `${seed.name.en} | Passerelle Demo Shop`, fr: `${seed.name.fr} | Passerelle Demo Shop` },
      slug,
      price: formatCents(priceExcl),
      wholesalePrice: formatCents((priceExcl * 45n) / 100n),
      currency: 'EUR',
      taxRate: seed.taxRate,
      ...(taxClass ? { taxClass } : {}),
      ...(seed.sku && !seed.variants ? { ean13: ean13(`3760${String(productId).padStart(3, '0')}00000`) } : {}),
      weight: { value: seed.weightKg, unit: 'kg' },
      manufacturer: seed.brand,
      images: [
        {
          url: `https://demo-shop.passerelle.dev/img/p/${slug.en}.jpg`,
          position: 0,
          cover: true,
          alt: { ...seed.name },
        },
      ],
      features,
      defaultCategory: leaf.name.en,
      categories: chain,
      quantity,
      tracksStock: seed.tracksStock !== false,
      active: seed.active !== false,
      visibility: 'visible',
      condition: 'new',
      ...(seed.packItems
        ? { isPack: true, packItems: seed.packItems.map((item) => ({ reference: item.sku, quantity: item.quantity })) }
        : {}),
      ...(variants.length ? { variants } : {}),
      ...(specificPrices ? { specificPrices } : {}),
      sourceUpdatedAt: updatedAt,
    });
  });

  return { categories, products, stock, productCreatedAt, categoryTimes };
}
