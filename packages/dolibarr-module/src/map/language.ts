/** Dolibarr writes languages as `fr_FR`; the contracts use BCP 47 (`fr`, `fr-CA`). */
export function languageFromDolibarr(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^([a-z]{2,3})(?:[_-]([A-Za-z]{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, language, region] = match;
  return region ? `${language}-${region.toUpperCase()}` : language;
}

/** `fr` → `fr_FR`, `en` → `en_US`, `fr-CA` → `fr_CA`: Dolibarr wants a region, so a bare language gets its usual one. */
export function languageToDolibarr(value: string): string {
  const [language = 'en', region] = value.split('-');
  if (region && /^[A-Z]{2}$/.test(region)) return `${language}_${region}`;
  const usual: Record<string, string> = {
    en: 'US',
    fr: 'FR',
    de: 'DE',
    es: 'ES',
    it: 'IT',
    nl: 'NL',
    pt: 'PT',
    ca: 'ES',
    pl: 'PL',
  };
  return `${language}_${usual[language] ?? language.toUpperCase()}`;
}
