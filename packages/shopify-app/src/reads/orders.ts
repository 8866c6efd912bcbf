import type { AdapterPage, ListOptions, Order, OrderListOptions } from '@passerelle/core';
import type { AdapterContext } from '../adapter-context.js';
import { ORDER_IDS_QUERY, ORDER_LINE_ITEMS_QUERY, ORDER_QUERY, ORDERS_QUERY } from '../graphql/orders.js';
import type { Connection, LineItemNode, OrderNode, PageInfo } from '../graphql/shopify.types.js';
import { isGid } from '../map/gid.js';
import { toOrder } from '../map/order.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { allOf, updatedSinceTerm } from './search-query.js';

/** Orders per page: about 385 points each (10 lines, shipping, transactions, fulfillments, refunds). */
export const ORDERS_PAGE_SIZE = 2;
const MAX_LINE_PAGES = 20;

const sortKeys = {
  createdAt: 'CREATED_AT',
  updatedAt: 'UPDATED_AT',
  invoiceDate: 'PROCESSED_AT',
  paidAt: 'PROCESSED_AT',
} as const;
const dateFields = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  invoiceDate: 'processed_at',
  paidAt: 'processed_at',
} as const;

export function createOrderReads(context: AdapterContext) {
  const documentVariables = async () => {
    const settings = await context.settings();
    return { documentNamespace: settings.documentNamespace, documentKey: settings.documentKey };
  };

  const lines = async (node: OrderNode, signal?: AbortSignal): Promise<LineItemNode[]> => {
    const out = [...node.lineItems.nodes];
    let after = node.lineItems.pageInfo?.hasNextPage ? node.lineItems.pageInfo.endCursor : null;
    for (let page = 0; page < MAX_LINE_PAGES && after; page++) {
      const answer = await context.client.request<{ order: { lineItems: Connection<LineItemNode> } | null }>(
        ORDER_LINE_ITEMS_QUERY,
        { id: node.id, after },
        { ...(signal ? { signal } : {}) },
      );
      const connection = answer.order?.lineItems;
      if (!connection) break;
      out.push(...connection.nodes);
      after = connection.pageInfo?.hasNextPage ? connection.pageInfo.endCursor : null;
    }
    return out;
  };

  const map = async (nodes: OrderNode[], signal?: AbortSignal): Promise<Order[]> => {
    const settings = await context.settings();
    const orderContext = {
      shopId: context.shopId,
      side: settings.orderCurrency,
      advancedTaxes: settings.advancedTaxRetrieval,
      taxesByCountry: settings.taxesByCountry,
    };
    const out: Order[] = [];
    for (const node of nodes) out.push(toOrder(node, await lines(node, signal), orderContext));
    return out;
  };

  return {
    /**
     * In the queue's order (`sortBy` date, then id). Shopify reads the last 60 days of orders unless the
     * app holds `read_all_orders`.
     */
    async list(options: OrderListOptions): Promise<AdapterPage<Order>> {
      const cursor = decodeCursor(options.cursor);
      const sortBy = options.sortBy ?? (options.updatedSince ? 'updatedAt' : 'createdAt');
      const query = allOf(
        options.updatedSince ? updatedSinceTerm(options.updatedSince) : null,
        options.since ? updatedSinceTerm(options.since, dateFields[sortBy]) : null,
      );
      const answer = await context.client.request<{ orders: { pageInfo: PageInfo; nodes: OrderNode[] } }>(
        ORDERS_QUERY,
        {
          first: Math.min(options.limit, ORDERS_PAGE_SIZE),
          after: cursor?.kind === 'page' ? cursor.after : null,
          query,
          sortKey: sortKeys[sortBy],
          ...(await documentVariables()),
        },
        { ...(options.signal ? { signal: options.signal } : {}) },
      );
      const info = answer.orders.pageInfo;
      return {
        items: await map(answer.orders.nodes, options.signal),
        nextCursor: info.hasNextPage && info.endCursor ? encodeCursor({ kind: 'page', after: info.endCursor }) : null,
      };
    },

    async get(id: string): Promise<Order | null> {
      if (!isGid(id, 'Order')) return null;
      const answer = await context.client.request<{ order: OrderNode | null }>(ORDER_QUERY, {
        id,
        ...(await documentVariables()),
      });
      return answer.order ? ((await map([answer.order]))[0] ?? null) : null;
    },

    async listIds(options: ListOptions): Promise<AdapterPage<string>> {
      const cursor = decodeCursor(options.cursor);
      const answer = await context.client.request<{ orders: Connection<{ id: string }> }>(
        ORDER_IDS_QUERY,
        { first: Math.min(options.limit, 250), after: cursor?.kind === 'page' ? cursor.after : null },
        { ...(options.signal ? { signal: options.signal } : {}) },
      );
      const info = answer.orders.pageInfo;
      return {
        items: answer.orders.nodes.map((node) => node.id),
        nextCursor: info?.hasNextPage && info.endCursor ? encodeCursor({ kind: 'page', after: info.endCursor }) : null,
      };
    },
  };
}
