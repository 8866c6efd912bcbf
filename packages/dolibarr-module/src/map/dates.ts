/**
 * Dolibarr dates come two ways: unix seconds on documents (`date`, `date_creation`, `tms` as
 * `date_modification`), and `"YYYY-MM-DD HH:MM:SS"` strings in the server's time zone on some
 * product fields (Dolibarr/dolibarr#27973). `sqlfilters` wants that local form too. Everything is
 * normalised to ISO 8601 UTC here and nowhere else.
 */

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Unix seconds (number or numeric string) as ISO UTC; `undefined` for 0, empty or garbage. */
export function isoFromUnix(value: unknown): string | undefined {
  const seconds =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function unixFromIso(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

function partsIn(timeZone: string, epochMs: number): Record<string, number> {
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetMs(timeZone: string, epochMs: number): number {
  const p = partsIn(timeZone, epochMs);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** `"2024-02-02 22:10:09"` read in the server's zone, as ISO UTC; `undefined` for `0000-00-00` and the like. */
export function isoFromLocal(value: unknown, timeZone: string): string | undefined {
  if (typeof value !== 'string') return isoFromUnix(value);
  const match = LOCAL_PATTERN.exec(value.trim());
  if (!match) return isoFromUnix(value);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  if (Number(y) === 0 || Number(mo) === 0 || Number(d) === 0) return undefined;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Two passes: the offset at the guessed instant may differ across a DST change.
  let epoch = wall - offsetMs(timeZone, wall);
  epoch = wall - offsetMs(timeZone, epoch);
  return new Date(epoch).toISOString().replace('.000Z', 'Z');
}

/** ISO UTC as the server's wall clock, `"YYYY-MM-DD HH:MM:SS"`: what `sqlfilters` compares against. */
export function localFromIso(iso: string, timeZone: string): string {
  const p = partsIn(timeZone, Date.parse(iso));
  const pad = (n: number | undefined, width = 2) => String(n ?? 0).padStart(width, '0');
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
