import { subtractDecimals, type VariantWrite } from '@passerelle/core';
import type { Bridge } from '../bridge-context.js';
import { combinationFields } from '../map/product-write.js';
import { decimal, psText } from '../map/scalars.js';
import { literal } from '../query.js';
import type { SerialLock } from '../serial.js';
import type { PsEntity } from '../xml.js';
import { resolveOptionValues } from './option-values.js';
import { writeQuantity } from './stock-rows.js';

/** One variant write as core plans it (`directives.variants`): its key, create or update, its changed fields. */
export interface VariantPlan {
  key: string;
  action: 'create' | 'update';
  platformId: string | null;
  data: Partial<VariantWrite>;
}

export interface VariantWriteOptions {
  productId: string;
  /** The product's base price excl. tax, for a variant sent with its own `price` (PrestaShop stores an impact). */
  productPrice: () => Promise<string>;
  attributePublicName: boolean;
  lock: SerialLock;
}

/**
 * Creates or updates a product's combinations. A variant's quantity goes to the combination's own
 * `stock_availables` row — never to the product's, which PrestaShop keeps as the sum of its combinations.
 */
export async function writeVariants(
  bridge: Bridge,
  plans: readonly VariantPlan[],
  options: VariantWriteOptions,
): Promise<string[]> {
  const notes: string[] = [];
  let known: Map<string, string> | null = null;
  const combinationIdOf = async (reference: string): Promise<string | null> => {
    if (!known) {
      const rows = await bridge.client.list('combinations', {
        display: ['id', 'reference'],
        filter: { id_product: literal(options.productId) },
      });
      known = new Map(rows.map((row) => [psText(row.reference), psText(row.id)]));
    }
    return known.get(reference) ?? null;
  };
  for (const plan of plans) {
    const data = plan.data;
    const fields = combinationFields(data, notes);
    if (data.price !== undefined) fields.price = decimal(subtractDecimals(data.price, await options.productPrice()));
    const entity: PsEntity = { fields };
    if (data.options !== undefined) {
      const ids = await resolveOptionValues(bridge, options.lock, data.options, options.attributePublicName);
      entity.associations = {
        product_option_values: { node: 'product_option_value', items: ids.map((id) => ({ id })) },
      };
    }
    let combinationId = plan.platformId ?? (plan.action === 'update' ? await combinationIdOf(plan.key) : null);
    if (plan.action === 'create' || combinationId === null) {
      entity.fields = { id_product: options.productId, reference: plan.key, minimal_quantity: '1', ...entity.fields };
      combinationId = psText((await bridge.client.create('combinations', entity)).id);
    } else if (Object.keys(entity.fields).length > 0 || entity.associations) {
      await bridge.client.update('combinations', combinationId, entity);
    }
    if (data.quantity !== undefined) await writeQuantity(bridge, options.productId, combinationId, data.quantity);
  }
  return notes;
}
