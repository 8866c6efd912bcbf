/**
 * WooCommerce dates: `date_*` are site-local, `date_*_gmt` are UTC, both without a zone designator
 * (`2017-03-23T20:03:12`). Only the `_gmt` ones are read, and written, so a site's time zone never
 * shifts a date.
 */

const WOO_DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})/;

/** A `_gmt` date as ISO 8601 UTC (`2017-03-23T20:03:12Z`); undefined for null, empty or zero dates. */
export function fromWooGmt(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const match = WOO_DATE.exec(value.trim());
  if (!match || match[1] === '0000') return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** An instant as WooCommerce's `_gmt` form (UTC, seconds, no designator), for `modified_after` and sale dates. */
export function toWooGmt(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/**
 * WooCommerce's `after` and `modified_after` are strict (WordPress date queries are not inclusive) and keep
 * whole seconds: ask from one second earlier, then keep what is at or after the instant with `isAtOrAfter`.
 */
export function wooAfter(iso: string): string {
  return toWooGmt(new Date(Date.parse(iso) - 1000).toISOString());
}

/** Whether a `_gmt` date is at or after an ISO instant; an item without the date is kept. */
export function isAtOrAfter(gmt: string | null | undefined, iso: string): boolean {
  const date = fromWooGmt(gmt);
  return date === undefined || Date.parse(date) >= Date.parse(iso);
}
