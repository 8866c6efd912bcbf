import { createHash } from 'node:crypto';

/** Fields that change without the entity changing: the platform's own timestamp and the untouched payload. */
export const volatileFields: readonly string[] = ['sourceUpdatedAt', 'raw'];

export interface ContentHashOptions {
  /**
   * More field names to leave out, at any depth: the `updatedAt`-like fields of an entity
   * (an order's `updatedAt`, a stock level's `asOf`) that move on every read or save.
   * @default []
   */
  ignore?: readonly string[];
}

// Only strings with a decimal point: "19.90" and "19.9" are one price, but "007" and "7" are two SKUs
// and "01000" is a postcode, so integers-as-strings are left exactly as they are.
const decimalWithPoint = /^-?\d+\.\d+$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The entity as one canonical JSON text: keys sorted, `undefined` dropped, decimals and instants
 * normalised, volatile fields left out. Two reads of an unchanged entity give the same text.
 */
export function canonicalJson(value: unknown, options: ContentHashOptions = {}): string {
  const ignored = new Set([...volatileFields, ...(options.ignore ?? [])]);
  return serialise(value, ignored, new WeakSet()) ?? 'null';
}

/** sha256 (hex) of `canonicalJson(entity)`: what the change detector compares with the binding's hash. */
export function contentHash(entity: unknown, options: ContentHashOptions = {}): string {
  return createHash('sha256').update(canonicalJson(entity, options)).digest('hex');
}

function serialise(value: unknown, ignored: ReadonlySet<string>, seen: WeakSet<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'string':
      return JSON.stringify(normaliseString(value));
    case 'number':
      // -0 and 0 are one quantity; NaN/Infinity have no JSON form (as in JSON.stringify).
      return Number.isFinite(value) ? JSON.stringify(value === 0 ? 0 : value) : 'null';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'null' : JSON.stringify(value.toISOString());
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError('contentHash: the entity contains a cycle');
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      // Order is kept: image positions, lines and options mean something in their order.
      return `[${object.map((item) => serialise(item, ignored, seen) ?? 'null').join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (ignored.has(key)) continue;
      const text = serialise(record[key], ignored, seen);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(object);
  }
}

function normaliseString(value: string): string {
  if (decimalWithPoint.test(value)) return normaliseDecimal(value);
  if (isoInstant.test(value)) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return value;
}

function normaliseDecimal(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const body = decimals ? `${integer}.${decimals}` : integer;
  return negative && body !== '0' ? `-${body}` : body;
}
