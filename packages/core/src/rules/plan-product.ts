import type { ProductWrite } from '../adapter.js';
import type { Product, Variant } from '../contracts/index.js';
import { productWriteSchema, variantWriteSchema } from '../contracts/index.js';
import type { Settings } from '../settings/index.js';
import { type FieldPlan, planFields } from './plan-write.js';

type VariantWrite = NonNullable<ProductWrite['variants']>[number];

export interface VariantPlan extends FieldPlan<VariantWrite> {
  key: string;
  platformId: string | null;
}

export interface ProductPlan extends FieldPlan<ProductWrite> {
  variants: VariantPlan[];
  /** Platform behaviours the settings ask for, carried to the bridge with the write. */
  directives: {
    parentCategories: boolean;
    categoriesFindBy: 'name' | 'id';
    deleteImagesFirst: boolean;
    reindex: boolean;
    attributePublicName: boolean;
    allLanguages: boolean;
  };
}

export interface PlanProductInput {
  incoming: ProductWrite;
  existing: Product | null;
  settings: Settings;
  mainLanguage?: string;
}

/** Splits "Shoes,Summer" style category lists with the admin's separator (spec §2.2 row 7). */
export function splitCategories(values: readonly string[] | undefined, separator: string): string[] | undefined {
  if (!values) return values;
  const out: string[] = [];
  for (const value of values) {
    for (const part of value.split(separator)) {
      const trimmed = part.trim();
      if (trimmed && !out.includes(trimmed)) out.push(trimmed);
    }
  }
  return out;
}

export function planProductWrite(input: PlanProductInput): ProductPlan {
  const { settings, existing } = input;
  // Without categories there is nothing to split, and no copy of the item to make.
  const incoming: ProductWrite =
    input.incoming.categories === undefined
      ? input.incoming
      : {
          ...input.incoming,
          categories: splitCategories(input.incoming.categories, settings.categories.extraCategories.separator),
        };
  const creationDefaults: Partial<ProductWrite> = {
    active: settings.products.create.active,
  };
  if (settings.products.create.fallbackCategory && !incoming.defaultCategory) {
    creationDefaults.defaultCategory = settings.products.create.fallbackCategory;
  }

  const plan = planFields<ProductWrite>({
    schema: productWriteSchema,
    incoming,
    existing: existing as Partial<Record<keyof ProductWrite, unknown>> | null,
    settings,
    creationDefaults,
    exclude: ['variants'],
    ...(input.mainLanguage ? { mainLanguage: input.mainLanguage } : {}),
  });

  // Packs are only built when the admin asked for them (spec §2.2 row 13).
  if (!settings.packs.create && (incoming.isPack || incoming.packItems?.length)) {
    for (const field of ['isPack', 'packItems'] as const) {
      if (field in plan.data) {
        delete plan.data[field];
        plan.changed = plan.changed.filter((name) => name !== field);
        if (!plan.withheld.includes(field)) plan.withheld.push(field);
      }
    }
  }

  const existingVariants = new Map<string, Variant>();
  for (const variant of existing?.variants ?? []) {
    if (variant.reference) existingVariants.set(variant.reference, variant);
  }
  const variants: VariantPlan[] = (incoming.variants ?? []).map((variant) => {
    const current = existingVariants.get(variant.reference) ?? null;
    const variantPlan = planFields<VariantWrite>({
      schema: variantWriteSchema,
      incoming: variant,
      existing: current as Partial<Record<keyof VariantWrite, unknown>> | null,
      settings,
      // A new variant of an existing product is a creation: all its fields are written.
      creationDefaults: {},
    });
    return { ...variantPlan, key: variant.reference, platformId: current?.id ?? null };
  });

  for (const variant of variants) {
    for (const field of variant.changed) plan.changed.push(`variants.${variant.key}.${field}`);
    for (const field of variant.withheld) plan.withheld.push(`variants.${variant.key}.${field}`);
  }
  let action = plan.action;
  if (action === 'unchanged' && variants.some((variant) => variant.action !== 'unchanged')) action = 'update';

  return {
    ...plan,
    action,
    variants,
    directives: {
      parentCategories: settings.products.update.parentCategories,
      categoriesFindBy: settings.categories.extraCategories.findBy,
      deleteImagesFirst: settings.products.update.deleteImagesBeforeUpload && 'images' in plan.data,
      reindex: settings.products.update.reindex,
      attributePublicName: settings.products.update.attributePublicName,
      allLanguages: settings.products.update.allLanguages,
    },
  };
}
