/**
 * The Webservice's list parameters, as `WebserviceRequest::manageFilters` and `getSQLRetrieveFilter`
 * read them: `[a|b]` OR, `[a,b]` interval, `[x]` literal, `[x]%` / `%[x]` / `%[x]%` LIKE, `>[x]`, `<[x]`,
 * `![x]` NOT, a bare value for equality. Comparisons ignore case, as MySQL's default collation does.
 */
export type FieldValue = string | Record<string, string>;

function numeric(value: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : null;
}

export function compareValues(a: string, b: string): number {
  const left = numeric(a);
  const right = numeric(b);
  if (left !== null && right !== null) return left - right;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The key under which `compareValues` sees a value as equal to another: two values compare equal only if
 * their keys are the same (numbers by value, text without case). The store's indexes are keyed by it.
 */
export function equalityKey(value: string): string {
  const number = numeric(value);
  return number !== null ? `n:${number}` : `s:${value.toLowerCase()}`;
}

/**
 * The values an equality filter (`x`, `[x]`, `[a|b|c]`) accepts, as `matchesOne` reads it; `null` for any
 * other kind (interval, LIKE, `>`, `<`, `!`), which only a scan can answer.
 */
export function equalityParts(filter: string): string[] | null {
  const text = filter.trim();
  if (/^%\[(.*)\](%?)$/s.test(text)) return null;
  const bracket = /^(!|>|<)?\[(.*)\](%?)$/s.exec(text);
  if (!bracket) return [text];
  const [, operator, inner = '', like] = bracket;
  if (like === '%' || operator) return null;
  if (inner.includes('|')) return inner.split('|');
  return inner.includes(',') ? null : [inner];
}

function matchesOne(value: string, filter: string): boolean {
  const text = filter.trim();
  const bracket = /^(!|>|<)?\[(.*)\](%?)$/s.exec(text);
  const suffixLike = /^%\[(.*)\](%?)$/s.exec(text);
  if (suffixLike) {
    const needle = (suffixLike[1] ?? '').toLowerCase();
    return suffixLike[2] === '%' ? value.toLowerCase().includes(needle) : value.toLowerCase().endsWith(needle);
  }
  if (bracket) {
    const [, operator, inner = '', like] = bracket;
    if (like === '%') return value.toLowerCase().startsWith(inner.toLowerCase());
    if (operator === '>') return compareValues(value, inner) > 0;
    if (operator === '<') return compareValues(value, inner) < 0;
    const parts = inner.includes('|') ? inner.split('|') : [inner];
    if (!inner.includes('|') && inner.includes(',') && operator !== '!') {
      const [low = '', high = ''] = inner.split(',');
      return compareValues(value, low) >= 0 && compareValues(value, high) <= 0;
    }
    const hit = parts.some((part) => compareValues(value, part) === 0);
    return operator === '!' ? !hit : hit;
  }
  return compareValues(value, text) === 0;
}

/** Whether a stored value passes a filter; a translated value passes when one of its languages does. */
export function matchesFilter(value: FieldValue | undefined, filter: string): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return matchesOne(value, filter);
  return Object.values(value).some((entry) => matchesOne(entry, filter));
}

/** `[field_ASC,other_DESC]` → sort keys; `null` when malformed. */
export function parseSort(text: string): { field: string; direction: 1 | -1 }[] | null {
  const inner = /^\[(.*)\]$/.exec(text)?.[1] ?? text;
  const out: { field: string; direction: 1 | -1 }[] = [];
  for (const part of inner.split(',')) {
    const at = part.lastIndexOf('_');
    const direction = part.slice(at + 1).toUpperCase();
    if (at <= 0 || (direction !== 'ASC' && direction !== 'DESC')) return null;
    out.push({ field: part.slice(0, at), direction: direction === 'ASC' ? 1 : -1 });
  }
  return out;
}

/** `display=[id,name]` → field names; `full` → `'full'`; `null` when malformed. */
export function parseDisplay(text: string | null): 'full' | 'ids' | string[] | null {
  if (text === null) return 'ids';
  if (text === 'full') return 'full';
  const inner = /^\[(.*)\]$/.exec(text)?.[1];
  if (inner === undefined) return null;
  return inner
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
