import { randomUUID } from 'node:crypto';
import type { StockWritePlan, WriteContext, WriteOutcome } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { chunk } from '../adapter-context.js';
import { INVENTORY_SET_QUANTITIES_MUTATION } from '../graphql/inventory.js';
import type { UserError } from '../graphql/shopify.types.js';
import type { KnownLevel } from '../level-cache.js';
import { isGid } from '../map/gid.js';
import { stockLevelId } from '../map/stock.js';
import { cacheLevelsByBulk } from '../reads/inventory-export.js';
import { variantLevels, variantsBySku } from '../reads/stock.js';
import { shopifySectionOf } from '../settings.js';
import { describeUserErrors, failureOutcome } from './user-errors.js';

/** Shopify's cap on `inventorySetQuantities.input.quantities`. */
export const INVENTORY_BATCH_SIZE = 250;

const RETRYABLE_CODES = new Set(['CHANGE_FROM_QUANTITY_STALE', 'IDEMPOTENCY_CONCURRENT_REQUEST']);

interface Entry {
  plan: StockWritePlan;
  level: KnownLevel;
}

interface SetAnswer {
  inventorySetQuantities: { inventoryAdjustmentGroup: { id: string } | null; userErrors: UserError[] };
}

/** The quantity index a user error names (`["input", "quantities", "3", "quantity"]`), or null. */
function indexOf(error: UserError): number | null {
  const field = error.field ?? [];
  const at = field.indexOf('quantities');
  const index = at >= 0 ? Number(field[at + 1]) : Number.NaN;
  return Number.isInteger(index) ? index : null;
}

/**
 * Absolute stock through `inventorySetQuantities`, 250 quantities per call, each call with its own
 * idempotency key (kept across transport retries, so a lost answer is never applied twice) and each
 * quantity with `changeFromQuantity`: the quantity last read, or null when
 * `platform.shopify.stockCompareAndSwap` is off. 10,000 levels cost 40 calls.
 */
export function createStockWriter(
  context: AdapterContext,
  setProductStatus: (productId: string, active: boolean) => Promise<void>,
) {
  return async function write(plans: StockWritePlan[], writeContext: WriteContext): Promise<WriteOutcome[]> {
    const settings = shopifySectionOf(writeContext.settings);
    const shop = await context.shop();
    const fallbackLocation = settings.defaultLocation || shop.locations[0]?.id || null;
    const outcomes = new Map<string, WriteOutcome>();
    const byLocation = new Map<string, StockWritePlan[]>();

    for (const plan of plans) {
      const location = plan.location ?? fallbackLocation;
      if (!location || !isGid(location, 'Location')) {
        outcomes.set(plan.key, {
          key: plan.key,
          ok: false,
          error: `unknown location "${plan.location ?? ''}"`,
          retryable: false,
        });
        continue;
      }
      byLocation.set(location, [...(byLocation.get(location) ?? []), plan]);
    }

    // A push of more levels than the bulk threshold reads them all in one bulk operation first.
    const uncached = plans.filter((plan) => {
      const location = plan.location ?? fallbackLocation;
      return !plan.platformId || !location || !context.levels.get(plan.platformId, location);
    }).length;
    if (settings.bulkThreshold > 0 && uncached > settings.bulkThreshold) await cacheLevelsByBulk(context);

    const entries: Entry[] = [];
    for (const [location, group] of byLocation) {
      // Variants named only by SKU are found first; then every level not read moments ago is read.
      const bySku = group.filter((plan) => !plan.platformId || !isGid(plan.platformId, 'ProductVariant'));
      const skuToVariant = new Map<string, string>();
      if (bySku.length) {
        for (const variant of await variantsBySku(
          context,
          bySku.map((plan) => plan.reference),
          location,
        )) {
          if (variant.sku && !skuToVariant.has(variant.sku)) skuToVariant.set(variant.sku, variant.id);
        }
      }
      const variantOf = (plan: StockWritePlan) =>
        plan.platformId && isGid(plan.platformId, 'ProductVariant')
          ? plan.platformId
          : skuToVariant.get(plan.reference);
      const missing = group.flatMap((plan) => {
        const variant = variantOf(plan);
        return variant && !context.levels.get(variant, location) ? [variant] : [];
      });
      if (missing.length) await variantLevels(context, missing, location);
      for (const plan of group) {
        const variant = variantOf(plan);
        const level = variant ? context.levels.get(variant, location) : null;
        if (!variant || !level) {
          outcomes.set(plan.key, {
            key: plan.key,
            ok: false,
            error: `no variant with reference "${plan.reference}"`,
            retryable: false,
          });
        } else if (level.quantity === null) {
          outcomes.set(plan.key, {
            key: plan.key,
            ok: false,
            error: `"${plan.reference}" is not stocked at location ${location}: activate it there in Shopify first`,
            retryable: false,
          });
        } else {
          entries.push({ plan, level });
        }
      }
    }

    const send = async (batch: Entry[], attempt: number): Promise<void> => {
      const idempotencyKey = randomUUID();
      const input = {
        name: 'available',
        reason: settings.inventoryReason,
        referenceDocumentUri: `gid://passerelle/StockSync/${idempotencyKey}`,
        quantities: batch.map(({ plan, level }) => ({
          inventoryItemId: level.inventoryItemId,
          locationId: level.locationId,
          quantity: plan.quantity,
          changeFromQuantity: settings.stockCompareAndSwap ? level.quantity : null,
        })),
      };
      let answer: SetAnswer;
      try {
        answer = await context.client.request<SetAnswer>(INVENTORY_SET_QUANTITIES_MUTATION, { input, idempotencyKey });
      } catch (error) {
        for (const { plan, level } of batch) {
          // Whether Shopify applied it is unknown: the level is read again before the next write, or its
          // changeFromQuantity would be stale and the re-sent item refused.
          context.levels.delete(level.variantId, level.locationId);
          outcomes.set(plan.key, failureOutcome(plan.key, error));
        }
        return;
      }
      const { userErrors, inventoryAdjustmentGroup } = answer.inventorySetQuantities;
      const failed = new Set<number>();
      for (const error of userErrors) {
        const index = indexOf(error);
        const entry = index === null ? undefined : batch[index];
        if (!entry) continue;
        failed.add(index as number);
        context.levels.delete(entry.level.variantId, entry.level.locationId);
        outcomes.set(entry.plan.key, {
          key: entry.plan.key,
          ok: false,
          error: describeUserErrors([error]),
          retryable: RETRYABLE_CODES.has(error.code ?? ''),
        });
      }
      const unnamed = userErrors.filter((error) => indexOf(error) === null);
      const rest = batch.filter((_, index) => !failed.has(index));
      if (userErrors.length > 0 && !inventoryAdjustmentGroup) {
        // Shopify applies a call whole or not at all: the items it did not blame are sent again, once.
        if (unnamed.length === 0 && rest.length > 0 && attempt === 0) return send(rest, 1);
        for (const { plan } of rest) {
          outcomes.set(plan.key, {
            key: plan.key,
            ok: false,
            error: describeUserErrors(unnamed.length ? unnamed : userErrors),
            retryable: false,
          });
        }
        return;
      }
      for (const { plan, level } of rest) {
        context.levels.set({ ...level, quantity: plan.quantity, readAt: Date.now() });
        outcomes.set(plan.key, { key: plan.key, ok: true, id: stockLevelId(level.variantId, level.locationId) });
      }
    };

    for (const batch of chunk(entries, INVENTORY_BATCH_SIZE)) await send(batch, 0);

    // The stock policy's deactivate-at-zero / reactivate: on Shopify the product's status.
    const statuses = new Map<string, boolean>();
    for (const { plan, level } of entries) {
      if (plan.setActive !== undefined && outcomes.get(plan.key)?.ok === true)
        statuses.set(level.productId, plan.setActive);
    }
    for (const [productId, active] of statuses) {
      try {
        await setProductStatus(productId, active);
      } catch (error) {
        for (const { plan, level } of entries) {
          if (level.productId === productId) outcomes.set(plan.key, failureOutcome(plan.key, error));
        }
      }
    }
    return plans.map(
      (plan) => outcomes.get(plan.key) ?? { key: plan.key, ok: false, error: 'not written', retryable: true },
    );
  };
}
