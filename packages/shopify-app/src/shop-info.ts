import type { ShopifyClient } from './client.js';
import { SHOP_QUERY } from './graphql/shop.js';
import { toLanguage } from './map/customer.js';

export interface ShopInfo {
  id: string;
  name: string;
  domain: string;
  currency: string;
  currencies: string[];
  taxesIncluded: boolean;
  /** The primary locale in the contract's case (`en`, `fr-CA`): the language of every Shopify text. */
  language: string;
  languages: { code: string; name: string; default: boolean }[];
  /** Active locations, in Shopify's order. */
  locations: { id: string; name: string }[];
  timezone: string;
}

interface ShopAnswer {
  shop: {
    id: string;
    name: string;
    myshopifyDomain: string;
    currencyCode: string;
    enabledPresentmentCurrencies: string[];
    taxesIncluded: boolean;
    ianaTimezone: string;
  };
  shopLocales: { locale: string; name: string; primary: boolean }[];
  locations: { nodes: { id: string; name: string; isActive: boolean }[] };
}

/** Reads the shop's settings once and keeps them `ttlMs` (currencies and locations rarely change). */
export function createShopInfoCache(
  client: ShopifyClient,
  ttlMs = 10 * 60_000,
): { get(): Promise<ShopInfo>; clear(): void } {
  let cached: { at: number; info: Promise<ShopInfo> } | null = null;
  const load = async (): Promise<ShopInfo> => {
    const answer = await client.request<ShopAnswer>(SHOP_QUERY);
    const languages = answer.shopLocales.flatMap((locale) => {
      const code = toLanguage(locale.locale);
      return code ? [{ code, name: locale.name, default: locale.primary }] : [];
    });
    const language = languages.find((entry) => entry.default)?.code ?? languages[0]?.code ?? 'en';
    return {
      id: answer.shop.id,
      name: answer.shop.name,
      domain: answer.shop.myshopifyDomain,
      currency: answer.shop.currencyCode,
      currencies: [...new Set([answer.shop.currencyCode, ...answer.shop.enabledPresentmentCurrencies])],
      taxesIncluded: answer.shop.taxesIncluded,
      language,
      languages: languages.length ? languages : [{ code: 'en', name: 'English', default: true }],
      locations: answer.locations.nodes.filter((location) => location.isActive).map(({ id, name }) => ({ id, name })),
      timezone: answer.shop.ianaTimezone,
    };
  };
  return {
    get() {
      if (!cached || Date.now() - cached.at > ttlMs) {
        const info = load();
        cached = { at: Date.now(), info };
        // A failed read is not cached: the next call tries again.
        info.catch(() => {
          if (cached?.info === info) cached = null;
        });
      }
      return cached.info;
    },
    clear() {
      cached = null;
    },
  };
}
