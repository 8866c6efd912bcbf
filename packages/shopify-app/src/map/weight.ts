import type { Weight } from '@passerelle/core';
import type { WeightNode } from '../graphql/shopify.types.js';
import { numberToDecimal } from './money.js';

const toContract = { GRAMS: 'g', KILOGRAMS: 'kg', OUNCES: 'oz', POUNDS: 'lb' } as const;
const toShopify = { g: 'GRAMS', kg: 'KILOGRAMS', oz: 'OUNCES', lb: 'POUNDS' } as const;

export function toWeight(node: WeightNode | null | undefined): Weight | undefined {
  if (!node) return undefined;
  return { value: numberToDecimal(node.value, 6), unit: toContract[node.unit] };
}

/** Shopify's `WeightInput.value` is a Float: a weight is a measure, not money, so the conversion is safe. */
export function toWeightInput(weight: Weight): { unit: WeightNode['unit']; value: number } {
  return { unit: toShopify[weight.unit], value: Number(weight.value) };
}

/** A weight in kilograms, as order lines carry it. */
export function toKilograms(node: WeightNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const factor = { GRAMS: 0.001, KILOGRAMS: 1, OUNCES: 0.028349523125, POUNDS: 0.45359237 }[node.unit];
  return numberToDecimal(Math.max(0, node.value * factor), 6);
}
