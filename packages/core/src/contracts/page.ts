import { z } from 'zod';

/** A page of a read: `nextCursor` is opaque and `null` once the read is complete. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).meta({ label: 'Items', readOnly: true }),
    nextCursor: z.string().min(1).nullable().meta({ label: 'Next cursor', readOnly: true }),
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
