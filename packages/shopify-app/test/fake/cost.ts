import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * Shopify's calculated query cost (doc: shopify.dev/docs/api/usage/limits#cost-calculation): scalars and
 * enums 0, objects 1, connections 2 plus `first`/`last` times the cost of one node, mutations 10. Lists
 * of objects count their `first` (or their `ids`) times the cost of one element.
 */
export const MUTATION_COST = 10;
export const MAX_QUERY_COST = 1000;

interface CostScope {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function argument(field: FieldNode, name: string, scope: CostScope): unknown {
  const node = field.arguments?.find((arg) => arg.name.value === name)?.value as ValueNode | undefined;
  if (!node) return undefined;
  return valueFromASTUntyped(node, scope.variables);
}

function isConnectionType(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection');
}

function fieldsOf(type: GraphQLCompositeType) {
  return 'getFields' in type ? type.getFields() : {};
}

/** Requested cost of a selection set on `type`. */
function requested(type: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined, scope: CostScope): number {
  if (!selectionSet) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? scope.schema.getType(selection.typeCondition.name.value) : type;
      if (condition && isCompositeType(condition)) total += requested(condition, selection.selectionSet, scope);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = scope.fragments.get(selection.name.value);
      const condition = fragment ? scope.schema.getType(fragment.typeCondition.name.value) : null;
      if (fragment && condition && isCompositeType(condition))
        total += requested(condition, fragment.selectionSet, scope);
      continue;
    }
    if (selection.name.value.startsWith('__')) continue;
    const definition = fieldsOf(type)[selection.name.value];
    if (!definition) continue;
    const named = getNamedType(definition.type);
    if (isLeafType(named) || !isCompositeType(named)) continue;
    const unwrapped = isNonNullType(definition.type) ? definition.type.ofType : definition.type;
    if (isConnectionType(named)) {
      const size = Number(argument(selection, 'first', scope) ?? argument(selection, 'last', scope) ?? 0);
      total += 2 + size * connectionNodeCost(named, selection.selectionSet, scope);
    } else if (isListType(unwrapped)) {
      const ids = argument(selection, 'ids', scope);
      const size = Array.isArray(ids) ? ids.length : Number(argument(selection, 'first', scope) ?? 1);
      total += size * (1 + requested(named, selection.selectionSet, scope));
    } else {
      total += 1 + requested(named, selection.selectionSet, scope);
    }
  }
  return total;
}

/** The cost of one node of a connection: its `nodes` or `edges { node }` selection. */
function connectionNodeCost(
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode | undefined,
  scope: CostScope,
): number {
  let cost = 0;
  const fields = fieldsOf(type);
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    if (name === 'nodes') {
      const named = getNamedType(fields.nodes?.type ?? scope.schema.getQueryType()!);
      if (isCompositeType(named)) cost = Math.max(cost, 1 + requested(named, selection.selectionSet, scope));
    } else if (name === 'edges') {
      const edge = getNamedType(fields.edges?.type ?? scope.schema.getQueryType()!);
      if (isCompositeType(edge)) cost = Math.max(cost, requested(edge, selection.selectionSet, scope));
    }
  }
  return cost;
}

export function requestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  if (operation.operation === 'mutation') {
    return (
      operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length * MUTATION_COST
    );
  }
  const root = schema.getQueryType();
  return root ? requested(root, operation.selectionSet, { schema, fragments, variables }) : 0;
}

/** Actual cost: the same rules over what the answer holds (connections and lists sized by what came back). */
export function actualCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  data: unknown,
): number {
  if (operation.operation === 'mutation') return requestedCost(schema, operation, fragments, {});
  const walk = (type: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined, value: unknown): number => {
    if (!selectionSet || value === null || typeof value !== 'object') return 0;
    const record = value as Record<string, unknown>;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) total += walk(condition, selection.selectionSet, value);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : null;
        if (fragment && condition && isCompositeType(condition)) total += walk(condition, fragment.selectionSet, value);
        continue;
      }
      if (selection.name.value.startsWith('__')) continue;
      const definition = fieldsOf(type)[selection.name.value];
      if (!definition) continue;
      const named = getNamedType(definition.type);
      if (!isCompositeType(named)) continue;
      const child = record[selection.alias?.value ?? selection.name.value];
      if (child === null || child === undefined) continue;
      if (isConnectionType(named)) {
        const connection = child as { nodes?: unknown[]; edges?: { node: unknown }[] };
        const nodeType = getNamedType(fieldsOf(named).nodes?.type ?? definition.type);
        const nodes = connection.nodes ?? connection.edges?.map((edge) => edge.node) ?? [];
        const nodeSelection = selection.selectionSet?.selections.find(
          (entry): entry is FieldNode => entry.kind === Kind.FIELD && entry.name.value === 'nodes',
        )?.selectionSet;
        const edgeNode = selection.selectionSet?.selections
          .find((entry): entry is FieldNode => entry.kind === Kind.FIELD && entry.name.value === 'edges')
          ?.selectionSet?.selections.find(
            (entry): entry is FieldNode => entry.kind === Kind.FIELD && entry.name.value === 'node',
          )?.selectionSet;
        total += 2;
        for (const node of nodes)
          total += 1 + (isCompositeType(nodeType) ? walk(nodeType, nodeSelection ?? edgeNode, node) : 0);
      } else if (Array.isArray(child)) {
        for (const element of child) total += 1 + walk(named, selection.selectionSet, element);
      } else {
        total += 1 + walk(named, selection.selectionSet, child);
      }
    }
    return total;
  };
  const root = schema.getQueryType();
  return root ? walk(root, operation.selectionSet, data) : 0;
}

/** Static bulk-query limits: at most 5 connections, nested at most 2 deep. */
export function bulkQueryShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
) {
  let connections = 0;
  let depth = 0;
  const walk = (type: GraphQLCompositeType, selectionSet: SelectionSetNode | undefined, level: number) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) walk(condition, selection.selectionSet, level);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : null;
        if (fragment && condition && isCompositeType(condition)) walk(condition, fragment.selectionSet, level);
        continue;
      }
      const definition = fieldsOf(type)[selection.name.value];
      if (!definition) continue;
      const named = getNamedType(definition.type);
      if (!isCompositeType(named)) continue;
      if (isConnectionType(named)) {
        connections++;
        depth = Math.max(depth, level + 1);
        walk(named, selection.selectionSet, level + 1);
      } else {
        walk(named, selection.selectionSet, level);
      }
    }
  };
  const root = schema.getQueryType();
  if (root) walk(root, operation.selectionSet, 0);
  return { connections, depth };
}
