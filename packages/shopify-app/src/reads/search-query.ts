/**
 * Shopify search syntax (`updated_at:>='2025-06-01T00:00:00Z' AND sku:"A-1"`). Values are quoted, with
 * backslashes and quotes escaped, so a SKU holding a space, a colon or a quote stays one term.
 */
export function quoteTerm(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** "At or after": the contract's `updatedSince` is inclusive. */
export function updatedSinceTerm(iso: string, field = 'updated_at'): string {
  return `${field}:>='${iso}'`;
}

/** `field:'a' OR field:'b'`, one term per value. */
export function anyOf(field: string, values: readonly string[]): string {
  return values.map((value) => `${field}:${quoteTerm(value)}`).join(' OR ');
}

export function allOf(...terms: (string | null | undefined)[]): string | null {
  const present = terms.filter((term): term is string => typeof term === 'string' && term !== '');
  if (present.length === 0) return null;
  return present.map((term) => (present.length > 1 && / OR /.test(term) ? `(${term})` : term)).join(' AND ');
}
