import { z } from 'zod';
import {
  idSchema,
  isoDateTimeSchema,
  localizedTextSchema,
  referenceSchema,
  requiredLocalizedTextSchema,
} from './common.js';
import { strictObject } from './strict-object.js';

/** Where a category hangs: by platform id, by the ERP's reference, or by name (first match wins, in that order). */
export const categoryParentSchema = strictObject({
  id: idSchema.optional(),
  reference: referenceSchema.optional(),
  name: z.string().min(1).optional(),
}).refine((parent) => parent.id !== undefined || parent.reference !== undefined || parent.name !== undefined, {
  error: 'A parent needs an id, a reference or a name',
});

/**
 * A catalog category. The tree's depth (at most 6 levels built from ERP fields) is a rule,
 * not a schema constraint: a shop may hold deeper trees that must still be readable.
 */
export const categorySchema = z.object({
  id: idSchema.optional().meta({ label: 'Category id', key: true }),
  reference: referenceSchema.optional().meta({ label: 'Reference', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  name: requiredLocalizedTextSchema.meta({ label: 'Name', updateToggle: 'categories.update.name' }),
  /** Governed with the name: WooCommerce renames name and slug together. */
  slug: localizedTextSchema.optional().meta({ label: 'URL slug', updateToggle: 'categories.update.name' }),
  description: localizedTextSchema
    .optional()
    .meta({ label: 'Description', updateToggle: 'categories.update.description' }),
  /** `null`: a top-level category (under the shop's root / Home). */
  parent: categoryParentSchema
    .nullable()
    .optional()
    .meta({ label: 'Parent', updateToggle: 'categories.update.parent' }),
  position: z.int().min(0).optional().meta({ label: 'Position', createOnly: true }),
  active: z.boolean().optional().meta({ label: 'Active', createOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

/** `PUT /categories` item: keyed by `reference`, platform ids left out, unknown fields refused. */
export const categoryWriteSchema = strictObject({
  ...categorySchema.omit({ id: true, shopId: true, raw: true }).shape,
  reference: referenceSchema.meta({ label: 'Reference', key: true }),
});

export type Category = z.infer<typeof categorySchema>;
export type CategoryParent = z.infer<typeof categoryParentSchema>;
