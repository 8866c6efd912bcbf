import type { StockLevel } from '@passerelle/core';
import { isoUtc } from './date.js';

/**
 * A stock level's id: the variant and the location, as core's change journal identifies a level
 * (`variantId@location`), so a webhook refresh and a sweep name the same level.
 */
export function stockLevelId(variantId: string, locationId: string): string {
  return `${variantId}@${locationId}`;
}

export function parseStockLevelId(id: string): { variantId: string; locationId: string } | null {
  const at = id.indexOf('@');
  if (at <= 0 || at === id.length - 1) return null;
  return { variantId: id.slice(0, at), locationId: id.slice(at + 1) };
}

export interface LevelFacts {
  variantId: string;
  productId: string;
  sku: string | null;
  locationId: string;
  tracked: boolean;
  quantities: { name: string; quantity: number }[];
  updatedAt: string | null;
  shopId: string;
  /** When the level was read: Shopify's levels carry their own `updatedAt`, which `asOf` prefers. */
  readAt: string;
}

/** One variant's `available` quantity at one location. */
export function toStockLevel(facts: LevelFacts): StockLevel {
  const available = facts.quantities.find((quantity) => quantity.name === 'available')?.quantity ?? 0;
  const updatedAt = facts.updatedAt ? isoUtc(facts.updatedAt) : null;
  return {
    id: stockLevelId(facts.variantId, facts.locationId),
    ...(facts.sku ? { reference: facts.sku } : {}),
    productId: facts.productId,
    variantId: facts.variantId,
    shopId: facts.shopId,
    location: facts.locationId,
    quantity: available,
    quantityType: 'available',
    tracked: facts.tracked,
    asOf: updatedAt ?? facts.readAt,
    ...(updatedAt ? { sourceUpdatedAt: updatedAt } : {}),
  };
}
