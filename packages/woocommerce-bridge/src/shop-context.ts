import { PlatformError } from '@passerelle/core';
import type { WooClient } from './client.js';
import type { WooDimensionUnit, WooWeightUnit } from './map/units.js';
import type { WooTaxRate } from './woo.types.js';

/** What the bridge needs to know about the shop to map payloads: read once, then cached. */
export interface ShopFacts {
  wcVersion: string | null;
  wpVersion: string | null;
  homeUrl: string | null;
  /** BCP 47 primary language of the site (`fr` for `fr_FR`): the key of localized texts. */
  language: string;
  /** ISO 4217. */
  currency: string;
  /** ISO 3166-1 alpha-2 of the store address: the country of an address that has none. */
  baseCountry: string;
  weightUnit: WooWeightUnit;
  dimensionUnit: WooDimensionUnit;
  pricesIncludeTax: boolean;
  /** Active plug-ins, as `folder/file.php` and names, lower-case: what feature detection reads. */
  plugins: string[];
}

export interface OrderStatusInfo {
  /** Without the `wc-` prefix, as the REST API names it. */
  slug: string;
  name: string;
}

export interface ShopContext {
  facts(): Promise<ShopFacts>;
  /** Every order status the shop knows, plug-in ones included (`reports/orders/totals`). */
  orderStatuses(): Promise<OrderStatusInfo[]>;
  taxRates(): Promise<Map<number, WooTaxRate>>;
  /** Forgets everything read, so the next call reads the shop again. */
  invalidate(): void;
}

interface SettingOption {
  id: string;
  value: unknown;
}

interface SystemStatus {
  environment?: { home_url?: string; version?: string; wc_version?: string; wp_version?: string; language?: string };
  settings?: { currency?: string };
  active_plugins?: { plugin?: string; name?: string }[];
}

/** A 404 means the route is missing (an older WooCommerce or a restricted key): use the default. */
async function optional<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PlatformError && error.status === 404) return fallback;
    throw error;
  }
}

function option(options: SettingOption[], id: string): string | undefined {
  const found = options.find((entry) => entry.id === id);
  return typeof found?.value === 'string' ? found.value : undefined;
}

function primaryLanguage(locale: string | undefined): string {
  const primary = (locale ?? 'en').split(/[-_]/)[0]?.toLowerCase() ?? 'en';
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

const WEIGHT_UNITS: readonly WooWeightUnit[] = ['kg', 'g', 'lbs', 'oz'];
const DIMENSION_UNITS: readonly WooDimensionUnit[] = ['m', 'cm', 'mm', 'in', 'yd'];

/**
 * Lazily reads and caches the shop's facts (version, language, currency, units, tax display, plug-ins),
 * its order statuses and tax rates, for `ttlMs`. A failure is not cached: the next call tries again.
 */
export function createShopContext(client: WooClient, options: { language?: string; ttlMs?: number } = {}): ShopContext {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();

  function cached<T>(name: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(name);
    if (hit && Date.now() - hit.at < ttl) return hit.value as Promise<T>;
    const value = load();
    cache.set(name, { at: Date.now(), value });
    value.catch(() => cache.delete(name));
    return value;
  }

  const facts = () =>
    cached('facts', async (): Promise<ShopFacts> => {
      const status = (
        await client.get<SystemStatus>('system_status', { query: { _fields: 'environment,settings,active_plugins' } })
      ).data;
      const [general, products, tax] = await Promise.all(
        ['general', 'products', 'tax'].map((group) =>
          optional(async () => (await client.get<SettingOption[]>(`settings/${group}`)).data, [] as SettingOption[]),
        ),
      );
      const environment = status.environment ?? {};
      const country = option(general ?? [], 'woocommerce_default_country')
        ?.split(':')[0]
        ?.toUpperCase();
      const currency = (
        option(general ?? [], 'woocommerce_currency') ??
        status.settings?.currency ??
        'USD'
      ).toUpperCase();
      const weightUnit = option(products ?? [], 'woocommerce_weight_unit') as WooWeightUnit | undefined;
      const dimensionUnit = option(products ?? [], 'woocommerce_dimension_unit') as WooDimensionUnit | undefined;
      return {
        wcVersion: environment.version ?? environment.wc_version ?? null,
        wpVersion: environment.wp_version ?? null,
        homeUrl: environment.home_url ?? null,
        language: options.language ?? primaryLanguage(environment.language),
        currency: /^[A-Z]{3}$/.test(currency) ? currency : 'USD',
        baseCountry: country && /^[A-Z]{2}$/.test(country) ? country : 'US',
        weightUnit: weightUnit && WEIGHT_UNITS.includes(weightUnit) ? weightUnit : 'kg',
        dimensionUnit: dimensionUnit && DIMENSION_UNITS.includes(dimensionUnit) ? dimensionUnit : 'cm',
        pricesIncludeTax: option(tax ?? [], 'woocommerce_prices_include_tax') === 'yes',
        plugins: (status.active_plugins ?? []).flatMap((plugin) =>
          [plugin.plugin, plugin.name]
            .filter((value): value is string => typeof value === 'string')
            .map((value) => value.toLowerCase()),
        ),
      };
    });

  return {
    facts,
    orderStatuses: () =>
      cached('statuses', async () => {
        const totals = (await client.get<{ slug: string; name: string }[]>('reports/orders/totals')).data;
        return totals.map((entry) => ({ slug: entry.slug.replace(/^wc-/, ''), name: entry.name }));
      }),
    taxRates: () =>
      cached('taxes', async () => {
        const rates = new Map<number, WooTaxRate>();
        for (let page = 1; page <= 50; page++) {
          const answer = await client.get<WooTaxRate[]>('taxes', { query: { per_page: 100, page } });
          for (const rate of answer.data) rates.set(rate.id, rate);
          if (answer.data.length < 100 || (answer.totalPages !== null && page >= answer.totalPages)) break;
        }
        return rates;
      }),
    invalidate: () => cache.clear(),
  };
}

/** Whether an active plug-in matches one of `needles` (folder or name, lower-case). */
export function hasPlugin(facts: ShopFacts, needles: readonly string[]): boolean {
  return facts.plugins.some((plugin) => needles.some((needle) => plugin.includes(needle)));
}
