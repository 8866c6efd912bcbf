import { PasserelleProtocolError } from './errors/passerelle-protocol-error.js';
import type { Page } from './types.js';

/**
 * Every page of a read, following `nextCursor` until it is `null`. The cursor is read again at each
 * step, so a consumer that stops iterating stops the requests; a cursor that comes back unchanged
 * would loop for ever, so it is refused.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  startCursor?: string,
): AsyncGenerator<Page<T>, void, undefined> {
  let cursor = startCursor;
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    if (page.nextCursor === null) return;
    if (page.nextCursor === cursor) {
      throw new PasserelleProtocolError('The module answered a page whose nextCursor is the cursor just sent');
    }
    cursor = page.nextCursor;
  }
}

/** Checks that an answer is a page (`{ items: [...], nextCursor }`); a missing `nextCursor` means the last page. */
export function toPage<T>(value: unknown, route: string): Page<T> {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { items?: unknown }).items)) {
    throw new PasserelleProtocolError(`GET ${route} answered without an items array`);
  }
  const { nextCursor } = value as { nextCursor?: unknown };
  if (nextCursor !== undefined && nextCursor !== null && (typeof nextCursor !== 'string' || nextCursor === '')) {
    throw new PasserelleProtocolError(`GET ${route} answered a nextCursor that is not a string`);
  }
  return { ...(value as Page<T>), nextCursor: typeof nextCursor === 'string' ? nextCursor : null };
}
