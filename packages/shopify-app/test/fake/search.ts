/**
 * Shopify's search syntax, as far as the bridge uses it: `field:value`, comparators (`:>`, `:>=`, `:<`,
 * `:<=`), single- or double-quoted values with backslash escapes, `AND` / `OR` / implicit AND, parentheses.
 * (doc: https://shopify.dev/docs/api/usage/search-syntax)
 */
export type SearchNode =
  | { kind: 'term'; field: string; comparator: ':' | '>' | '>=' | '<' | '<='; value: string }
  | { kind: 'and' | 'or'; children: SearchNode[] };

type Token = { type: 'word'; text: string } | { type: 'open' | 'close' | 'and' | 'or' };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index] as string;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'open' : 'close' });
      index++;
      continue;
    }
    let text = '';
    while (index < query.length && !/[\s()]/.test(query[index] as string)) {
      const current = query[index] as string;
      if (current === '"' || current === "'") {
        index++;
        while (index < query.length && query[index] !== current) {
          if (query[index] === '\\' && index + 1 < query.length) index++;
          text += query[index];
          index++;
        }
        index++;
        continue;
      }
      text += current;
      index++;
    }
    if (text === 'AND') tokens.push({ type: 'and' });
    else if (text === 'OR') tokens.push({ type: 'or' });
    else tokens.push({ type: 'word', text });
  }
  return tokens;
}

export function parseSearch(query: string): SearchNode | null {
  const tokens = tokenize(query);
  let position = 0;
  const parseOr = (): SearchNode | null => {
    const children: SearchNode[] = [];
    let node = parseAnd();
    if (node) children.push(node);
    while (tokens[position]?.type === 'or') {
      position++;
      node = parseAnd();
      if (node) children.push(node);
    }
    if (children.length === 0) return null;
    return children.length === 1 ? (children[0] as SearchNode) : { kind: 'or', children };
  };
  const parseAnd = (): SearchNode | null => {
    const children: SearchNode[] = [];
    for (;;) {
      const token = tokens[position];
      if (!token || token.type === 'or' || token.type === 'close') break;
      if (token.type === 'and') {
        position++;
        continue;
      }
      if (token.type === 'open') {
        position++;
        const inner = parseOr();
        if (tokens[position]?.type === 'close') position++;
        if (inner) children.push(inner);
        continue;
      }
      position++;
      if (token.type === 'word') children.push(termOf(token.text));
    }
    if (children.length === 0) return null;
    return children.length === 1 ? (children[0] as SearchNode) : { kind: 'and', children };
  };
  return parseOr();
}

function termOf(text: string): SearchNode {
  const colon = text.indexOf(':');
  if (colon <= 0) return { kind: 'term', field: 'default', comparator: ':', value: text };
  const field = text.slice(0, colon);
  let rest = text.slice(colon + 1);
  let comparator: ':' | '>' | '>=' | '<' | '<=' = ':';
  for (const candidate of ['>=', '<=', '>', '<'] as const) {
    if (rest.startsWith(candidate)) {
      comparator = candidate;
      rest = rest.slice(candidate.length);
      break;
    }
  }
  return { kind: 'term', field, comparator, value: rest };
}

/** A field's values on one item; a term matches when any value does. */
export type FieldReader = (field: string) => (string | number | null | undefined)[] | undefined;

export function matchesSearch(node: SearchNode | null, read: FieldReader): boolean {
  if (!node) return true;
  if (node.kind === 'and') return node.children.every((child) => matchesSearch(child, read));
  if (node.kind === 'or') return node.children.some((child) => matchesSearch(child, read));
  if (node.kind !== 'term') return false;
  const values = read(node.field);
  if (values === undefined) throw new Error(`unsupported search field "${node.field}" in the fake`);
  return values.some((value) => compare(value, node.comparator, node.value, node.field));
}

function compare(
  value: string | number | null | undefined,
  comparator: string,
  expected: string,
  field: string,
): boolean {
  if (value === null || value === undefined) return false;
  if (field.endsWith('_at') || field === 'customer_date' || field === 'order_date') {
    const left = Date.parse(String(value));
    const right = Date.parse(expected);
    if (comparator === ':') return left === right;
    if (comparator === '>') return left > right;
    if (comparator === '>=') return left >= right;
    if (comparator === '<') return left < right;
    return left <= right;
  }
  if (typeof value === 'number') {
    const right = Number(expected);
    if (comparator === ':') return value === right;
    if (comparator === '>') return value > right;
    if (comparator === '>=') return value >= right;
    if (comparator === '<') return value < right;
    return value <= right;
  }
  // Text terms: exact match, case-insensitive (SKUs, handles, emails as phrase queries).
  return comparator === ':' && String(value).toLowerCase() === expected.toLowerCase();
}
