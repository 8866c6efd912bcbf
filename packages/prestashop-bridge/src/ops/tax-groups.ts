import { compareDecimals } from '@passerelle/core';
import { type Bridge, ItemRefused } from '../bridge-context.js';

/** The tax rules group a write names: by id or name (`taxClass`), else the group whose default-country rate is `taxRate`. */
export async function taxGroupOf(
  bridge: Bridge,
  data: { taxClass?: string | undefined; taxRate?: string | undefined },
): Promise<string | undefined> {
  if (data.taxClass === undefined && data.taxRate === undefined) return undefined;
  const taxes = await bridge.shop.taxes();
  if (data.taxClass !== undefined) {
    const key = data.taxClass.trim();
    if (key === '0' || key === '') return '0';
    const byId = taxes.groups.get(key);
    if (byId) return byId.id;
    const byName = [...taxes.groups.values()].find((group) => group.name.trim().toLowerCase() === key.toLowerCase());
    if (byName) return byName.id;
    throw new ItemRefused(`tax rules group "${data.taxClass}" does not exist in the shop`);
  }
  const rate = data.taxRate as string;
  if (compareDecimals(rate, '0') === 0) return '0';
  const match = [...taxes.groups.values()].find(
    (group) => group.active && group.defaultRate !== null && compareDecimals(group.defaultRate, rate) === 0,
  );
  if (!match) throw new ItemRefused(`no active tax rules group has a ${rate} % rate for the shop's default country`);
  return match.id;
}
