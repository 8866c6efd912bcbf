/**
 * Out-of-order writes (lessons §6): a write stamped no later than what the module already
 * applied for the same key is skipped as stale. Unstamped writes are never stale.
 */
export function isStaleWrite(incomingAt: string | null | undefined, appliedAt: string | null | undefined): boolean {
  if (!incomingAt || !appliedAt) return false;
  const incoming = Date.parse(incomingAt);
  const applied = Date.parse(appliedAt);
  if (Number.isNaN(incoming) || Number.isNaN(applied)) return false;
  return incoming <= applied;
}

export const STALE_REASON = 'stale: a newer write for this item was already applied';
