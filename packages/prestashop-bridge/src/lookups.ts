import type { PrestashopClient, PsRow } from './client.js';
import { psBool, psId, psText } from './map/scalars.js';
import { anyOf, chunk, distinct, literal } from './query.js';
import { loadAll, type ShopSnapshot } from './shop-context.js';

/** Translated names as PrestaShop holds them: language id → text. */
export type Names = Record<string, string>;

export interface CategoryInfo {
  id: string;
  parentId: string | null;
  names: Names;
  isRootCategory: boolean;
}

export interface AttributeGroupInfo {
  id: string;
  names: Names;
  publicNames: Names;
}

export interface AttributeValueInfo {
  id: string;
  groupId: string;
  names: Names;
}

function names(value: unknown, shop: ShopSnapshot): Names {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry) => [psText((entry as { id?: unknown }).id), psText((entry as { value?: unknown }).value)]),
    );
  }
  return { [shop.defaultLanguage.id]: psText(value) };
}

/** Whether one of the translations equals `text` (case and surrounding spaces ignored). */
export function namedAs(translations: Names, text: string): boolean {
  const wanted = text.trim().toLowerCase();
  return Object.values(translations).some((value) => value.trim().toLowerCase() === wanted);
}

/**
 * Lookup tables the mappings need (categories, groups, attributes, features, brands, suppliers,
 * carriers), read once and kept; a miss re-reads a table once before anything is created, so an item
 * added in the back office meanwhile is found rather than duplicated.
 */
export interface Lookups {
  categories(reload?: boolean): Promise<Map<string, CategoryInfo>>;
  rememberCategory(info: CategoryInfo): void;
  groups(reload?: boolean): Promise<Map<string, { id: string; names: Names }>>;
  rememberGroup(id: string, groupNames: Names): void;
  attributes(
    reload?: boolean,
  ): Promise<{ groups: Map<string, AttributeGroupInfo>; values: Map<string, AttributeValueInfo> }>;
  rememberAttributeGroup(info: AttributeGroupInfo): void;
  rememberAttributeValue(info: AttributeValueInfo): void;
  features(reload?: boolean): Promise<Map<string, { id: string; names: Names }>>;
  rememberFeature(id: string, featureNames: Names): void;
  featureValues(ids: readonly string[]): Promise<Map<string, { id: string; featureId: string; values: Names }>>;
  manufacturerNames(ids: readonly string[]): Promise<Map<string, string>>;
  supplierNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** Finds a brand or supplier by exact name, creating it when missing; resolves to its id. */
  brandId(resource: 'manufacturers' | 'suppliers', name: string): Promise<string>;
  carriers(): Promise<Map<string, { id: string; name: string; referenceId: string; deleted: boolean }>>;
}

export function createLookups(client: PrestashopClient, shopOf: () => Promise<ShopSnapshot>): Lookups {
  let categories: Promise<Map<string, CategoryInfo>> | null = null;
  let groups: Promise<Map<string, { id: string; names: Names }>> | null = null;
  let attributes: Promise<{ groups: Map<string, AttributeGroupInfo>; values: Map<string, AttributeValueInfo> }> | null =
    null;
  let features: Promise<Map<string, { id: string; names: Names }>> | null = null;
  let carriers: Promise<Map<string, { id: string; name: string; referenceId: string; deleted: boolean }>> | null = null;
  const featureValueCache = new Map<string, { id: string; featureId: string; values: Names }>();
  const brandNames = { manufacturers: new Map<string, string>(), suppliers: new Map<string, string>() };

  const cached = <T>(
    current: Promise<T> | null,
    reload: boolean,
    load: () => Promise<T>,
    set: (value: Promise<T> | null) => void,
  ) => {
    if (current && !reload) return current;
    const next = load();
    set(next);
    next.catch(() => set(null));
    return next;
  };

  const brandNamesOf = async (resource: 'manufacturers' | 'suppliers', ids: readonly string[]) => {
    const known = brandNames[resource];
    const missing = distinct(ids).filter((id) => !known.has(id));
    for (const part of chunk(missing, 100)) {
      for (const row of await client.list(resource, { display: ['id', 'name'], filter: { id: anyOf(part) } })) {
        known.set(psText(row.id), psText(row.name));
      }
    }
    return new Map(distinct(ids).flatMap((id) => (known.has(id) ? [[id, known.get(id) as string] as const] : [])));
  };

  return {
    categories: (reload = false) =>
      cached(
        categories,
        reload,
        async () => {
          const shop = await shopOf();
          const rows = await loadAll(client, 'categories', ['id', 'id_parent', 'name', 'is_root_category']);
          return new Map(
            rows.map((row) => [
              psText(row.id),
              {
                id: psText(row.id),
                parentId: psId(row.id_parent),
                names: names(row.name, shop),
                isRootCategory: psBool(row.is_root_category),
              },
            ]),
          );
        },
        (value) => {
          categories = value;
        },
      ),
    rememberCategory(info) {
      void categories?.then((map) => map.set(info.id, info));
    },
    groups: (reload = false) =>
      cached(
        groups,
        reload,
        async () => {
          const shop = await shopOf();
          const rows = await loadAll(client, 'groups', ['id', 'name']);
          return new Map(rows.map((row) => [psText(row.id), { id: psText(row.id), names: names(row.name, shop) }]));
        },
        (value) => {
          groups = value;
        },
      ),
    rememberGroup(id, groupNames) {
      void groups?.then((map) => map.set(id, { id, names: groupNames }));
    },
    attributes: (reload = false) =>
      cached(
        attributes,
        reload,
        async () => {
          const shop = await shopOf();
          const [groupRows, valueRows] = await Promise.all([
            loadAll(client, 'product_options', ['id', 'name', 'public_name']),
            loadAll(client, 'product_option_values', ['id', 'id_attribute_group', 'name']),
          ]);
          return {
            groups: new Map(
              groupRows.map((row) => [
                psText(row.id),
                { id: psText(row.id), names: names(row.name, shop), publicNames: names(row.public_name, shop) },
              ]),
            ),
            values: new Map(
              valueRows.map((row) => [
                psText(row.id),
                { id: psText(row.id), groupId: psText(row.id_attribute_group), names: names(row.name, shop) },
              ]),
            ),
          };
        },
        (value) => {
          attributes = value;
        },
      ),
    rememberAttributeGroup(info) {
      void attributes?.then((tables) => tables.groups.set(info.id, info));
    },
    rememberAttributeValue(info) {
      void attributes?.then((tables) => tables.values.set(info.id, info));
    },
    features: (reload = false) =>
      cached(
        features,
        reload,
        async () => {
          const shop = await shopOf();
          const rows = await loadAll(client, 'product_features', ['id', 'name']);
          return new Map(rows.map((row) => [psText(row.id), { id: psText(row.id), names: names(row.name, shop) }]));
        },
        (value) => {
          features = value;
        },
      ),
    rememberFeature(id, featureNames) {
      void features?.then((map) => map.set(id, { id, names: featureNames }));
    },
    async featureValues(ids) {
      const shop = await shopOf();
      const missing = distinct(ids).filter((id) => !featureValueCache.has(id));
      for (const part of chunk(missing, 100)) {
        const rows = await client.list('product_feature_values', {
          display: ['id', 'id_feature', 'value'],
          filter: { id: anyOf(part) },
        });
        for (const row of rows) {
          featureValueCache.set(psText(row.id), {
            id: psText(row.id),
            featureId: psText(row.id_feature),
            values: names(row.value, shop),
          });
        }
      }
      return new Map(
        distinct(ids).flatMap((id) => {
          const found = featureValueCache.get(id);
          return found ? [[id, found] as const] : [];
        }),
      );
    },
    manufacturerNames: (ids) => brandNamesOf('manufacturers', ids),
    supplierNames: (ids) => brandNamesOf('suppliers', ids),
    async brandId(resource, name) {
      const known = [...brandNames[resource]].find(
        ([, value]) => value.trim().toLowerCase() === name.trim().toLowerCase(),
      );
      if (known) return known[0];
      const rows: PsRow[] = await client.list(resource, { display: ['id', 'name'], filter: { name: literal(name) } });
      const match = rows.find((row) => psText(row.name).trim().toLowerCase() === name.trim().toLowerCase());
      if (match) {
        brandNames[resource].set(psText(match.id), psText(match.name));
        return psText(match.id);
      }
      const created = await client.create(resource, { fields: { name, active: '1' } });
      brandNames[resource].set(psText(created.id), name);
      return psText(created.id);
    },
    carriers: () =>
      cached(
        carriers,
        false,
        async () => {
          const rows = await loadAll(client, 'carriers', ['id', 'name', 'id_reference', 'deleted']);
          return new Map(
            rows.map((row) => [
              psText(row.id),
              {
                id: psText(row.id),
                name: psText(row.name),
                referenceId: psText(row.id_reference),
                deleted: psBool(row.deleted),
              },
            ]),
          );
        },
        (value) => {
          carriers = value;
        },
      ),
  };
}
