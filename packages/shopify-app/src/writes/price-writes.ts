import type { PlannedWrite, PriceWrite, WriteContext, WriteOutcome } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { defaultLocationId } from '../adapter-context.js';
import { VARIANTS_BULK_UPDATE_MUTATION } from '../graphql/products.js';
import type { UserError } from '../graphql/shopify.types.js';
import { normaliseDecimal } from '../map/money.js';
import { variantsBySku } from '../reads/stock.js';
import { shopifySectionOf } from '../settings.js';
import { assertNoUserErrors, failureOutcome } from './user-errors.js';

/**
 * Prices by SKU: a variant's `price`, written through `productVariantsBulkUpdate` (one call per product).
 * A shop that enters prices tax included gets `priceIncl` when `platform.shopify.useShopTaxSetting` is on.
 */
export function createPriceOperations(context: AdapterContext) {
  return {
    async getByReferences(references: string[]): Promise<Map<string, PriceWrite & { id: string }>> {
      const [shop, location] = await Promise.all([context.shop(), defaultLocationId(context)]);
      const found = new Map<string, PriceWrite & { id: string }>();
      for (const variant of await variantsBySku(context, references, location)) {
        if (!variant.sku || found.has(variant.sku)) continue;
        const price = normaliseDecimal(variant.price);
        found.set(variant.sku, {
          id: variant.id,
          reference: variant.sku,
          price,
          ...(shop.taxesIncluded ? { priceIncl: price } : {}),
          currency: shop.currency,
        });
      }
      return found;
    },

    async write(plans: PlannedWrite<PriceWrite>[], writeContext: WriteContext): Promise<WriteOutcome[]> {
      const settings = shopifySectionOf(writeContext.settings);
      const [shop, location] = await Promise.all([context.shop(), defaultLocationId(context)]);
      const outcomes = new Map<string, WriteOutcome>();
      const variants = new Map(
        (
          await variantsBySku(
            context,
            plans.map((plan) => plan.key),
            location,
          )
        ).map((variant) => [variant.sku, variant]),
      );
      const byProduct = new Map<string, { plan: PlannedWrite<PriceWrite>; input: Record<string, unknown> }[]>();

      for (const plan of plans) {
        const variant = variants.get(plan.key);
        const incoming = plan.incoming;
        if (!variant) {
          outcomes.set(plan.key, {
            key: plan.key,
            ok: false,
            error: `no variant with reference "${plan.key}"`,
            retryable: false,
          });
          continue;
        }
        if (incoming.currency !== shop.currency) {
          outcomes.set(plan.key, {
            key: plan.key,
            ok: false,
            error: `Shopify prices are in the shop currency ${shop.currency}, not ${incoming.currency} (use Markets price lists)`,
            retryable: false,
          });
          continue;
        }
        if (!('price' in plan.data) && !('priceIncl' in plan.data)) {
          const fields = Object.keys(plan.data).join(', ');
          outcomes.set(plan.key, {
            key: plan.key,
            ok: 'skipped',
            reason: `Shopify variants have no field for: ${fields}`,
            id: variant.id,
          });
          continue;
        }
        const inclusive = settings.useShopTaxSetting && shop.taxesIncluded && incoming.priceIncl !== undefined;
        const price = inclusive ? (incoming.priceIncl as string) : incoming.price;
        const list = byProduct.get(variant.product.id) ?? [];
        list.push({ plan, input: { id: variant.id, price } });
        byProduct.set(variant.product.id, list);
      }

      for (const [productId, entries] of byProduct) {
        try {
          const answer = await context.client.request<{ productVariantsBulkUpdate: { userErrors: UserError[] } }>(
            VARIANTS_BULK_UPDATE_MUTATION,
            {
              productId,
              variants: entries.map((entry) => entry.input),
            },
          );
          assertNoUserErrors(answer.productVariantsBulkUpdate.userErrors, 'productVariantsBulkUpdate');
          for (const { plan, input } of entries) {
            const unsupported = Object.keys(plan.data).filter(
              (field) => !['price', 'priceIncl', 'currency', 'asOf'].includes(field),
            );
            outcomes.set(plan.key, {
              key: plan.key,
              ok: true,
              id: input.id as string,
              ...(unsupported.length ? { note: `not stored by Shopify: ${unsupported.join(', ')}` } : {}),
            });
          }
        } catch (error) {
          for (const { plan } of entries) outcomes.set(plan.key, failureOutcome(plan.key, error));
        }
      }
      return plans.map(
        (plan) => outcomes.get(plan.key) ?? { key: plan.key, ok: false, error: 'not written', retryable: true },
      );
    },
  };
}
