import { expect } from 'vitest';
import type { PlatformAdapter } from '../adapter.js';
import type { ItemResult } from '../events.js';
import type { PasserelleModule } from '../module.js';
import type { ConformanceFixtures, ConformanceSubject, ModuleCheckKey } from './conformance.types.js';
import type { ConformanceCheck } from './register-checks.js';

/** The endpoint password of every module the suite builds; never a real one, and asserted absent from answers. */
export const CONFORMANCE_PASSWORD = 'conformance-password-123';

export interface EndpointAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Replaces the default `Authorization: Bearer <password>` (`null` sends none). */
  authorization?: string | null;
}

/** What every module check receives: the subject, and a module over its adapter built on demand. */
export interface ModuleCheckContext {
  subject: ConformanceSubject;
  adapter: PlatformAdapter;
  fixtures: ConformanceFixtures;
  /** Builds the check's module once, with the suite's settings plus `settings`; the password is set. */
  module(settings?: Record<string, unknown>): Promise<PasserelleModule>;
  /** Calls the endpoint through `module.fetch`, authenticated unless told otherwise. */
  call(method: string, path: string, options?: CallOptions): Promise<EndpointAnswer>;
}

export type ModuleCheck = ConformanceCheck<ModuleCheckKey, ModuleCheckContext>;

/** A `{ results }` answer, checked for one result per item in request order. */
export function expectResults(answer: EndpointAnswer, keys: string[], what: string): ItemResult[] {
  expect(answer.status, `${what}: status (body ${JSON.stringify(answer.body)})`).toBe(200);
  const results = (answer.body as { results?: ItemResult[] } | null)?.results;
  expect(Array.isArray(results), `${what}: the answer holds results[]`).toBe(true);
  expect(
    (results as ItemResult[]).map((result) => result.key),
    `${what}: one result per item, in request order`,
  ).toEqual(keys);
  return results as ItemResult[];
}

/** Walks `GET /orders` to the end and returns the queued order ids. */
export async function readQueue(context: ModuleCheckContext): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
    const answer = await context.call('GET', `/orders${query}`);
    expect(answer.status, `GET /orders${query} (body ${JSON.stringify(answer.body)})`).toBe(200);
    const body = answer.body as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((order) => order.id));
    cursor = body.nextCursor;
    if (cursor === null) return ids;
  }
  throw new Error('conformance: GET /orders never ends');
}
