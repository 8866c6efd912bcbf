import { z } from 'zod';
import { compareDecimals, DECIMAL_PATTERN } from './decimal.js';

/**
 * Scalars every contract shares. Platform quirks (`0000-00-00`, unix seconds, "19,90",
 * lowercase `fr-ca`) are normalised by the bridges' `map/` before they reach these.
 */

/** A platform id, always a string (PrestaShop `42`, Shopify `gid://shopify/Product/42`). */
export const idSchema = z.string().min(1);

/** A natural key: SKU, order reference, customer code. Kept verbatim: case and spaces are significant. */
export const referenceSchema = z.string().min(1);

/** ISO 8601 date-time in UTC with the `Z` designator (`2024-05-01T09:30:00Z`); offsets are refused. */
export const isoDateTimeSchema = z.iso.datetime({
  error: 'Expected an ISO 8601 UTC date-time such as "2024-05-01T09:30:00Z"',
});

/** ISO 8601 calendar date (`1985-04-12`), for dates without a time such as a birthday. */
export const isoDateSchema = z.iso.date({ error: 'Expected an ISO 8601 date such as "1985-04-12"' });

/** ISO 3166-1 alpha-2 (`FR`, `CA`). */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code such as "FR"');

/** ISO 4217 (`EUR`, `CAD`). */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code such as "EUR"');

/** BCP 47 language tag, canonical case: `en`, `fr`, `fr-CA`, `zh-Hant-TW`. */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/, 'Expected a language tag such as "en", "fr" or "fr-CA"');

export const emailSchema = z.email({ error: 'Expected a valid email address' });

/** An absolute http(s) URL (images, documents, tracking pages, invoice PDFs). */
export const urlSchema = z.url({ protocol: /^https?$/, error: 'Expected an absolute http(s) URL' });

const decimalMessage = 'Expected a decimal string such as "19.90" (not a number, no comma, no exponent)';

/**
 * Money and rates travel as decimal strings (`"19.90"`, `"-0.01"`), never as JSON numbers:
 * a float cannot hold 19.90 exactly and each hop would round it differently.
 */
export const decimalString = z.string({ error: decimalMessage }).regex(DECIMAL_PATTERN, decimalMessage);

const nonNegativeMessage = 'Expected a decimal string ≥ 0 such as "19.90"';

/** A decimal string ≥ 0: prices, weights, dimensions, rates. */
export const nonNegativeDecimal = z.string({ error: nonNegativeMessage }).regex(/^\d+(\.\d+)?$/, nonNegativeMessage);

/** A percentage from 0 to 100 as a decimal string (`"12.5"` is 12.5 %). */
export const percentDecimal = nonNegativeDecimal.refine((value) => compareDecimals(value, '100') <= 0, {
  error: 'Expected a percentage between 0 and 100',
});

/**
 * Text in several languages, keyed by language tag: `{ "en": "Shirt", "fr": "Chemise" }`.
 * A platform with one language still sends an object with that one key, so rules can
 * update one language without touching the others.
 */
export const localizedTextSchema = z.record(languageCodeSchema, z.string());

/** Localized text with at least one language, for names that cannot be blank. */
export const requiredLocalizedTextSchema = localizedTextSchema.refine((value) => Object.keys(value).length > 0, {
  error: 'Expected at least one language',
});

export type LocalizedText = z.infer<typeof localizedTextSchema>;
