import type { AdapterPage, Customer, CustomerListOptions, ListOptions } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { chunk } from '../adapter-context.js';
import { CUSTOMERS_BULK_QUERY } from '../graphql/bulk.js';
import {
  CUSTOMER_IDS_QUERY,
  CUSTOMER_QUERY,
  CUSTOMERS_BY_IDS_QUERY,
  CUSTOMERS_COUNT_QUERY,
  CUSTOMERS_QUERY,
} from '../graphql/customers.js';
import type { Connection, CustomerNode, PageInfo } from '../graphql/shopify.types.js';
import { toCustomer } from '../map/customer.js';
import { isGid } from '../map/gid.js';
import { firstBulkPage, spoolPage } from './bulk-spool.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { allOf, anyOf, updatedSinceTerm } from './search-query.js';

/** Customers per page: about 17 points each (10 addresses), so 50 stay under 1,000. */
export const CUSTOMERS_PAGE_SIZE = 50;
/** Pages a reference lookup may scan when no binding knows the customer (small shops, tests). */
const MAX_SCAN_PAGES = 20;

export function createCustomerReads(context: AdapterContext) {
  const map = async (nodes: CustomerNode[]): Promise<Customer[]> => {
    const { customerGroupTagPrefix } = await context.settings();
    return nodes.map((node) => toCustomer(node, { shopId: context.shopId, groupTagPrefix: customerGroupTagPrefix }));
  };

  const page = async (
    query: string | null,
    sortKey: string,
    first: number,
    after: string | null,
    signal?: AbortSignal,
  ) => {
    const answer = await context.client.request<{ customers: { pageInfo: PageInfo; nodes: CustomerNode[] } }>(
      CUSTOMERS_QUERY,
      { first, after, query, sortKey },
      { ...(signal ? { signal } : {}) },
    );
    return answer.customers;
  };

  const byIds = async (ids: string[]): Promise<Customer[]> => {
    const out: Customer[] = [];
    for (const part of chunk(
      ids.filter((id) => isGid(id, 'Customer')),
      CUSTOMERS_PAGE_SIZE,
    )) {
      const answer = await context.client.request<{ nodes: (CustomerNode | null)[] }>(CUSTOMERS_BY_IDS_QUERY, {
        ids: part,
      });
      out.push(...(await map(answer.nodes.filter((node): node is CustomerNode => node?.id !== undefined))));
    }
    return out;
  };

  const worthBulk = async (signal?: AbortSignal): Promise<boolean> => {
    const { bulkThreshold } = await context.settings();
    if (bulkThreshold <= 0) return false;
    const answer = await context.client.request<{ customersCount: { count: number } | null }>(
      CUSTOMERS_COUNT_QUERY,
      { query: null },
      { ...(signal ? { signal } : {}) },
    );
    return (answer.customersCount?.count ?? 0) > bulkThreshold;
  };

  return {
    async list(options: CustomerListOptions): Promise<AdapterPage<Customer>> {
      const cursor = decodeCursor(options.cursor);
      if (cursor?.kind === 'bulk') return spoolPage<Customer>(context, cursor.spool, cursor.offset, options.limit);
      if (cursor === null && !options.updatedSince && !options.withoutOrders && (await worthBulk(options.signal))) {
        const { customerGroupTagPrefix } = await context.settings();
        return firstBulkPage<Customer>(
          context,
          {
            query: CUSTOMERS_BULK_QUERY,
            children: { MailingAddress: 'addressesV2' },
            connections: ['addressesV2'],
            map: (node) =>
              toCustomer(node as unknown as CustomerNode, {
                shopId: context.shopId,
                groupTagPrefix: customerGroupTagPrefix,
              }),
            ...(options.signal ? { signal: options.signal } : {}),
          },
          options.limit,
        );
      }
      const query = allOf(
        options.updatedSince ? updatedSinceTerm(options.updatedSince) : null,
        options.withoutOrders ? 'orders_count:0' : null,
      );
      const result = await page(
        query,
        options.updatedSince ? 'UPDATED_AT' : 'ID',
        Math.min(options.limit, CUSTOMERS_PAGE_SIZE),
        cursor?.kind === 'page' ? cursor.after : null,
        options.signal,
      );
      return {
        items: await map(result.nodes),
        nextCursor:
          result.pageInfo.hasNextPage && result.pageInfo.endCursor
            ? encodeCursor({ kind: 'page', after: result.pageInfo.endCursor })
            : null,
      };
    },

    async get(id: string): Promise<Customer | null> {
      if (!isGid(id, 'Customer')) return null;
      const answer = await context.client.request<{ customer: CustomerNode | null }>(CUSTOMER_QUERY, { id });
      return answer.customer ? ((await map([answer.customer]))[0] ?? null) : null;
    },

    /**
     * Shopify cannot search customers by a metafield, so the ERP's reference is found through core's
     * bindings (every customer the module wrote or swept); what they miss is looked for in a bounded scan.
     */
    async getByReferences(references: string[]): Promise<Map<string, Customer>> {
      const wanted = new Set(references);
      const found = new Map<string, Customer>();
      if (context.store) {
        const bound: string[] = [];
        for (const reference of wanted) {
          const binding = await context.store.getBinding(context.shopId, 'customer', reference);
          if (binding) bound.push(binding.platformId);
        }
        for (const customer of await byIds(bound)) {
          if (customer.reference && wanted.has(customer.reference)) found.set(customer.reference, customer);
        }
      }
      let after: string | null = null;
      for (let pageNumber = 0; pageNumber < MAX_SCAN_PAGES && found.size < wanted.size; pageNumber++) {
        const result = await page(null, 'ID', CUSTOMERS_PAGE_SIZE, after);
        for (const customer of await map(result.nodes)) {
          if (customer.reference && wanted.has(customer.reference) && !found.has(customer.reference))
            found.set(customer.reference, customer);
        }
        if (!result.pageInfo.hasNextPage || !result.pageInfo.endCursor) break;
        after = result.pageInfo.endCursor;
      }
      return found;
    },

    /** Keyed by the email as Shopify holds it; core compares them normalised. */
    async getByEmails(emails: string[]): Promise<Map<string, Customer>> {
      const found = new Map<string, Customer>();
      for (const part of chunk([...new Set(emails)], 20)) {
        const result = await page(anyOf('email', part), 'ID', CUSTOMERS_PAGE_SIZE, null);
        for (const customer of await map(result.nodes)) {
          if (customer.email && !found.has(customer.email)) found.set(customer.email, customer);
        }
      }
      return found;
    },

    async listIds(options: ListOptions): Promise<AdapterPage<string>> {
      const cursor = decodeCursor(options.cursor);
      const answer = await context.client.request<{ customers: Connection<{ id: string }> }>(
        CUSTOMER_IDS_QUERY,
        { first: Math.min(options.limit, 250), after: cursor?.kind === 'page' ? cursor.after : null },
        { ...(options.signal ? { signal: options.signal } : {}) },
      );
      const info = answer.customers.pageInfo;
      return {
        items: answer.customers.nodes.map((node) => node.id),
        nextCursor: info?.hasNextPage && info.endCursor ? encodeCursor({ kind: 'page', after: info.endCursor }) : null,
      };
    },
  };
}
