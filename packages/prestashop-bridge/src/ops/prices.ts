import type { PlannedWrite, PriceWrite, SpecificPrice, WriteContext, WriteOutcome } from '@passerelle/core';
import { addDecimals, subtractDecimals } from '@passerelle/core';
import { type Bridge, failure, forEachWrite, listIn, outcomeWithNotes } from '../bridge-context.js';
import { decimal, money, psId, psText } from '../map/scalars.js';
import { toSpecificPrice } from '../map/specific-price.js';
import { anyOf, chunk, distinct } from '../query.js';
import { productRowsByReference } from './product-reads.js';
import { replaceSpecificPrices } from './specific-price-writes.js';
import { taxGroupOf } from './tax-groups.js';

/** Where a SKU's price lives: the product's `price`, or a combination's `price` impact on it. */
interface PriceTarget {
  productId: string;
  combinationId: string;
  productPrice: string;
  impact: string;
  taxGroup: string | null;
}

export interface PriceOperationsState {
  targets: Map<string, PriceTarget>;
}

/**
 * Current prices by product or combination SKU, as core compares them: a combination's price is the
 * product's base price plus its impact, excl. tax, in the shop's default currency.
 */
export async function pricesByReferences(
  bridge: Bridge,
  state: PriceOperationsState,
  references: string[],
): Promise<Map<string, PriceWrite>> {
  const wanted = new Set(references);
  const products = await productRowsByReference(bridge, references, ['id', 'reference', 'price', 'id_tax_rules_group']);
  const combinations = new Map<string, { id: string; productId: string; impact: string }>();
  for (const part of chunk(distinct(references.filter((reference) => !products.has(reference))), 50)) {
    const rows = await bridge.client.list('combinations', {
      display: ['id', 'id_product', 'reference', 'price'],
      filter: { reference: anyOf(part) },
      sort: ['id_ASC'],
    });
    for (const row of rows) {
      const reference = psText(row.reference);
      if (wanted.has(reference) && !combinations.has(reference)) {
        combinations.set(reference, {
          id: psText(row.id),
          productId: psText(row.id_product),
          impact: decimal(row.price),
        });
      }
    }
  }
  const parents = await listIn(
    bridge.client,
    'products',
    'id',
    [...combinations.values()].map((combination) => combination.productId),
    ['id', 'price', 'id_tax_rules_group'],
  );
  const parentRows = new Map(parents.map((row) => [psText(row.id), row]));
  for (const [reference, row] of products) {
    state.targets.set(reference, {
      productId: psText(row.id),
      combinationId: '0',
      productPrice: decimal(row.price),
      impact: '0',
      taxGroup: psId(row.id_tax_rules_group),
    });
  }
  for (const [reference, combination] of combinations) {
    const parent = parentRows.get(combination.productId);
    if (!parent) continue;
    state.targets.set(reference, {
      productId: combination.productId,
      combinationId: combination.id,
      productPrice: decimal(parent.price),
      impact: combination.impact,
      taxGroup: psId(parent.id_tax_rules_group),
    });
  }
  const [shop, taxes] = await Promise.all([bridge.shop.snapshot(), bridge.shop.taxes()]);
  const productIds = distinct([...references].map((reference) => state.targets.get(reference)?.productId));
  const priceRows = await listIn(bridge.client, 'specific_prices', 'id_product', productIds, 'full');
  const groupReferences = await bridge.references.references(
    'customer-group',
    distinct(priceRows.map((row) => psId(row.id_group))),
  );
  const customerReferences = await bridge.references.references(
    'customer',
    distinct(priceRows.map((row) => psId(row.id_customer))),
  );
  const out = new Map<string, PriceWrite>();
  for (const reference of references) {
    const target = state.targets.get(reference);
    if (!target) continue;
    const specificPrices = priceRows
      .filter(
        (row) =>
          psText(row.id_product) === target.productId &&
          (psId(row.id_product_attribute) ?? '0') === target.combinationId,
      )
      .map((row) => toSpecificPrice(row, { shop, groupReferences, customerReferences }))
      .filter((price): price is SpecificPrice => price !== null);
    const rate = target.taxGroup ? taxes.groups.get(target.taxGroup)?.defaultRate : '0';
    out.set(reference, {
      reference,
      price: money(addDecimals(target.productPrice, target.impact)),
      currency: shop.defaultCurrency,
      ...(rate !== null && rate !== undefined ? { taxRate: decimal(rate) } : {}),
      ...(specificPrices.length ? { specificPrices } : {}),
    });
  }
  return out;
}

/** Writes base prices (a combination's as its impact), the tax group, and specific prices replaced as a whole. */
export async function writePrices(
  bridge: Bridge,
  state: PriceOperationsState,
  plans: PlannedWrite<PriceWrite>[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  const missing = plans.filter((plan) => !state.targets.has(plan.key)).map((plan) => plan.key);
  if (missing.length) await pricesByReferences(bridge, state, missing);
  const shop = await bridge.shop.snapshot();
  return forEachWrite(bridge, context, plans, async (plan) => {
    const target = state.targets.get(plan.key);
    if (!target)
      return {
        key: plan.key,
        ok: false,
        error: `no product or combination with reference "${plan.key}"`,
        retryable: false,
      };
    const data = plan.data;
    const currency = data.currency ?? plan.incoming.currency;
    if (currency && currency !== shop.defaultCurrency) {
      return {
        key: plan.key,
        ok: false,
        error: `PrestaShop holds base prices in the shop's default currency (${shop.defaultCurrency}), not ${currency}`,
        retryable: false,
      };
    }
    try {
      const notes: string[] = [];
      const id = target.combinationId === '0' ? target.productId : target.combinationId;
      if (data.priceIncl !== undefined) notes.push('priceIncl: PrestaShop stores prices excl. tax; not written');
      if (target.combinationId === '0') {
        const fields: Record<string, string> = {};
        if (data.price !== undefined) fields.price = decimal(data.price);
        if (data.taxRate !== undefined)
          fields.id_tax_rules_group = (await taxGroupOf(bridge, { taxRate: data.taxRate })) as string;
        if (Object.keys(fields).length) await bridge.client.update('products', target.productId, { fields });
        if (data.price !== undefined) target.productPrice = decimal(data.price);
      } else {
        if (data.price !== undefined) {
          const impact = decimal(subtractDecimals(data.price, target.productPrice));
          await bridge.client.update('combinations', target.combinationId, { fields: { price: impact } });
          target.impact = impact;
        }
        if (data.taxRate !== undefined)
          notes.push('taxRate of a combination: PrestaShop taxes it as its product; not written');
      }
      if (data.specificPrices !== undefined)
        await replaceSpecificPrices(bridge, target.productId, target.combinationId, data.specificPrices);
      return outcomeWithNotes(plan.key, id, notes);
    } catch (error) {
      return failure(plan.key, error);
    }
  });
}
