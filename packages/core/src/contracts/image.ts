import { z } from 'zod';
import { localizedTextSchema, urlSchema } from './common.js';
import { strictObject } from './strict-object.js';

/** A product or variant image, fetched by the platform from `url`. */
export const imageSchema = strictObject({
  url: urlSchema,
  /** 0-based display order. */
  position: z.int().min(0),
  cover: z.boolean().optional(),
  alt: localizedTextSchema.optional(),
});

export type Image = z.infer<typeof imageSchema>;
