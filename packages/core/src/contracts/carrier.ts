import { z } from 'zod';
import { idSchema } from './common.js';

/** A carrier as the shop names it; `id` when the platform has one (PrestaShop `id_carrier`). */
export const carrierSchema = z.object({
  id: idSchema.optional(),
  name: z.string().min(1),
});

export type Carrier = z.infer<typeof carrierSchema>;
