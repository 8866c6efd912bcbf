/**
 * PrestaShop's scalar quirks, normalised here and nowhere else: numbers as strings with six decimals
 * (`"23.900000"`), ids that are sometimes ints and `"0"` for "none", booleans as `"1"`/`"0"`, and dates
 * as `YYYY-MM-DD HH:MM:SS` in the shop's own time zone with `0000-00-00 00:00:00` for "never".
 */

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?$/;

/** The text of a Webservice value: `null` and absent values read as the empty string. */
export function psText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A non-blank text, or `undefined`. */
export function optionalText(value: unknown): string | undefined {
  const text = psText(value).trim();
  return text === '' ? undefined : text;
}

/** An id, or `null` for PrestaShop's "none" (`0`, `""`, `null`). */
export function psId(value: unknown): string | null {
  const text = psText(value).trim();
  return text === '' || text === '0' ? null : text;
}

export function psBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

export function psInt(value: unknown): number {
  const parsed = Number.parseInt(psText(value), 10);
  return Number.isFinite(parsed) ? parsed : 0;
}

/** `true` → `'1'`: how the Webservice reads booleans in XML. */
export function boolText(value: boolean): string {
  return value ? '1' : '0';
}

/**
 * A PrestaShop decimal as a plain decimal string: trailing zeros dropped down to `minScale` decimals
 * (`"23.900000"` → `"23.90"` with 2, `"20.000"` → `"20"` with 0). Never goes through a float.
 */
export function decimal(value: unknown, minScale = 0): string {
  let text = psText(value).trim();
  if (typeof value === 'number' && /e/i.test(text)) text = value.toFixed(6);
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return minScale > 0 ? `0.${'0'.repeat(minScale)}` : '0';
  const sign = match[1] ?? '';
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  let fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length < minScale) fraction = fraction.padEnd(minScale, '0');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return sign && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Money: at least two decimals (`"23.9"` → `"23.90"`). */
export function money(value: unknown): string {
  return decimal(value, 2);
}

/** Moves the decimal point: `shiftDecimal("12.5", -2)` is `"0.125"`, `shiftDecimal("0.2", 2)` is `"20"`. */
export function shiftDecimal(value: string, places: number): string {
  const match = DECIMAL.exec(decimal(value));
  if (!match) return '0';
  const sign = match[1] ?? '';
  let digits = `${match[2] ?? '0'}${match[3] ?? ''}`;
  let point = (match[2] ?? '0').length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, '0');
  }
  return decimal(`${sign}${digits.slice(0, point)}.${digits.slice(point)}`);
}

/** A decimal that PrestaShop accepts in XML (`"-0"` and empty become `"0"`). */
export function decimalText(value: string | undefined): string {
  return value === undefined ? '0' : decimal(value);
}

const NEVER = /^0000-00-00( 00:00:00)?$/;
const PS_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Milliseconds to add to UTC to get the wall-clock time of `timeZone` at that instant. */
function offsetAt(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Reads and writes PrestaShop dates, which are wall-clock times of the shop's time zone (`PS_TIMEZONE`). */
export interface DateCodec {
  readonly timeZone: string;
  /** `2024-03-02 09:15:00` → `2024-03-02T08:15:00Z` (Paris); `0000-00-00 …`, empty or garbage → `undefined`. */
  toIso(value: unknown): string | undefined;
  /** An ISO instant as the shop's wall-clock `YYYY-MM-DD HH:MM:SS`, floored to the second. */
  toPs(iso: string | Date): string;
  /** A calendar date (`birthday`): `1985-04-12`, or `undefined` for `0000-00-00`. */
  toIsoDate(value: unknown): string | undefined;
}

export function createDateCodec(timeZone: string): DateCodec {
  // Throws a RangeError now, on a bad PS_TIMEZONE, rather than on the first date read.
  formatter(timeZone);
  return {
    timeZone,
    toIso(value) {
      const text = psText(value).trim();
      if (text === '' || NEVER.test(text)) return undefined;
      const match = PS_DATE_TIME.exec(text);
      if (!match) return undefined;
      const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
      const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
      if (Number.isNaN(wall)) return undefined;
      // The offset at the guessed instant can differ from the one at the real instant near a DST change.
      let utc = wall - offsetAt(timeZone, wall);
      const second = offsetAt(timeZone, utc);
      if (wall - second !== utc) utc = wall - second;
      return new Date(utc).toISOString().replace('.000Z', 'Z');
    },
    toPs(iso) {
      const ms = Math.floor((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) / 1000) * 1000;
      const wall = new Date(ms + offsetAt(timeZone, ms));
      return (
        `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
        `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`
      );
    },
    toIsoDate(value) {
      const text = psText(value).trim().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text.startsWith('0000') || text.endsWith('-00')) return undefined;
      return text;
    },
  };
}

/** `"Hummingbird T-shirt"` → `"hummingbird-t-shirt"`: a URL segment PrestaShop's `isLinkRewrite` accepts. */
export function toLinkRewrite(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 128);
  return slug === '' ? 'item' : slug;
}

/** Exact product of two decimal strings (`"12.5" × "0.2"` is `"2.5"`), through integers. */
export function multiplyDecimals(a: string, b: string): string {
  const parse = (value: string) => {
    const match = DECIMAL.exec(decimal(value));
    const whole = match?.[2] ?? '0';
    const fraction = match?.[3] ?? '';
    return { units: BigInt(`${match?.[1] ?? ''}${whole}${fraction}` || '0'), scale: fraction.length };
  };
  const left = parse(a);
  const right = parse(b);
  const units = left.units * right.units;
  const scale = left.scale + right.scale;
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return decimal(`${negative ? '-' : ''}${body}`);
}
