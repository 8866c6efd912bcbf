import type { PrestashopClient, PsRow } from './client.js';
import { createDateCodec, type DateCodec, optionalText, psBool, psId, psText } from './map/scalars.js';
import { anyOf } from './query.js';
import type { PsResource } from './resources.js';

export interface ShopLanguage {
  id: string;
  /** BCP 47, from PrestaShop's `iso_code` (`en`, `fr`). */
  code: string;
  name: string;
  isDefault: boolean;
}

export interface ShopOrderState {
  id: string;
  /** In the default language. */
  name: string;
  paid: boolean;
  shipped: boolean;
  delivered: boolean;
  logable: boolean;
  invoice: boolean;
  moduleName: string;
  template: string;
  deleted: boolean;
}

/** What every mapping needs to know about the shop, read once and cached. */
export interface ShopSnapshot {
  dates: DateCodec;
  languages: ShopLanguage[];
  defaultLanguage: ShopLanguage;
  languageById: Map<string, ShopLanguage>;
  languageByCode: Map<string, ShopLanguage>;
  defaultCurrency: string;
  currencyById: Map<string, { code: string; name: string; conversionRate: string; deleted: boolean }>;
  currencyIdByCode: Map<string, string>;
  countryById: Map<string, { code: string; name: string; active: boolean }>;
  countryIdByCode: Map<string, string>;
  stateById: Map<string, { countryId: string; code: string; name: string }>;
  orderStates: Map<string, ShopOrderState>;
  /** `PS_*` configuration values for the current shop. */
  config: Map<string, string>;
  invoicePrefix: string;
  weightUnit: string;
  dimensionUnit: string;
  stockManagement: boolean;
  homeCategoryId: string;
  rootCategoryId: string;
}

export interface TaxRuleGroupInfo {
  id: string;
  name: string;
  active: boolean;
  /** Rate (percent) for the shop's default country, when the group has one. */
  defaultRate: string | null;
  rules: { countryId: string; stateId: string | null; taxId: string; rate: string }[];
}

export interface TaxCatalog {
  taxes: Map<string, { id: string; name: string; rate: string; active: boolean }>;
  groups: Map<string, TaxRuleGroupInfo>;
}

const CONFIG_KEYS = [
  'PS_LANG_DEFAULT',
  'PS_CURRENCY_DEFAULT',
  'PS_COUNTRY_DEFAULT',
  'PS_TIMEZONE',
  'PS_WEIGHT_UNIT',
  'PS_DIMENSION_UNIT',
  'PS_STOCK_MANAGEMENT',
  'PS_SHOP_NAME',
  'PS_HOME_CATEGORY',
  'PS_ROOT_CATEGORY',
  'PS_CUSTOMER_GROUP',
  'PS_GUEST_GROUP',
  'PS_GIFT_WRAPPING_TAX_RULES_GROUP',
  'PS_OS_CHEQUE',
  'PS_OS_PAYMENT',
  'PS_OS_PREPARATION',
  'PS_OS_SHIPPING',
  'PS_OS_DELIVERED',
  'PS_OS_CANCELED',
  'PS_OS_REFUND',
  'PS_OS_ERROR',
  'PS_OS_OUTOFSTOCK',
  'PS_OS_OUTOFSTOCK_PAID',
  'PS_OS_OUTOFSTOCK_UNPAID',
  'PS_OS_BANKWIRE',
  'PS_OS_PAYPAL',
  'PS_OS_WS_PAYMENT',
  'PS_OS_COD_VALIDATION',
];

/** The most rows one read loads: catalogues bigger than this are read in several pages. */
export const PAGE = 500;
const MAX_PAGES = 10_000;

/** Reads a whole resource by id keyset (500 per call): lookup tables, never the big entities. */
export async function loadAll(
  client: PrestashopClient,
  resource: PsResource,
  display: 'full' | readonly string[],
  filter: Record<string, string> = {},
): Promise<PsRow[]> {
  const rows: PsRow[] = [];
  let after = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await client.list(resource, {
      display,
      filter: { ...filter, ...(after > 0 ? { id: `>[${after}]` } : {}) },
      sort: ['id_ASC'],
      limit: PAGE,
    });
    rows.push(...batch);
    if (batch.length < PAGE) return rows;
    after = Number(psText(batch.at(-1)?.id));
  }
  return rows;
}

/** The text of a translated field in one language (`[{ id, value }]` or a plain string). */
export function translatedIn(value: unknown, languageId: string): string {
  if (Array.isArray(value)) {
    const entry = value.find((item) => psText((item as { id?: unknown }).id) === languageId) ?? value[0];
    return psText((entry as { value?: unknown } | undefined)?.value);
  }
  return psText(value);
}

function pickConfig(rows: PsRow[], shopId: string | null): Map<string, string> {
  const config = new Map<string, string>();
  const rank = (row: PsRow) => {
    const rowShop = psId(row.id_shop);
    if (rowShop !== null && rowShop === shopId) return 2;
    return rowShop === null && psId(row.id_shop_group) === null ? 1 : 0;
  };
  const best = new Map<string, number>();
  for (const row of rows) {
    const name = psText(row.name);
    const score = rank(row);
    if (score === 0 && shopId !== null) continue;
    if ((best.get(name) ?? -1) < score) {
      best.set(name, score);
      config.set(name, psText(row.value));
    }
  }
  return config;
}

async function loadSnapshot(client: PrestashopClient, timeZoneOverride: string | undefined): Promise<ShopSnapshot> {
  const { shopId } = client.shopContext();
  const [languageRows, currencyRows, countryRows, stateRows, configRows, stateDefs, translatedConfig] =
    await Promise.all([
      client.list('languages', { display: ['id', 'name', 'iso_code', 'active'] }),
      client.list('currencies', { display: ['id', 'iso_code', 'name', 'conversion_rate', 'deleted'] }),
      loadAll(client, 'countries', ['id', 'iso_code', 'name', 'active']),
      loadAll(client, 'states', ['id', 'id_country', 'iso_code', 'name']),
      client.list('configurations', {
        display: ['id', 'name', 'value', 'id_shop', 'id_shop_group'],
        filter: { name: anyOf(CONFIG_KEYS) },
      }),
      client.list('order_states', { display: 'full' }),
      client
        .list('translated_configurations', {
          display: ['id', 'name', 'value'],
          filter: { name: anyOf(['PS_INVOICE_PREFIX']) },
        })
        .catch(() => [] as PsRow[]),
    ]);
  const config = pickConfig(configRows, shopId);
  const defaultLanguageId = config.get('PS_LANG_DEFAULT') ?? psText(languageRows[0]?.id);
  const languages: ShopLanguage[] = languageRows.map((row) => ({
    id: psText(row.id),
    code: psText(row.iso_code).toLowerCase(),
    name: translatedIn(row.name, defaultLanguageId),
    isDefault: psText(row.id) === defaultLanguageId,
  }));
  const defaultLanguage = languages.find((language) => language.isDefault) ?? languages[0];
  if (!defaultLanguage) throw new Error('PrestaShop answered no language: check the key can GET languages');

  const currencyById = new Map(
    currencyRows.map((row) => [
      psText(row.id),
      {
        code: psText(row.iso_code).toUpperCase(),
        name: translatedIn(row.name, defaultLanguage.id),
        conversionRate: psText(row.conversion_rate),
        deleted: psBool(row.deleted),
      },
    ]),
  );
  const countryById = new Map(
    countryRows.map((row) => [
      psText(row.id),
      {
        code: psText(row.iso_code).toUpperCase(),
        name: translatedIn(row.name, defaultLanguage.id),
        active: psBool(row.active),
      },
    ]),
  );
  const orderStates = new Map(
    stateDefs.map((row) => [
      psText(row.id),
      {
        id: psText(row.id),
        name: translatedIn(row.name, defaultLanguage.id),
        paid: psBool(row.paid),
        shipped: psBool(row.shipped),
        delivered: psBool(row.delivery) || psBool(row.delivered),
        logable: psBool(row.logable),
        invoice: psBool(row.invoice),
        moduleName: psText(row.module_name),
        template: translatedIn(row.template, defaultLanguage.id),
        deleted: psBool(row.deleted),
      },
    ]),
  );
  const timeZone = timeZoneOverride ?? optionalText(config.get('PS_TIMEZONE')) ?? 'UTC';
  const invoicePrefix = translatedIn(translatedConfig[0]?.value, defaultLanguage.id) || '#IN';
  const defaultCurrency =
    currencyById.get(config.get('PS_CURRENCY_DEFAULT') ?? '')?.code ?? currencyById.values().next().value?.code;
  if (!defaultCurrency) throw new Error('PrestaShop answered no currency: check the key can GET currencies');

  let dates: DateCodec;
  try {
    dates = createDateCodec(timeZone);
  } catch {
    // An unknown PS_TIMEZONE (a typo saved in the back office) would stop every read: UTC is the least wrong.
    dates = createDateCodec('UTC');
  }
  return {
    dates,
    languages,
    defaultLanguage,
    languageById: new Map(languages.map((language) => [language.id, language])),
    languageByCode: new Map(languages.map((language) => [language.code, language])),
    defaultCurrency,
    currencyById,
    currencyIdByCode: new Map(
      [...currencyById].filter(([, currency]) => !currency.deleted).map(([id, currency]) => [currency.code, id]),
    ),
    countryById,
    countryIdByCode: new Map([...countryById].map(([id, country]) => [country.code, id])),
    stateById: new Map(
      stateRows.map((row) => [
        psText(row.id),
        { countryId: psText(row.id_country), code: psText(row.iso_code), name: psText(row.name) },
      ]),
    ),
    orderStates,
    config,
    invoicePrefix,
    weightUnit: (config.get('PS_WEIGHT_UNIT') ?? 'kg').toLowerCase(),
    dimensionUnit: (config.get('PS_DIMENSION_UNIT') ?? 'cm').toLowerCase(),
    stockManagement: (config.get('PS_STOCK_MANAGEMENT') ?? '1') === '1',
    homeCategoryId: config.get('PS_HOME_CATEGORY') || '2',
    rootCategoryId: config.get('PS_ROOT_CATEGORY') || '1',
  };
}

async function loadTaxes(client: PrestashopClient, snapshot: ShopSnapshot): Promise<TaxCatalog> {
  const [taxRows, groupRows, ruleRows] = await Promise.all([
    loadAll(client, 'taxes', ['id', 'name', 'rate', 'active', 'deleted']),
    loadAll(client, 'tax_rule_groups', ['id', 'name', 'active', 'deleted']),
    loadAll(client, 'tax_rules', ['id', 'id_tax_rules_group', 'id_country', 'id_state', 'id_tax']),
  ]);
  const taxes = new Map(
    taxRows
      .filter((row) => !psBool(row.deleted))
      .map((row) => [
        psText(row.id),
        {
          id: psText(row.id),
          name: translatedIn(row.name, snapshot.defaultLanguage.id),
          rate: psText(row.rate),
          active: psBool(row.active),
        },
      ]),
  );
  const defaultCountry = snapshot.config.get('PS_COUNTRY_DEFAULT') ?? '';
  const groups = new Map<string, TaxRuleGroupInfo>();
  for (const row of groupRows) {
    if (psBool(row.deleted)) continue;
    groups.set(psText(row.id), {
      id: psText(row.id),
      name: psText(row.name),
      active: psBool(row.active),
      defaultRate: null,
      rules: [],
    });
  }
  for (const row of ruleRows) {
    const group = groups.get(psText(row.id_tax_rules_group));
    const tax = taxes.get(psText(row.id_tax));
    if (!group || !tax) continue;
    const rule = { countryId: psText(row.id_country), stateId: psId(row.id_state), taxId: tax.id, rate: tax.rate };
    group.rules.push(rule);
    if (rule.countryId === defaultCountry && rule.stateId === null && group.defaultRate === null)
      group.defaultRate = tax.rate;
  }
  return { taxes, groups };
}

/** The shop's lookups, read on first use and kept; `refresh()` re-reads them (configuration changed). */
export interface ShopContext {
  snapshot(): Promise<ShopSnapshot>;
  taxes(): Promise<TaxCatalog>;
  refresh(): void;
}

export function createShopContext(client: PrestashopClient, options: { timeZone?: string } = {}): ShopContext {
  let snapshot: Promise<ShopSnapshot> | null = null;
  let taxes: Promise<TaxCatalog> | null = null;
  const context: ShopContext = {
    snapshot() {
      if (!snapshot) {
        snapshot = loadSnapshot(client, options.timeZone);
        // A failed load (shop unreachable) must not stay cached: the next call tries again.
        snapshot.catch(() => {
          snapshot = null;
        });
      }
      return snapshot;
    },
    taxes() {
      if (!taxes) {
        taxes = context.snapshot().then((shop) => loadTaxes(client, shop));
        taxes.catch(() => {
          taxes = null;
        });
      }
      return taxes;
    },
    refresh() {
      snapshot = null;
      taxes = null;
    },
  };
  return context;
}
