import type { z } from 'zod';
import { InvalidCursorError, ValidationError } from '../errors/index.js';
import type { EndpointContext } from './context.js';
import type { CursorPayload } from './cursor.js';
import { zodIssuesToFieldIssues } from './problem.js';

/** Validates query parameters; issues are reported under `query.<name>`. */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] = value;
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ValidationError('Invalid query parameters.', zodIssuesToFieldIssues(result.error, 'query'));
  }
  return result.data;
}

/** Opens a cursor issued for this route and shop; anything else is refused as forged. */
export function openCursor(context: EndpointContext, cursor: string | undefined, kind: string): CursorPayload | null {
  if (!cursor) return null;
  const payload = context.cursors.decode(cursor);
  if (payload.k !== kind || payload.s !== context.shopId) throw new InvalidCursorError('forged');
  return payload;
}

export function sealCursor(context: EndpointContext, kind: string, values: CursorPayload): string {
  return context.cursors.encode({ ...values, k: kind, s: context.shopId });
}
