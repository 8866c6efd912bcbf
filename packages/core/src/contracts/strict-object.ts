import { z } from 'zod';

/**
 * Write inputs refuse fields they do not know, so a typo (`prise` for `price`) is an error the
 * endpoint reports by name instead of a change silently dropped.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}` : undefined),
  });
}
