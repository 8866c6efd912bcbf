import { z } from 'zod';
import { idSchema } from './common.js';
import { strictObject } from './strict-object.js';

/** `POST /orders/acknowledge` item: the order the cloud took, with the document it became. */
export const acknowledgeItemSchema = strictObject({
  id: idSchema.meta({ label: 'Order id', key: true }),
  documentNumber: z.string().min(1).optional().meta({ label: 'ERP document number' }),
});

export type AcknowledgeItem = z.infer<typeof acknowledgeItemSchema>;
