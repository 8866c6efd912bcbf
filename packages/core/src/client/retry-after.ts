/** Below this, a number of seconds is a delay; above, ky reads it as a unix timestamp, and so do we. */
const TIMESTAMP_THRESHOLD_MS = Date.parse('2024-01-01');
const DIGITS = /^[0-9]+$/;

/**
 * Reads a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns the wait in
 * milliseconds (never negative), or `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DIGITS.test(text)) {
    const ms = Number(text) * 1000;
    if (!Number.isFinite(ms)) return undefined;
    return ms >= TIMESTAMP_THRESHOLD_MS ? Math.max(0, ms - now) : ms;
  }
  // Date.parse reads '-5' or '2025' as years: an HTTP date always names its day and month.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
