/** A JSON object holding a connection: `{ edges: [{ node }] }`. */
function isConnection(value: unknown): value is { edges: { node: Record<string, unknown> }[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { edges?: unknown }).edges) &&
    (value as { edges: unknown[] }).edges.every((edge) => typeof edge === 'object' && edge !== null && 'node' in edge)
  );
}

/**
 * Splits one node into its own line and its children: every connection found inside it (directly or in
 * a nested object such as `inventoryItem.inventoryLevels`) becomes child lines with `__parentId`, as
 * Shopify's JSONL does (doc: shopify.dev/docs/api/usage/bulk-operations/queries#the-jsonl-data-format).
 */
function split(
  node: Record<string, unknown>,
  parentId: string | null,
): { line: Record<string, unknown>; children: Record<string, unknown>[] } {
  const children: Record<string, unknown>[] = [];
  const strip = (value: Record<string, unknown>, ownerId: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (isConnection(field)) {
        for (const edge of field.edges) {
          const child = split(edge.node, ownerId);
          children.push(child.line, ...child.children);
        }
        continue;
      }
      // A connection's parent is the nearest object holding it that has an id (`inventoryItem`), as in Shopify's files.
      const nested = field as Record<string, unknown>;
      out[key] =
        field !== null && typeof field === 'object' && !Array.isArray(field)
          ? strip(nested, typeof nested.id === 'string' ? nested.id : ownerId)
          : field;
    }
    return out;
  };
  const id = typeof node.id === 'string' ? node.id : (parentId ?? '');
  const line = strip(node, id);
  if (parentId !== null) line.__parentId = parentId;
  return { line, children };
}

/** The JSONL of a bulk query's answer; `groupObjects` keeps each parent's children right after it. */
export function toJsonl(
  data: Record<string, unknown>,
  groupObjects: boolean,
): { file: string; objects: number; roots: number } {
  const root = Object.values(data).find(isConnection);
  if (!root) return { file: '', objects: 0, roots: 0 };
  const parents: Record<string, unknown>[] = [];
  const grouped: Record<string, unknown>[] = [];
  const children: Record<string, unknown>[] = [];
  for (const edge of root.edges) {
    const { line, children: own } = split(edge.node, null);
    parents.push(line);
    grouped.push(line, ...own);
    children.push(...own);
  }
  const lines = groupObjects ? grouped : [...parents, ...children];
  return {
    file: lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length ? '\n' : ''),
    objects: lines.length,
    roots: parents.length,
  };
}
