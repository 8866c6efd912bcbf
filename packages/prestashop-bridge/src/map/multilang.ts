import type { LocalizedText } from '@passerelle/core';
import type { ShopSnapshot } from '../shop-context.js';
import type { PsTranslated } from '../xml.js';
import { psText } from './scalars.js';

/**
 * Translated fields. PrestaShop answers `[{ "id": "1", "value": "…" }]`, or a plain string when the
 * shop has one language; the contract keys texts by language tag (`{ en, fr }`) in both cases.
 */
export function readLocalized(value: unknown, shop: ShopSnapshot): LocalizedText {
  const out: LocalizedText = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      const record = (entry ?? {}) as { id?: unknown; value?: unknown };
      const language = shop.languageById.get(psText(record.id));
      if (language) out[language.code] = psText(record.value);
    }
    return out;
  }
  if (value !== null && value !== undefined && typeof value !== 'object')
    out[shop.defaultLanguage.code] = psText(value);
  return out;
}

/** A translated field with at least one language (names): the default language, empty, when PrestaShop sent none. */
export function readRequiredLocalized(value: unknown, shop: ShopSnapshot): LocalizedText {
  const text = readLocalized(value, shop);
  return Object.keys(text).length > 0 ? text : { [shop.defaultLanguage.code]: '' };
}

/** `undefined` when every language is empty: the contract's optional texts stay absent rather than blank. */
export function readOptionalLocalized(value: unknown, shop: ShopSnapshot): LocalizedText | undefined {
  const text = readLocalized(value, shop);
  return Object.values(text).some((entry) => entry !== '') ? text : undefined;
}

/** Contract texts as `<language id>` values; languages the shop does not have are returned apart. */
export function writeLocalized(text: LocalizedText, shop: ShopSnapshot): { value: PsTranslated; unknown: string[] } {
  const languages: Record<string, string> = {};
  const unknown: string[] = [];
  for (const [code, value] of Object.entries(text)) {
    const language =
      shop.languageByCode.get(code.toLowerCase()) ?? shop.languageByCode.get(code.split('-')[0]?.toLowerCase() ?? '');
    if (language) languages[language.id] = value;
    else unknown.push(code);
  }
  return { value: { languages }, unknown };
}

/** The text in the shop's default language, else the first one given. */
export function mainText(text: LocalizedText | undefined, shop: ShopSnapshot): string {
  if (!text) return '';
  return text[shop.defaultLanguage.code] ?? Object.values(text)[0] ?? '';
}
