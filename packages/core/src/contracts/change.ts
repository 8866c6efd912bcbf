import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

export const changeEntities = [
  'product',
  'variant',
  'category',
  'stock',
  'price',
  'customer',
  'customer-group',
  'order',
  'payment',
  'invoice',
  'shipment',
] as const;

export type ChangeEntity = (typeof changeEntities)[number];

export const changeOps = ['created', 'updated', 'deleted'] as const;

export type ChangeOp = (typeof changeOps)[number];

/**
 * One entry of the change journal (`GET /changes`): the cloud learns from it that an order it
 * already took was cancelled, refunded or paid later. `seq` is monotonic, so it is the cursor.
 */
export const changeSchema = z.object({
  seq: z.int().min(1).meta({ label: 'Sequence', key: true }),
  entity: z.enum(changeEntities).meta({ label: 'Entity', readOnly: true }),
  id: idSchema.meta({ label: 'Platform id', key: true }),
  reference: z.string().min(1).nullable().meta({ label: 'Reference', key: true }),
  op: z.enum(changeOps).meta({ label: 'Operation', readOnly: true }),
  at: isoDateTimeSchema.meta({ label: 'Seen at', readOnly: true }),
  shopId: idSchema.nullable().meta({ label: 'Shop', key: true }),
});

export type Change = z.infer<typeof changeSchema>;
