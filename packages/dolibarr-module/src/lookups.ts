import { PlatformError } from '@passerelle/core';
import type { DolibarrClient } from './client.js';
import type { KeyedLock } from './keyed-lock.js';
import { decimalOf } from './map/decimal.js';
import {
  type DolibarrCombination,
  type DolibarrObject,
  type DolibarrProduct,
  idOf,
  stringOf,
} from './payloads.types.js';
import { all, isFilterable, oneOf, test } from './sqlfilters.js';

export interface VariantLink {
  parentId: number;
  combinationId: number;
}

export interface VariantIndex {
  /** Parent product id → its combinations, as `/products/{id}/variants` lists them. */
  parents: Map<number, DolibarrCombination[]>;
  childToParent: Map<number, VariantLink>;
}

export interface AttributeInfo {
  id: number;
  ref: string;
  label: string;
  values: Map<number, { ref: string; value: string }>;
}

export interface Lookups {
  countryId(code: string | undefined): Promise<number | null>;
  countryCode(id: unknown): Promise<string | null>;
  paymentTypeId(code: string): Promise<number | null>;
  /** The account asked for when it exists and is open, else the first open account. */
  bankAccountId(preferred: string | null): Promise<number | null>;
  /** The warehouse asked for when it exists and is open, else the first open warehouse. */
  warehouseId(preferred: string | null): Promise<number>;
  warehouses(): Promise<{ id: number; ref: string; open: boolean }[]>;
  bankAccounts(): Promise<{ id: number; ref: string; label: string; currency: string; open: boolean }[]>;
  shippingMethods(): Promise<{ id: number; code: string; label: string }[]>;
  paymentTypes(): Promise<{ id: number; code: string; label: string }[]>;
  currencies(): Promise<{ code: string; name?: string; rate?: string }[]>;
  countries(): Promise<{ id: number; code: string; label: string }[]>;
  attributes(): Promise<Map<number, AttributeInfo>>;
  variantIndex(): Promise<VariantIndex>;
  /** Forgets cached catalogue structure after a write changed it. */
  invalidateCatalog(): void;
  /** The id of the service product with this reference, created (as a service) on first use. */
  service(reference: string, label: string): Promise<number>;
  /** The Dolibarr company's country (ISO 3166-1), for records that have none. */
  companyCountry(): Promise<string>;
  /** Products (any type) by exact reference. */
  productsByRef(references: string[]): Promise<Map<string, DolibarrProduct>>;
}

const TTL_MS = 5 * 60_000;
const CATALOG_TTL_MS = 60_000;
/** References per `sqlfilters` OR-chain: long URLs are refused by some hosts. */
export const FILTER_CHUNK = 20;

function cached<T>(load: () => Promise<T>, ttlMs: number): { get(): Promise<T>; clear(): void } {
  let value: { at: number; promise: Promise<T> } | null = null;
  return {
    get() {
      if (!value || Date.now() - value.at > ttlMs) {
        const promise = load();
        value = { at: Date.now(), promise };
        promise.catch(() => {
          value = null;
        });
      }
      return value.promise;
    },
    clear() {
      value = null;
    },
  };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

export function createLookups(client: DolibarrClient, lock: KeyedLock): Lookups {
  const countries = cached(async () => {
    const rows = await client.list<DolibarrObject>('setup/dictionary/countries', { limit: 500, sortfield: 't.rowid' });
    return rows.flatMap((row) => {
      const id = idOf(row.id ?? row.rowid);
      const code = stringOf(row.code);
      return id !== null && code ? [{ id, code: code.toUpperCase(), label: stringOf(row.label) ?? code }] : [];
    });
  }, TTL_MS);
  const paymentTypes = cached(async () => {
    const rows = await client.list<DolibarrObject>('setup/dictionary/payment_types', { limit: 500 });
    return rows.flatMap((row) => {
      const id = idOf(row.id ?? row.rowid);
      const code = stringOf(row.code);
      return id !== null && code ? [{ id, code, label: stringOf(row.label) ?? code }] : [];
    });
  }, TTL_MS);
  const bankAccounts = cached(async () => {
    const rows = await client.list<DolibarrObject>('bankaccounts', { limit: 500 });
    return rows.flatMap((row) => {
      const id = idOf(row.id);
      return id === null
        ? []
        : [
            {
              id,
              ref: stringOf(row.ref) ?? String(id),
              label: stringOf(row.label) ?? '',
              currency: stringOf(row.currency_code) ?? '',
              open: String(row.clos ?? '0') === '0',
            },
          ];
    });
  }, TTL_MS);
  const warehouses = cached(async () => {
    const rows = await client.list<DolibarrObject>('warehouses', { limit: 500, sortfield: 't.rowid' });
    return rows.flatMap((row) => {
      const id = idOf(row.id);
      return id === null
        ? []
        : [
            {
              id,
              ref: stringOf(row.ref) ?? stringOf(row.label) ?? String(id),
              open: String(row.statut ?? row.status ?? '1') === '1',
            },
          ];
    });
  }, TTL_MS);
  const shippingMethods = cached(async () => {
    const rows = await client.list<DolibarrObject>('setup/dictionary/shipping_methods', { limit: 500 });
    return rows.flatMap((row) => {
      const id = idOf(row.rowid ?? row.id);
      return id === null
        ? []
        : [
            {
              id,
              code: stringOf(row.code) ?? String(id),
              label: stringOf(row.libelle) ?? stringOf(row.label) ?? String(id),
            },
          ];
    });
  }, TTL_MS);
  const currencies = cached(async () => {
    try {
      const rows = await client.list<DolibarrObject>('multicurrencies', { limit: 500 });
      return rows.flatMap((row) => {
        const code = stringOf(row.code);
        const rate = decimalOf((row.rate as { rate?: unknown } | undefined)?.rate);
        return code
          ? [{ code, ...(stringOf(row.name) ? { name: stringOf(row.name) } : {}), ...(rate ? { rate } : {}) }]
          : [];
      });
    } catch (error) {
      // Without the Multicurrency module the route is missing: one currency, the company's.
      if (error instanceof PlatformError && (error.status === 404 || error.status === 403 || error.status === 501))
        return [];
      throw error;
    }
  }, TTL_MS);
  const attributes = cached(async () => {
    const rows = await client.list<DolibarrObject>('products/attributes', { limit: 500 });
    const out = new Map<number, AttributeInfo>();
    for (const row of rows) {
      const id = idOf(row.id);
      if (id === null) continue;
      const values = await client.list<DolibarrObject>(`products/attributes/${id}/values`);
      out.set(id, {
        id,
        ref: stringOf(row.ref) ?? String(id),
        label: stringOf(row.label) ?? stringOf(row.ref) ?? String(id),
        values: new Map(
          values.flatMap((value) => {
            const valueId = idOf(value.id);
            return valueId === null
              ? []
              : [
                  [
                    valueId,
                    {
                      ref: stringOf(value.ref) ?? String(valueId),
                      value: stringOf(value.value) ?? stringOf(value.ref) ?? '',
                    },
                  ] as const,
                ];
          }),
        ),
      });
    }
    return out;
  }, CATALOG_TTL_MS);
  const variantIndex = cached(async (): Promise<VariantIndex> => {
    const parentIds = (await client.list<unknown>('products', { variant_filter: 2, ids_only: 1, limit: 0 })).flatMap(
      (value) => {
        const id = idOf(typeof value === 'object' && value !== null ? (value as DolibarrObject).id : value);
        return id === null ? [] : [id];
      },
    );
    const parents = new Map<number, DolibarrCombination[]>();
    const childToParent = new Map<number, VariantLink>();
    for (const parentId of parentIds) {
      const combinations = await client.list<DolibarrCombination>(`products/${parentId}/variants`);
      parents.set(parentId, combinations);
      for (const combination of combinations) {
        const child = idOf(combination.fk_product_child);
        const combinationId = idOf(combination.id);
        if (child !== null && combinationId !== null) childToParent.set(child, { parentId, combinationId });
      }
    }
    return { parents, childToParent };
  }, CATALOG_TTL_MS);
  const company = cached(async () => {
    const answer = await client.getOrNull<DolibarrObject>('setup/company').catch(() => null);
    return stringOf(answer?.country_code)?.toUpperCase() ?? 'FR';
  }, TTL_MS);
  const services = new Map<string, number>();

  const lookups: Lookups = {
    async countryId(code) {
      if (!code) return null;
      return (await countries.get()).find((country) => country.code === code.toUpperCase())?.id ?? null;
    },
    async countryCode(id) {
      const wanted = idOf(id);
      if (wanted === null) return null;
      return (await countries.get()).find((country) => country.id === wanted)?.code ?? null;
    },
    async paymentTypeId(code) {
      return (await paymentTypes.get()).find((type) => type.code === code)?.id ?? null;
    },
    async bankAccountId(preferred) {
      const accounts = await bankAccounts.get();
      const wanted =
        preferred === null ? null : accounts.find((account) => String(account.id) === preferred && account.open);
      return wanted?.id ?? accounts.find((account) => account.open)?.id ?? null;
    },
    async warehouseId(preferred) {
      const known = await warehouses.get();
      const wanted = preferred === null ? undefined : known.find((warehouse) => String(warehouse.id) === preferred);
      if (wanted && !wanted.open)
        throw new PlatformError(
          `Dolibarr warehouse ${wanted.id} (${wanted.ref}) is closed: open it or choose another`,
          409,
        );
      if (wanted) return wanted.id;
      const first = known.find((warehouse) => warehouse.open);
      if (!first) throw new PlatformError('Dolibarr has no open warehouse', 409);
      return first.id;
    },
    warehouses: () => warehouses.get(),
    bankAccounts: () => bankAccounts.get(),
    shippingMethods: () => shippingMethods.get(),
    paymentTypes: () => paymentTypes.get(),
    currencies: () => currencies.get(),
    countries: () => countries.get(),
    attributes: () => attributes.get(),
    variantIndex: () => variantIndex.get(),
    companyCountry: () => company.get(),
    invalidateCatalog() {
      attributes.clear();
      variantIndex.clear();
    },
    service(reference, label) {
      const known = services.get(reference);
      if (known !== undefined) return Promise.resolve(known);
      return lock(`service:${reference}`, async () => {
        const again = services.get(reference);
        if (again !== undefined) return again;
        const found = (await lookups.productsByRef([reference])).get(reference);
        let id = idOf(found?.id);
        if (id === null) {
          id = idOf(
            await client.post<unknown>('products', {
              ref: reference,
              label,
              type: 1,
              status: 1,
              status_buy: 0,
              price: 0,
              tva_tx: 0,
            }),
          );
          if (id === null) throw new PlatformError(`Dolibarr did not return an id for the service ${reference}`, 502);
        }
        services.set(reference, id);
        return id;
      });
    },
    async productsByRef(references) {
      const out = new Map<string, DolibarrProduct>();
      const wanted = [...new Set(references)].filter(isFilterable);
      const dialect = await client.dialect();
      for (const part of chunk(wanted, FILTER_CHUNK)) {
        const rows = await client.list<DolibarrProduct>('products', {
          sqlfilters: oneOf('t.ref', part, dialect),
          limit: part.length + 1,
          sortfield: 't.rowid',
        });
        for (const row of rows) {
          const ref = stringOf(row.ref);
          if (ref && part.includes(ref)) out.set(ref, row);
        }
      }
      return out;
    },
  };
  return lookups;
}

/** `(t.rowid:>:after)` and the caller's own conditions. */
export async function pageFilter(
  client: DolibarrClient,
  after: number,
  ...extra: (string | null | undefined)[]
): Promise<string> {
  const dialect = await client.dialect();
  return all(dialect, test('t.rowid', '>', after, dialect), ...extra);
}
