import { z } from 'zod';
import { accessSettingsSchema } from './access-settings.js';
import { categorySettingsSchema } from './category-settings.js';
import { customerGroupSettingsSchema } from './customer-group-settings.js';
import { customerSettingsSchema } from './customer-settings.js';
import { orderSettingsSchema } from './order-settings.js';
import { packSettingsSchema } from './pack-settings.js';
import { productSettingsSchema } from './product-settings.js';
import { stockSettingsSchema } from './stock-settings.js';
import { syncSettingsSchema } from './sync-settings.js';

/**
 * Every module setting, in the order the admin page shows its sections (DESIGN §5). Every field
 * has a default, so `settingsSchema.parse({})` is a complete configuration; objects are strict, so
 * a misspelt key is an error rather than a silently ignored setting.
 */
export const settingsSchema = z.strictObject({
  access: accessSettingsSchema,
  products: productSettingsSchema,
  categories: categorySettingsSchema,
  packs: packSettingsSchema,
  customerGroups: customerGroupSettingsSchema,
  customers: customerSettingsSchema,
  orders: orderSettingsSchema,
  stock: stockSettingsSchema,
  sync: syncSettingsSchema,
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

/** A fresh, complete settings object holding every default. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
