import type { Variant } from '@passerelle/core';
import type { WooProduct, WooVariation } from '../woo.types.js';
import { fromWooGmt } from './dates.js';
import { wooDecimal } from './decimal-math.js';
import type { MapContext } from './map-context.js';
import { META, metaText } from './meta.js';

/** A variation option WooCommerce leaves blank means "any value" of that attribute. */
export const ANY_OPTION = '*';

/** A variation of a variable product: first class, with its own id, SKU, price, stock and image. */
export function toVariant(variation: WooVariation, parent: WooProduct, context: MapContext): Variant {
  const options = variation.attributes.map((attribute) => ({
    name: attribute.name,
    value: attribute.option || ANY_OPTION,
  }));
  const out: Variant = {
    id: String(variation.id),
    productId: String(parent.id),
    options: options.length ? options : [{ name: 'Variation', value: String(variation.id) }],
  };
  if (parent.sku) out.productReference = parent.sku;
  if (variation.sku) out.reference = variation.sku;
  if (context.shopId) out.shopId = context.shopId;
  if (variation.global_unique_id) out.barcode = variation.global_unique_id;
  const mpn = metaText(variation.meta_data, META.mpn);
  if (mpn) out.mpn = mpn;
  const price = wooDecimal(variation.regular_price);
  if (price !== undefined) out.price = price;
  const wholesale = wooDecimal(metaText(variation.meta_data, META.wholesalePrice));
  if (wholesale !== undefined) out.wholesalePrice = wholesale;
  if (variation.manage_stock === true && variation.stock_quantity !== null) out.quantity = variation.stock_quantity;
  if (variation.image?.src) out.images = [{ url: variation.image.src, position: 0, cover: true }];
  out.active = variation.status === 'publish';
  const updated = fromWooGmt(variation.date_modified_gmt);
  if (updated) out.sourceUpdatedAt = updated;
  if (context.includeRaw) out.raw = variation;
  return out;
}
