import type {
  ActivationWrite,
  PlannedWrite,
  ProductWrite,
  StockWritePlan,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { defaultLocationId, mapBounded, WRITE_CONCURRENCY } from '../adapter-context.js';
import { outcomeUnknown } from '../client.js';
import {
  FILE_DETACH_MUTATION,
  PRODUCT_BY_HANDLE_QUERY,
  PRODUCT_DEFAULT_VARIANT_QUERY,
  PRODUCT_SET_MUTATION,
  PRODUCT_UPDATE_MUTATION,
  PRODUCT_VARIANTS_QUERY,
  VARIANTS_BULK_CREATE_MUTATION,
  VARIANTS_BULK_UPDATE_MUTATION,
} from '../graphql/products.js';
import type { Connection, UserError } from '../graphql/shopify.types.js';
import { isGid } from '../map/gid.js';
import { toProductSetInput, toProductUpdateInput, toVariantCreateInput, toVariantUpdateInput } from '../map/product.js';
import { assertNoUserErrors, failureOutcome } from './user-errors.js';

type VariantWrite = NonNullable<ProductWrite['variants']>[number];

/** Core's per-variant plans (`directives.variants`). */
interface VariantPlan {
  key: string;
  action: 'create' | 'update';
  platformId: string | null;
  data: Partial<VariantWrite>;
}

/** Contract fields a Shopify product can hold; others are reported, not silently dropped. */
const PRODUCT_LEVEL = [
  'name',
  'description',
  'slug',
  'manufacturer',
  'defaultCategory',
  'metaTitle',
  'metaDescription',
] as const;
const VARIANT_LEVEL = ['price', 'barcode', 'ean13', 'upc', 'isbn', 'weight', 'tracksStock', 'quantity'] as const;
const HANDLED = new Set<string>([
  ...PRODUCT_LEVEL,
  ...VARIANT_LEVEL,
  'images',
  'variants',
  'reference',
  'active',
  'currency',
  'sourceUpdatedAt',
]);

interface DefaultVariantAnswer {
  product: {
    id: string;
    hasOnlyDefaultVariant: boolean;
    variants: { nodes: { id: string }[] };
    media: { nodes: { id: string }[] };
  } | null;
}

/** Shopify has one barcode field: the contract's typed codes fill it when no plain barcode is given. */
function barcodeOf(data: Partial<ProductWrite> | Partial<VariantWrite>): string | undefined {
  return data.barcode ?? data.ean13 ?? data.upc ?? data.isbn;
}

export interface ProductWriterDependencies {
  writeStock(plans: StockWritePlan[], context: WriteContext): Promise<WriteOutcome[]>;
}

export function createProductWriter(context: AdapterContext, dependencies: ProductWriterDependencies) {
  const { client } = context;

  const setStatus = async (productId: string, active: boolean): Promise<void> => {
    const answer = await client.request<{ productUpdate: { userErrors: UserError[] } }>(PRODUCT_UPDATE_MUTATION, {
      product: { id: productId, status: active ? 'ACTIVE' : 'DRAFT' },
    });
    assertNoUserErrors(answer.productUpdate.userErrors, 'productUpdate');
  };

  const writeStock = async (reference: string, variantId: string, quantity: number, writeContext: WriteContext) => {
    const [outcome] = await dependencies.writeStock(
      [{ key: reference, reference, platformId: variantId, location: await defaultLocationId(context), quantity }],
      writeContext,
    );
    if (outcome && outcome.ok === false) throw new Error(`stock of ${reference}: ${outcome.error}`);
  };

  const create = async (plan: PlannedWrite<ProductWrite>): Promise<WriteOutcome> => {
    const shop = await context.shop();
    const data = { ...plan.data, reference: plan.key };
    const hasQuantity =
      data.quantity !== undefined || (data.variants ?? []).some((variant) => variant.quantity !== undefined);
    const location = hasQuantity ? await defaultLocationId(context) : null;
    const input = toProductSetInput(
      { ...data, ...(barcodeOf(data) ? { barcode: barcodeOf(data) } : {}) },
      shop.language,
      location,
    );
    // productSet with every variant: it is a creation, so nothing exists that it could delete.
    let answer: { productSet: { product: { id: string } | null; userErrors: UserError[] } };
    try {
      answer = await client.request(PRODUCT_SET_MUTATION, { input });
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      return afterLostCreate(plan, String(input.handle), error);
    }
    assertNoUserErrors(answer.productSet.userErrors, 'productSet');
    const id = answer.productSet.product?.id;
    if (!id) throw new Error('productSet answered no product');
    return { key: plan.key, ok: true, id, ...unsupportedNote(plan.data) };
  };

  /**
   * productSet's answer was lost and a create is not replayed: the product is looked up by the handle it
   * was given. Found with this reference, it was created; absent, it was not and may be sent again;
   * otherwise nobody can tell, and the item fails without a retry.
   */
  const afterLostCreate = async (
    plan: PlannedWrite<ProductWrite>,
    handle: string,
    error: Error,
  ): Promise<WriteOutcome> => {
    let found: { id: string; reference: { value: string } | null } | null;
    try {
      found = (
        await client.request<{ productByIdentifier: { id: string; reference: { value: string } | null } | null }>(
          PRODUCT_BY_HANDLE_QUERY,
          { handle },
        )
      ).productByIdentifier;
    } catch {
      return {
        key: plan.key,
        ok: false,
        error:
          `${error.message}; whether it was created could not be checked: look up "${plan.key}" before sending it again`.slice(
            0,
            500,
          ),
        retryable: false,
      };
    }
    if (found && found.reference?.value === plan.key) {
      const unsupported = unsupportedNote(plan.data).note;
      return {
        key: plan.key,
        ok: true,
        id: found.id,
        note: `productSet's answer was lost; the product was found by its handle "${handle}"${unsupported ? `; ${unsupported}` : ''}`,
      };
    }
    if (!found) {
      return {
        key: plan.key,
        ok: false,
        error:
          `${error.message}; no product has the handle "${handle}", so it was not created: safe to send again`.slice(
            0,
            500,
          ),
        retryable: true,
      };
    }
    return {
      key: plan.key,
      ok: false,
      error:
        `${error.message}; the handle "${handle}" belongs to another product (${found.id}): check before sending it again`.slice(
          0,
          500,
        ),
      retryable: false,
    };
  };

  const update = async (plan: PlannedWrite<ProductWrite>, writeContext: WriteContext): Promise<WriteOutcome> => {
    const id = plan.platformId;
    if (!id || !isGid(id, 'Product'))
      return { key: plan.key, ok: false, error: `no Shopify product id for "${plan.key}"`, retryable: false };
    const shop = await context.shop();
    const data = plan.data;
    const unsupported = Object.keys(data).filter((field) => !HANDLED.has(field));
    const writable = Object.keys(data).filter(
      (field) => HANDLED.has(field) && field !== 'sourceUpdatedAt' && field !== 'currency',
    );
    if (writable.length === 0 && !plan.directives.variants) {
      return {
        key: plan.key,
        ok: 'skipped',
        reason: `Shopify products have no field for: ${unsupported.join(', ')}`,
        id,
      };
    }

    const productInput = toProductUpdateInput(id, data, shop.language);
    const images = data.images ? [...data.images].sort((a, b) => a.position - b.position) : null;
    const needsProduct =
      VARIANT_LEVEL.some((field) => data[field] !== undefined) ||
      (images !== null && plan.directives.deleteImagesFirst === true);
    let current: DefaultVariantAnswer['product'] = null;
    if (needsProduct) {
      current = (await client.request<DefaultVariantAnswer>(PRODUCT_DEFAULT_VARIANT_QUERY, { id })).product;
      if (!current) return { key: plan.key, ok: false, error: `product ${id} does not exist`, retryable: false };
    }

    if (images !== null && plan.directives.deleteImagesFirst === true && current?.media.nodes.length) {
      const answer = await client.request<{ fileUpdate: { userErrors: UserError[] } }>(FILE_DETACH_MUTATION, {
        files: current.media.nodes.map((media) => ({ id: media.id, referencesToRemove: [id] })),
      });
      assertNoUserErrors(answer.fileUpdate.userErrors, 'fileUpdate');
    }
    if (productInput || images) {
      const media = images?.map((image) => ({
        originalSource: image.url,
        mediaContentType: 'IMAGE',
        ...(image.alt ? { alt: image.alt[shop.language] ?? Object.values(image.alt)[0] } : {}),
      }));
      const answer = await client.request<{
        productUpdate: { product: { id: string } | null; userErrors: UserError[] };
      }>(PRODUCT_UPDATE_MUTATION, {
        product: productInput ?? { id },
        ...(media ? { media } : {}),
      });
      assertNoUserErrors(answer.productUpdate.userErrors, 'productUpdate');
      if (!answer.productUpdate.product)
        return { key: plan.key, ok: false, error: `product ${id} does not exist`, retryable: false };
    }

    // Fields of a product without variants live on its one variant.
    const defaultVariant = current?.hasOnlyDefaultVariant ? current.variants.nodes[0]?.id : undefined;
    if (defaultVariant) {
      const barcode = barcodeOf(data);
      const variantInput = toVariantUpdateInput(defaultVariant, {
        ...(data.price !== undefined ? { price: data.price } : {}),
        ...(barcode !== undefined ? { barcode } : {}),
        ...(data.tracksStock !== undefined ? { tracksStock: data.tracksStock } : {}),
        ...(data.weight ? { weight: data.weight } : {}),
      });
      if (variantInput) await bulkUpdate(id, [variantInput]);
      if (data.quantity !== undefined) await writeStock(plan.key, defaultVariant, data.quantity, writeContext);
    }

    await writeVariants(id, variantPlans(plan), writeContext);
    return { key: plan.key, ok: true, id, ...unsupportedNote(data) };
  };

  const bulkUpdate = async (productId: string, variants: Record<string, unknown>[]) => {
    const answer = await client.request<{ productVariantsBulkUpdate: { userErrors: UserError[] } }>(
      VARIANTS_BULK_UPDATE_MUTATION,
      {
        productId,
        variants,
      },
    );
    assertNoUserErrors(answer.productVariantsBulkUpdate.userErrors, 'productVariantsBulkUpdate');
  };

  /** Variants named by SKU only (a caller without core's plans) are matched to the product's own. */
  const resolveVariants = async (productId: string, plans: VariantPlan[]): Promise<VariantPlan[]> => {
    if (plans.every((variant) => variant.platformId)) return plans;
    const bySku = new Map<string, string>();
    let after: string | null = null;
    for (let page = 0; page < 25; page++) {
      const answer: { product: { variants: Connection<{ id: string; sku: string | null }> } | null } =
        await client.request(PRODUCT_VARIANTS_QUERY, { id: productId, after });
      const connection = answer.product?.variants;
      for (const variant of connection?.nodes ?? []) if (variant.sku) bySku.set(variant.sku, variant.id);
      if (!connection?.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) break;
      after = connection.pageInfo.endCursor;
    }
    return plans.map((variant) => {
      if (variant.platformId) return variant;
      const id = bySku.get(variant.key);
      return id ? { ...variant, action: 'update', platformId: id } : { ...variant, action: 'create' };
    });
  };

  /** Changed variants through `productVariantsBulkUpdate`, new ones through `productVariantsBulkCreate`: the others stay as they are. */
  const writeVariants = async (productId: string, requested: VariantPlan[], writeContext: WriteContext) => {
    if (requested.length === 0) return;
    const plans = await resolveVariants(productId, requested);
    const updates = plans.flatMap((variant) => {
      if (variant.action !== 'update' || !variant.platformId) return [];
      const barcode = barcodeOf(variant.data);
      const input = toVariantUpdateInput(variant.platformId, {
        ...variant.data,
        ...(barcode !== undefined ? { barcode } : {}),
      });
      return input ? [input] : [];
    });
    if (updates.length) await bulkUpdate(productId, updates);
    const creations = plans.filter((variant) => variant.action === 'create' || !variant.platformId);
    const created = new Map<string, string>();
    if (creations.length) {
      const answer = await client.request<{
        productVariantsBulkCreate: {
          productVariants: { id: string; sku: string | null }[] | null;
          userErrors: UserError[];
        };
      }>(VARIANTS_BULK_CREATE_MUTATION, {
        productId,
        variants: creations.map((variant) => toVariantCreateInput({ ...variant.data, reference: variant.key })),
      });
      assertNoUserErrors(answer.productVariantsBulkCreate.userErrors, 'productVariantsBulkCreate');
      for (const variant of answer.productVariantsBulkCreate.productVariants ?? [])
        if (variant.sku) created.set(variant.sku, variant.id);
    }
    for (const variant of plans) {
      if (variant.data.quantity === undefined) continue;
      const variantId = variant.platformId ?? created.get(variant.key);
      if (variantId) await writeStock(variant.key, variantId, variant.data.quantity, writeContext);
    }
  };

  return {
    setStatus,
    async write(plans: PlannedWrite<ProductWrite>[], writeContext: WriteContext): Promise<WriteOutcome[]> {
      return mapBounded(plans, WRITE_CONCURRENCY, async (plan) => {
        try {
          return plan.action === 'create' ? await create(plan) : await update(plan, writeContext);
        } catch (error) {
          return failureOutcome(plan.key, error);
        }
      });
    },
    async setActive(items: ActivationWrite[]): Promise<WriteOutcome[]> {
      const outcomes: WriteOutcome[] = [];
      for (const item of items) {
        try {
          await setStatus(item.platformId, item.active);
          outcomes.push({ key: item.key, ok: true, id: item.platformId });
        } catch (error) {
          outcomes.push(failureOutcome(item.key, error));
        }
      }
      return outcomes;
    },
  };
}

/** Core's variant plans, or (a caller without core's rules) the variants in the data, matched by SKU later. */
function variantPlans(plan: PlannedWrite<ProductWrite>): VariantPlan[] {
  const directive = plan.directives.variants;
  if (Array.isArray(directive)) return directive as VariantPlan[];
  return (plan.data.variants ?? []).map((variant) => ({
    key: variant.reference,
    action: 'update',
    platformId: null,
    data: variant,
  }));
}

function unsupportedNote(data: Partial<ProductWrite>): { note?: string } {
  const unsupported = Object.keys(data).filter((field) => !HANDLED.has(field));
  return unsupported.length ? { note: `not stored by Shopify: ${unsupported.join(', ')}` } : {};
}
