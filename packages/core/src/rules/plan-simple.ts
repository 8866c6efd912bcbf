import type { CategoryWrite, CustomerGroupWrite, PriceWrite } from '../adapter.js';
import type { Category, CustomerGroup } from '../contracts/index.js';
import { categoryWriteSchema, customerGroupWriteSchema, priceWriteSchema } from '../contracts/index.js';
import type { Settings } from '../settings/index.js';
import { type FieldPlan, planFields } from './plan-write.js';

type Existing<T> = Partial<Record<keyof T, unknown>> | null;

export function planCategoryWrite(input: {
  incoming: CategoryWrite;
  existing: Category | null;
  settings: Settings;
}): FieldPlan<CategoryWrite> {
  return planFields<CategoryWrite>({
    schema: categoryWriteSchema,
    incoming: input.incoming,
    existing: input.existing as Existing<CategoryWrite>,
    settings: input.settings,
    creationDefaults: { active: true } as Partial<CategoryWrite>,
  });
}

export function planCustomerGroupWrite(input: {
  incoming: CustomerGroupWrite;
  existing: CustomerGroup | null;
  settings: Settings;
}): FieldPlan<CustomerGroupWrite> {
  return planFields<CustomerGroupWrite>({
    schema: customerGroupWriteSchema,
    incoming: input.incoming,
    existing: input.existing as Existing<CustomerGroupWrite>,
    settings: input.settings,
  });
}

/**
 * A price write never creates a product: with nothing to compare against, every field is
 * still subject to its toggle, because an update is what a price write always is.
 */
export function planPriceWrite(input: {
  incoming: PriceWrite;
  existing: PriceWrite | null;
  settings: Settings;
}): FieldPlan<PriceWrite> {
  return planFields<PriceWrite>({
    schema: priceWriteSchema,
    incoming: input.incoming,
    existing: (input.existing ?? {}) as Existing<PriceWrite>,
    settings: input.settings,
  });
}
