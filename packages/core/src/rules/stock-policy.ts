import type { Settings } from '../settings/index.js';

export interface StockPolicyInput {
  quantity: number;
  /** Whether the platform tracks stock for the item; `false` uses the default quantity. */
  tracked: boolean;
  /** The quantity the platform has now, when known: drives back-in-stock reactivation. */
  previousQuantity: number | null;
  settings: Settings;
}

export interface StockDecision {
  quantity: number;
  /** `false`: deactivate (stock reached 0); `true`: reactivate (back in stock); absent: leave as is. */
  setActive?: boolean;
  outOfStock?: boolean;
  /** Why the quantity differs from the one asked, for the item's result. */
  adjusted?: string;
}

/** Atoo-Sync's stock rules (spec §2.2 row 17): negative to 0 unless allowed, untracked to the default. */
export function applyStockPolicy(input: StockPolicyInput): StockDecision {
  const policy = input.settings.stock;
  let quantity = input.quantity;
  let adjusted: string | undefined;
  if (!input.tracked) {
    quantity = policy.defaultQuantityForUntracked;
    if (quantity !== input.quantity) adjusted = 'untracked item: default quantity used';
  } else if (quantity < 0 && !policy.allowNegative) {
    quantity = 0;
    adjusted = 'negative quantity sent as 0 (stock.allowNegative is off)';
  }
  const decision: StockDecision = { quantity };
  if (adjusted) decision.adjusted = adjusted;
  if (quantity <= 0) {
    if (policy.disableAtZero) decision.setActive = false;
    if (policy.outOfStockAtZero) decision.outOfStock = true;
  } else {
    const wasOut = input.previousQuantity !== null && input.previousQuantity <= 0;
    if (policy.enableWhenBackInStock && wasOut) decision.setActive = true;
    if (policy.outOfStockAtZero) decision.outOfStock = false;
  }
  return decision;
}
