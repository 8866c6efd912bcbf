import { z } from 'zod';
import { idSchema, isoDateTimeSchema, percentDecimal, referenceSchema, requiredLocalizedTextSchema } from './common.js';
import { strictObject } from './strict-object.js';

export const priceDisplays = ['taxIncl', 'taxExcl'] as const;

/** A customer group (PrestaShop group, Woo Groups/Wholesale role, Shopify tag): what B2B prices hang on. */
export const customerGroupSchema = z.object({
  id: idSchema.optional().meta({ label: 'Group id', key: true }),
  /** The ERP's family or price-category code. */
  reference: referenceSchema.optional().meta({ label: 'Reference', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  name: requiredLocalizedTextSchema.meta({ label: 'Name', updateToggle: 'customerGroups.update.name' }),
  /** Percent off every price for the group: `"5"` is 5 %. */
  reduction: percentDecimal
    .optional()
    .meta({ label: 'Reduction (%)', updateToggle: 'customerGroups.update.reduction' }),
  priceDisplay: z.enum(priceDisplays).optional().meta({ label: 'Prices shown', createOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

/** `PUT /customer-groups` item: keyed by `reference`, platform ids left out, unknown fields refused. */
export const customerGroupWriteSchema = strictObject({
  ...customerGroupSchema.omit({ id: true, shopId: true, raw: true }).shape,
  reference: referenceSchema.meta({ label: 'Reference', key: true }),
});

export type CustomerGroup = z.infer<typeof customerGroupSchema>;
