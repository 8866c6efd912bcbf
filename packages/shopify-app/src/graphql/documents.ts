import * as bulk from './bulk.js';
import * as customers from './customers.js';
import * as inventory from './inventory.js';
import * as orders from './orders.js';
import * as products from './products.js';
import * as shop from './shop.js';
import * as webhooks from './webhooks.js';

const OPERATION = /^\s*#graphql\s+(query|mutation)\b/;

/**
 * Every operation this package sends, by export name: the schema test and the build check validate
 * each against the pinned Admin schema, so an invalid field fails before it reaches a shop.
 */
export const graphqlDocuments: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    (
      Object.entries({ ...bulk, ...customers, ...inventory, ...orders, ...products, ...shop, ...webhooks }) as [
        string,
        unknown,
      ][]
    ).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && OPERATION.test(entry[1])),
  ),
);

/** The operation name of a document (`PasserelleProducts`), for call counts and logs. */
export function operationName(document: string): string {
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)?.[1] ?? 'anonymous';
}
