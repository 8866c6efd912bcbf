/** A Dolibarr version as `/status` reports it (`"20.0.2"`, `"19.0.0-beta"`). */
export interface DolibarrVersion {
  text: string;
  major: number;
  minor: number;
}

/** The version assumed until `/status` answered: the strict filter syntax, the current API shapes. */
export const ASSUMED_VERSION: DolibarrVersion = { text: 'unknown', major: 20, minor: 0 };

/** The first version whose `sqlfilters` are the strict Universal Search Filter syntax (the move ran v17 → v20). */
export const STRICT_FILTERS_SINCE = 20;

/** Before 17, an empty list was answered 404 "No product found" instead of `[]`. */
export const EMPTY_LIST_IS_ARRAY_SINCE = 17;

export function parseDolibarrVersion(text: unknown): DolibarrVersion | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d+)\.(\d+)/.exec(text.trim());
  if (!match) return null;
  return { text: text.trim(), major: Number(match[1]), minor: Number(match[2]) };
}
