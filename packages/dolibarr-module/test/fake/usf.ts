/**
 * The fake's reading of `sqlfilters`, after Dolibarr's `forgeSQLFromUniversalSearchCriteria` (v20+,
 * strict: strings and dates quoted, errors 400) and the older `_checkFilters` regex (before 20: no
 * colon in a value, so dates are `YYYYMMDDHHMMSS`, errors 503). Comparisons follow MySQL with its
 * default `_ci` collation: `=` and `like` ignore case.
 */
export class UsfError extends Error {}

export type UsfValue =
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'list'; items: (string | number)[] }
  | { kind: 'null' };

export type UsfNode =
  | { kind: 'test'; field: string; op: string; value: UsfValue }
  | { kind: 'and' | 'or'; parts: UsfNode[] };

/** A column's value: text, number, SQL NULL, or a datetime (epoch milliseconds). */
export type ColumnValue = string | number | null | { datetime: number };

const STRICT_OPS = new Set(['=', '!=', '<>', '<', '>', '<=', '>=', 'like', 'notlike', 'in', 'notin', 'is', 'isnot']);
const LEGACY_OPS = new Set(['=', '!=', '<>', '<', '>', '<=', '>=', 'like', 'notlike']);

export function parseUsf(input: string, strict: boolean): UsfNode {
  let position = 0;
  const text = input;
  const skip = () => {
    while (position < text.length && /\s/.test(text[position] as string)) position++;
  };
  const fail = (message: string): never => {
    throw new UsfError(`${message} at position ${position}`);
  };

  const parseValue = (raw: string, op: string): UsfValue => {
    const value = raw.trim();
    if (op === 'is' || op === 'isnot') {
      if (!/^null$/i.test(value)) fail('is/isnot only compare with NULL');
      return { kind: 'null' };
    }
    if (op === 'in' || op === 'notin') {
      const items = value.split(',').map((item) => scalar(item.trim()));
      return {
        kind: 'list',
        items: items.map((item) => (item.kind === 'number' ? item.value : item.kind === 'string' ? item.text : '')),
      };
    }
    const parsed = scalar(value);
    return parsed;
  };

  const scalar = (value: string): UsfValue => {
    if (/^'[^']*'$/.test(value)) return { kind: 'string', text: value.slice(1, -1) };
    if (/^-?\d+(\.\d+)?$/.test(value)) return { kind: 'number', value: Number(value) };
    if (strict) fail(`the value ${value} must be quoted`);
    if (value.includes("'")) fail('unbalanced quote');
    return { kind: 'string', text: value };
  };

  const parseTerm = (): UsfNode => {
    skip();
    if (text[position] !== '(') fail('expected (');
    position++;
    skip();
    const head = /^([a-zA-Z0-9_.-]+):([a-zA-Z<>=!]+):/.exec(text.slice(position));
    if (head) {
      const field = head[1] as string;
      const op = (head[2] as string).toLowerCase();
      if (!(strict ? STRICT_OPS : LEGACY_OPS).has(op)) fail(`unknown operator ${op}`);
      position += head[0].length;
      let value = '';
      let quoted = false;
      while (position < text.length) {
        const char = text[position] as string;
        if (char === "'") quoted = !quoted;
        if (!quoted && (char === ')' || char === '(')) break;
        value += char;
        position++;
      }
      if (quoted) fail('unbalanced quote');
      if (text[position] !== ')') fail('expected )');
      if (!strict && value.includes(':')) fail('a value may not hold a colon');
      position++;
      return { kind: 'test', field, op, value: parseValue(value, op) };
    }
    const inner = parseOr();
    skip();
    if (text[position] !== ')') fail('expected )');
    position++;
    return inner;
  };

  const keyword = (word: string): boolean => {
    skip();
    const slice = text.slice(position, position + word.length);
    if (slice.toLowerCase() === word.toLowerCase() && /[\s(]/.test(text[position + word.length] ?? '')) {
      position += word.length;
      return true;
    }
    return false;
  };

  const parseAnd = (): UsfNode => {
    const parts = [parseTerm()];
    while (keyword('and')) parts.push(parseTerm());
    return parts.length === 1 ? (parts[0] as UsfNode) : { kind: 'and', parts };
  };

  const parseOr = (): UsfNode => {
    const parts = [parseAnd()];
    while (keyword('or')) parts.push(parseAnd());
    return parts.length === 1 ? (parts[0] as UsfNode) : { kind: 'or', parts };
  };

  if (text.trim() === '') fail('empty filter');
  const node = parseOr();
  skip();
  if (position !== text.length) fail('unexpected text');
  return node;
}

/** A literal date in the server's zone (`2025-06-01 10:00:00`, `2025-06-01`, legacy `20250601100000`) as epoch ms. */
export function parseFilterDate(text: string, toEpoch: (wall: string) => number): number | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const compact = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(text);
  const match = iso ?? compact;
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  return toEpoch(`${y}-${mo}-${d} ${h}:${mi}:${s}`);
}

function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'is');
}

function compare(left: number | string, right: number | string, op: string): boolean {
  const a = typeof left === 'string' ? left.toLowerCase() : left;
  const b = typeof right === 'string' ? right.toLowerCase() : right;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
    case '<>':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    default:
      throw new UsfError(`cannot compare with ${op}`);
  }
}

export function evaluateUsf(
  node: UsfNode,
  column: (field: string) => ColumnValue,
  toEpoch: (wall: string) => number,
): boolean {
  if (node.kind !== 'test') {
    const check = (part: UsfNode) => evaluateUsf(part, column, toEpoch);
    return node.kind === 'and' ? node.parts.every(check) : node.parts.some(check);
  }
  const actual = column(node.field);
  const { op, value } = node;
  if (op === 'is') return actual === null;
  if (op === 'isnot') return actual !== null;
  if (actual === null) return false;
  if (value.kind === 'list') {
    const hit = value.items.some((item: string | number) =>
      compare(
        typeof actual === 'object' ? actual.datetime : actual,
        typeof actual === 'number' ? Number(item) : item,
        '=',
      ),
    );
    return op === 'in' ? hit : !hit;
  }
  if (value.kind === 'null') return false;
  if (typeof actual === 'object') {
    const literal = value.kind === 'string' ? parseFilterDate(value.text, toEpoch) : null;
    if (literal === null) throw new UsfError(`not a date: ${value.kind === 'string' ? value.text : value.value}`);
    // The database keeps seconds.
    return compare(Math.floor(actual.datetime / 1000), Math.floor(literal / 1000), op);
  }
  if (op === 'like' || op === 'notlike') {
    const pattern = value.kind === 'string' ? value.text : String(value.value);
    const hit = likeToRegExp(pattern).test(String(actual));
    return op === 'like' ? hit : !hit;
  }
  if (typeof actual === 'number') {
    const right = value.kind === 'number' ? value.value : Number(value.text);
    return compare(actual, right, op);
  }
  return compare(actual, value.kind === 'number' ? String(value.value) : value.text, op);
}
