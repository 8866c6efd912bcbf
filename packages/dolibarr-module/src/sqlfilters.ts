import { ValidationError } from '@passerelle/core';
import { type DolibarrVersion, STRICT_FILTERS_SINCE } from './dolibarr-version.js';
import { localFromIso } from './map/dates.js';

/**
 * `sqlfilters` in Dolibarr's Universal Search Filter syntax: `(t.field:op:value)` combined with
 * AND/OR. Dolibarr 20+ is strict (strings and dates single-quoted, dates `YYYY-MM-DD HH:MM:SS` in
 * the server's zone); before, the filter was pasted into SQL after a looser check and dates were
 * written `YYYYMMDDHHMMSS`. One builder, the dialect chosen from the version `/status` reported.
 */
export interface FilterDialect {
  strict: boolean;
  /** The server's time zone: dates in filters are its wall clock. */
  timeZone: string;
}

export type FilterOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'like';

export type FilterValue = string | number | { date: string };

export function dialectFor(version: DolibarrVersion, timeZone: string): FilterDialect {
  return { strict: version.major >= STRICT_FILTERS_SINCE, timeZone };
}

/**
 * Neither syntax escapes a quote or a parenthesis inside a value (the filter is split on them), so
 * such a value cannot be searched for. Callers treat it as "not found" rather than risk a filter
 * that means something else.
 */
export function isFilterable(value: string): boolean {
  return value !== '' && !/['()]/.test(value);
}

const FIELD = /^[a-z][a-z0-9_]*\.[a-z0-9_]+$/;

function literal(value: FilterValue, dialect: FilterDialect): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('a filter number must be finite');
    return String(value);
  }
  if (typeof value === 'object') {
    const local = localFromIso(value.date, dialect.timeZone);
    return dialect.strict ? `'${local}'` : `'${local.replace(/[- :]/g, '')}'`;
  }
  if (!isFilterable(value)) {
    throw new ValidationError('A value with a quote or a parenthesis cannot be used in a Dolibarr filter.', [
      { path: 'sqlfilters', message: 'unfilterable value' },
    ]);
  }
  return `'${value}'`;
}

export function test(field: string, operator: FilterOperator, value: FilterValue, dialect: FilterDialect): string {
  if (!FIELD.test(field)) throw new RangeError(`not a filter field: ${field}`);
  return `(${field}:${operator}:${literal(value, dialect)})`;
}

/** `field IN (values)`, as OR-ed equalities: the legacy syntax has no `in`, and both read it the same. */
export function oneOf(field: string, values: readonly FilterValue[], dialect: FilterDialect): string {
  if (values.length === 0) throw new RangeError('oneOf needs at least one value');
  if (values.length === 1) return test(field, '=', values[0] as FilterValue, dialect);
  return any(dialect, ...values.map((value) => test(field, '=', value, dialect)));
}

export function all(dialect: FilterDialect, ...parts: (string | null | undefined | false)[]): string {
  return join(dialect.strict ? ' AND ' : ' and ', parts);
}

export function any(dialect: FilterDialect, ...parts: (string | null | undefined | false)[]): string {
  return join(dialect.strict ? ' OR ' : ' or ', parts);
}

function join(glue: string, parts: (string | null | undefined | false)[]): string {
  const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  if (present.length === 0) return '';
  if (present.length === 1) return present[0] as string;
  return `(${present.join(glue)})`;
}
