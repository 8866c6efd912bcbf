import type { Ratio } from './decimal-math.js';
import { scaleDecimal } from './decimal-math.js';

/** WooCommerce's weight units (`woocommerce_weight_unit`) and the contract's. */
export type WooWeightUnit = 'kg' | 'g' | 'lbs' | 'oz';
export type ContractWeightUnit = 'kg' | 'g' | 'lb' | 'oz';
/** WooCommerce's dimension units (`woocommerce_dimension_unit`) and the contract's. */
export type WooDimensionUnit = 'm' | 'cm' | 'mm' | 'in' | 'yd';
export type ContractDimensionUnit = 'mm' | 'cm' | 'm' | 'in';

// Exact factors to a base unit (gram, millimetre): 1 lb = 453.59237 g and 1 in = 25.4 mm by definition.
const grams: Record<ContractWeightUnit, Ratio> = {
  kg: [1000n, 1n],
  g: [1n, 1n],
  lb: [45359237n, 100000n],
  oz: [28349523125n, 1000000000n],
};
const millimetres: Record<ContractDimensionUnit | 'yd', Ratio> = {
  mm: [1n, 1n],
  cm: [10n, 1n],
  m: [1000n, 1n],
  in: [254n, 10n],
  yd: [9144n, 10n],
};

export function weightUnitFromWoo(unit: string): ContractWeightUnit {
  if (unit === 'lbs') return 'lb';
  return unit === 'g' || unit === 'oz' ? unit : 'kg';
}

/** The contract unit a shop's lengths are read in: its own, or inches for a `yd` shop (the contract has no yards). */
export function dimensionUnitFromWoo(unit: string): ContractDimensionUnit {
  if (unit === 'yd') return 'in';
  return unit === 'm' || unit === 'mm' || unit === 'in' ? unit : 'cm';
}

function convert(value: string, from: Ratio, to: Ratio): string {
  return scaleDecimal(value, [from[0] * to[1], from[1] * to[0]]);
}

/** A weight in the shop's unit, which is the only one WooCommerce stores. */
export function convertWeight(value: string, from: ContractWeightUnit, to: ContractWeightUnit): string {
  return from === to ? value : convert(value, grams[from], grams[to]);
}

/** A length in the shop's unit; a `yd` shop is read in inches (the contract has no yards). */
export function convertLength(
  value: string,
  from: ContractDimensionUnit | 'yd',
  to: ContractDimensionUnit | 'yd',
): string {
  return from === to ? value : convert(value, millimetres[from], millimetres[to]);
}
