/**
 * Webservice filter values (`filter[field]=…`): `[a|b]` is OR, `[x]` a literal, `>[x]` greater than.
 * Values are sent as they are: a `|` or `]` inside a reference cannot be expressed in a filter.
 */
export function anyOf(values: Iterable<string>): string {
  return `[${[...values].join('|')}]`;
}

export function literal(value: string): string {
  return `[${value}]`;
}

export function greaterThan(value: string): string {
  return `>[${value}]`;
}

/** Splits a list into calls small enough for a URL (ids or references in an OR filter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** Distinct non-empty values, in first-seen order. */
export function distinct(values: Iterable<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const value of values) if (value) out.add(value);
  return [...out];
}
