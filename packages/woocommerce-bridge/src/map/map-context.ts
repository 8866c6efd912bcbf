import type { WooCommercePlatformSettings } from '../settings.js';
import type { ShopFacts } from '../shop-context.js';
import type { WooTaxRate } from '../woo.types.js';

/** What mapping a payload needs besides the payload: the shop's facts and the settings that shape reads. */
export interface MapContext {
  facts: ShopFacts;
  platform: WooCommercePlatformSettings;
  /** How product categories are named in the contract (`categories.extraCategories.findBy`). */
  categoriesFindBy: 'name' | 'id';
  /** Attach the untouched payload as `raw`. */
  includeRaw: boolean;
  shopId?: string;
  /** SKUs of the products that up-sells and cross-sells point at. */
  skuById?: ReadonlyMap<number, string>;
  taxRates?: ReadonlyMap<number, WooTaxRate>;
  /** Status labels (as order notes print them) to slugs, for the status history. */
  statusSlugByName?: ReadonlyMap<string, string>;
  now: () => Date;
}
