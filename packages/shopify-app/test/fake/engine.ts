import {
  type ExecutionResult,
  executeSync,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { toJsonl } from './bulk.js';
import { actualCost, bulkQueryShape, MAX_QUERY_COST, requestedCost } from './cost.js';
import { type BulkRunner, mutationRoot } from './mutations.js';
import { queryRoot } from './queries.js';
import type { FakeShopState } from './state.js';
import type { FakeContext } from './views.js';

export interface GraphqlAnswer {
  body: Record<string, unknown>;
  operationName: string;
  kind: 'query' | 'mutation' | 'invalid';
  rootFields: string[];
  requestedCost: number;
  actualCost: number | null;
  throttled: boolean;
  validationErrors: string[];
}

interface Parsed {
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  document: ReturnType<typeof parse>;
}

function formatError(error: GraphQLError, code?: string) {
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: code ?? (error.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR' },
  };
}

function parseDocument(
  schema: GraphQLSchema,
  text: string,
  operationName?: string,
): { parsed: Parsed | null; errors: string[] } {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(text);
  } catch (error) {
    return { parsed: null, errors: [error instanceof Error ? error.message : String(error)] };
  }
  const errors = validate(schema, document, specifiedRules).map((error) => error.message);
  if (errors.length) return { parsed: null, errors };
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((entry) => entry.name?.value === operationName) : operations[0];
  if (!operation) return { parsed: null, errors: ['No operation to run'] };
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { parsed: { operation, fragments, document }, errors: [] };
}

/**
 * Executes GraphQL against one shop's state with the official schema: validation, Shopify's cost
 * rules, the leaky bucket (THROTTLED when the query costs more than is left), then the resolvers.
 */
export function createEngine(schema: GraphQLSchema) {
  const runBulk: BulkRunner = (context, query, groupObjects) => {
    const { parsed, errors } = parseDocument(schema, query);
    if (!parsed)
      return { errors: errors.map((message) => ({ field: ['query'], message, code: 'INVALID' })), operationId: null };
    if (parsed.operation.operation !== 'query') {
      return {
        errors: [{ field: ['query'], message: 'Bulk queries must be queries', code: 'INVALID' }],
        operationId: null,
      };
    }
    const shape = bulkQueryShape(schema, parsed.operation, parsed.fragments);
    if (shape.connections === 0 || shape.connections > 5 || shape.depth > 2) {
      return {
        errors: [
          {
            field: ['query'],
            message: `Bulk queries need 1 to 5 connections nested at most 2 deep (got ${shape.connections}, depth ${shape.depth})`,
            code: 'INVALID',
          },
        ],
        operationId: null,
      };
    }
    const running = [...context.shop.bulkOperations.values()].filter(
      (operation) => operation.status === 'CREATED' || operation.status === 'RUNNING',
    );
    if (running.length >= 5) {
      return {
        errors: [
          {
            field: null,
            message: 'A bulk query operation for this app and shop is already in progress',
            code: 'OPERATION_IN_PROGRESS',
          },
        ],
        operationId: null,
      };
    }
    const result = executeSync({
      schema,
      document: parsed.document,
      rootValue: queryRoot({ ...context, bulk: true }),
      contextValue: { ...context, bulk: true },
    });
    if (result.errors?.length) {
      return {
        errors: result.errors.map((error) => ({ field: ['query'], message: error.message, code: 'INVALID' })),
        operationId: null,
      };
    }
    const jsonl = toJsonl((result.data ?? {}) as Record<string, unknown>, groupObjects);
    const id = context.newId('BulkOperation');
    context.shop.bulkOperations.set(id, {
      id,
      status: 'CREATED',
      query,
      createdAt: context.now(),
      completedAt: null,
      objectCount: jsonl.objects,
      rootObjectCount: jsonl.roots,
      file: jsonl.file,
      polls: 0,
    });
    return { errors: [], operationId: id };
  };

  return {
    runBulk,
    execute(
      context: FakeContext,
      request: { query?: unknown; variables?: unknown; operationName?: unknown },
      nowMs: number,
      options: { throttle?: boolean } = {},
    ): GraphqlAnswer {
      const shop: FakeShopState = context.shop;
      const text = typeof request.query === 'string' ? request.query : '';
      const { parsed, errors } = parseDocument(
        schema,
        text,
        typeof request.operationName === 'string' ? request.operationName : undefined,
      );
      const bucketStatus = () => ({
        maximumAvailable: shop.bucket.maximumAvailable,
        currentlyAvailable: Math.floor(shop.bucket.available),
        restoreRate: shop.bucket.restoreRate,
      });
      if (!parsed) {
        return {
          body: { errors: errors.map((message) => ({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) },
          operationName: 'invalid',
          kind: 'invalid',
          rootFields: [],
          requestedCost: 0,
          actualCost: null,
          throttled: false,
          validationErrors: errors,
        };
      }
      const { operation, fragments, document } = parsed;
      const variables = (request.variables ?? {}) as Record<string, unknown>;
      const rootFields = operation.selectionSet.selections.flatMap((selection) =>
        selection.kind === Kind.FIELD ? [selection.name.value] : [],
      );
      const base = {
        operationName: operation.name?.value ?? 'anonymous',
        kind: operation.operation === 'mutation' ? ('mutation' as const) : ('query' as const),
        rootFields,
        validationErrors: [],
      };
      const requested = requestedCost(schema, operation, fragments, variables);
      // The bucket leaks back at `restoreRate` points per second.
      const bucket = shop.bucket;
      bucket.available = Math.min(
        bucket.maximumAvailable,
        bucket.available + ((nowMs - bucket.at) / 1000) * bucket.restoreRate,
      );
      bucket.at = nowMs;
      const cost = (actual: number | null) => ({
        requestedQueryCost: requested,
        actualQueryCost: actual,
        throttleStatus: bucketStatus(),
      });
      if (requested > MAX_QUERY_COST) {
        return {
          ...base,
          body: {
            errors: [
              {
                message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
                extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST },
              },
            ],
            extensions: { cost: cost(null) },
          },
          requestedCost: requested,
          actualCost: null,
          throttled: false,
        };
      }
      if (requested > bucket.available || options.throttle) {
        // A forced throttle (another app drained the bucket) reports a bucket just short of the cost.
        const reported = options.throttle
          ? {
              ...bucketStatus(),
              currentlyAvailable: Math.max(0, Math.min(Math.floor(bucket.available), requested - 1)),
            }
          : bucketStatus();
        return {
          ...base,
          body: {
            errors: [
              {
                message: 'Throttled',
                extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
              },
            ],
            extensions: { cost: { ...cost(null), throttleStatus: reported } },
          },
          requestedCost: requested,
          actualCost: null,
          throttled: true,
        };
      }
      bucket.available -= requested;
      const result: ExecutionResult = executeSync({
        schema,
        document,
        rootValue: operation.operation === 'mutation' ? mutationRoot(context, runBulk) : queryRoot(context),
        contextValue: context,
        variableValues: variables,
        ...(operation.name ? { operationName: operation.name.value } : {}),
      });
      const actual = result.data ? actualCost(schema, operation, fragments, result.data) : 0;
      // Shopify charges what the answer actually held and refunds the rest of the reservation.
      bucket.available = Math.min(bucket.maximumAvailable, bucket.available + requested - Math.min(actual, requested));
      return {
        ...base,
        body: {
          ...(result.errors?.length ? { errors: result.errors.map((error) => formatError(error)) } : {}),
          ...(result.data !== undefined ? { data: result.data } : {}),
          extensions: { cost: cost(Math.min(actual, requested)) },
        },
        requestedCost: requested,
        actualCost: Math.min(actual, requested),
        throttled: false,
      };
    },
  };
}
