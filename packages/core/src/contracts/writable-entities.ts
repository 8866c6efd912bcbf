import { categoryWriteSchema } from './category.js';
import { customerWriteSchema } from './customer.js';
import { customerGroupWriteSchema } from './customer-group.js';
import { priceWriteSchema } from './price.js';
import { productWriteSchema } from './product.js';
import { stockWriteSchema } from './stock.js';
import { variantWriteSchema } from './variant.js';

/**
 * Every write input by entity name, for code that walks all of them: the rules' field
 * governance, the OpenAPI document, the admin page's toggle descriptions.
 */
export const writableEntitySchemas = {
  product: productWriteSchema,
  variant: variantWriteSchema,
  category: categoryWriteSchema,
  customer: customerWriteSchema,
  'customer-group': customerGroupWriteSchema,
  stock: stockWriteSchema,
  price: priceWriteSchema,
} as const;

export type WritableEntity = keyof typeof writableEntitySchemas;
