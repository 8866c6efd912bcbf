import { PlatformError } from '@passerelle/core';
import type { ShopifyClient } from '../client.js';
import { abortableSleep } from '../cost-limiter.js';
import { BULK_OPERATION_QUERY, BULK_RUN_QUERY_MUTATION } from '../graphql/bulk.js';
import type { UserError } from '../graphql/shopify.types.js';
import { readLines } from './jsonl.js';

export interface BulkOperationInfo {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
}

export interface BulkRunOptions {
  signal?: AbortSignal;
  /** @default 1000 */
  pollIntervalMs?: number;
  /** Longest wait for Shopify to finish the export; the operation is cancelled after it. @default 30 minutes */
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'EXPIRED']);

/**
 * Starts one bulk query and polls it until Shopify finishes, with a growing interval (1 s, 2 s … 10 s)
 * so a long export costs a handful of polls. Resolves to the finished operation (its `url` is null
 * when the export matched nothing).
 */
export async function runBulkQuery(
  client: ShopifyClient,
  query: string,
  options: BulkRunOptions = {},
): Promise<BulkOperationInfo> {
  const sleep = options.sleep ?? abortableSleep;
  const started = await client.request<{
    bulkOperationRunQuery: { bulkOperation: { id: string; status: string } | null; userErrors: UserError[] };
  }>(BULK_RUN_QUERY_MUTATION, { query, groupObjects: true }, { ...(options.signal ? { signal: options.signal } : {}) });
  const { bulkOperation, userErrors } = started.bulkOperationRunQuery;
  if (!bulkOperation) {
    const message = userErrors.map((error) => error.message).join('; ') || 'no operation started';
    // OPERATION_IN_PROGRESS (five running already) clears by itself: retry later.
    const busy = userErrors.some((error) => error.code === 'OPERATION_IN_PROGRESS' || error.code === 'LIMIT_REACHED');
    throw new PlatformError(
      `Shopify ${client.shop}: bulk export refused: ${message}`,
      200,
      { userErrors },
      { retryable: busy },
    );
  }
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let interval = options.pollIntervalMs ?? 1000;
  for (let poll = 0; poll < 10_000; poll++) {
    const answer = await client.request<{ bulkOperation: BulkOperationInfo | null }>(
      BULK_OPERATION_QUERY,
      { id: bulkOperation.id },
      { ...(options.signal ? { signal: options.signal } : {}) },
    );
    const operation = answer.bulkOperation;
    if (!operation) throw new PlatformError(`Shopify ${client.shop}: bulk operation ${bulkOperation.id} vanished`, 404);
    if (FINISHED.has(operation.status)) {
      if (operation.status !== 'COMPLETED') {
        throw new PlatformError(
          `Shopify ${client.shop}: bulk export ${operation.status.toLowerCase()}${operation.errorCode ? ` (${operation.errorCode})` : ''}`,
          200,
          { status: operation.status, errorCode: operation.errorCode },
          { retryable: operation.errorCode !== 'ACCESS_DENIED' },
        );
      }
      return operation;
    }
    if (Date.now() > deadline) {
      throw new PlatformError(
        `Shopify ${client.shop}: bulk export still ${operation.status} after the time limit`,
        0,
        undefined,
        {
          retryable: true,
        },
      );
    }
    await sleep(interval, options.signal);
    interval = Math.min(10_000, interval * 2);
  }
  throw new PlatformError(`Shopify ${client.shop}: bulk export never finished`, 0, undefined, { retryable: true });
}

/** One JSONL line of a bulk export. */
export type BulkLine = Record<string, unknown> & { id?: string; __parentId?: string; __typename?: string };

/**
 * Streams the export line by line. The file's URL is pre-signed: the request carries no Shopify token.
 */
export async function* streamBulkLines(
  client: ShopifyClient,
  url: string,
  signal?: AbortSignal,
): AsyncGenerator<BulkLine> {
  const response = await client.http.get(url, { ...(signal ? { signal } : {}) });
  if (!response.ok || !response.body) {
    throw new PlatformError(
      `Shopify ${client.shop}: bulk export download failed (HTTP ${response.status})`,
      response.status,
    );
  }
  for await (const line of readLines(response.body)) yield JSON.parse(line) as BulkLine;
}

/**
 * Rebuilds objects from grouped lines (`groupObjects: true` puts each parent's children right after it):
 * a root is complete when the next root arrives. Children go into `parent[field].nodes`, the field named
 * by `children[child.__typename]`; children of another type (a video among images) are dropped.
 */
export async function* assembleBulkObjects(
  lines: AsyncIterable<BulkLine>,
  children: Readonly<Record<string, string>>,
  connections: readonly string[],
): AsyncGenerator<Record<string, unknown>> {
  let current: Record<string, unknown> | null = null;
  let owners = new Set<unknown>();
  const open = (line: BulkLine): Record<string, unknown> => {
    const root: Record<string, unknown> = { ...line };
    for (const field of connections) root[field] = { nodes: [] };
    // A connection inside a nested object (`inventoryItem.inventoryLevels`) names that object as parent.
    owners = new Set([
      line.id,
      ...Object.values(line).map((value) =>
        value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined,
      ),
    ]);
    owners.delete(undefined);
    return root;
  };
  for await (const line of lines) {
    if (line.__parentId === undefined) {
      if (current) yield current;
      current = open(line);
      continue;
    }
    if (!current || !owners.has(line.__parentId)) {
      throw new PlatformError('A bulk export line came before its parent: the export was not grouped.', 200);
    }
    const field = line.__typename ? children[line.__typename] : undefined;
    if (!field) continue;
    const { __parentId: _parent, __typename: _type, ...node } = line;
    (current[field] as { nodes: unknown[] }).nodes.push(node);
  }
  if (current) yield current;
}
