import type { AdapterPage, Customer, CustomerListOptions, ListOptions } from '@passerelle/core';
import { decodeCursor, encodeCursor, readAfter } from '../keyset-page.js';
import { toCustomer } from '../map/customer.js';
import { fromWooGmt } from '../map/dates.js';
import { META, metaText } from '../map/meta.js';
import { mapLimit } from '../map-limit.js';
import type { WooRuntime } from '../runtime.js';
import type { WooCustomer } from '../woo.types.js';

/** How long a full customer scan (the lookup by ERP code) is reused within one write batch. */
const SCAN_TTL_MS = 30_000;

/**
 * Customers (role `customer`). WooCommerce cannot list them by modification date: `updatedSince` is applied
 * to `date_modified_gmt` after reading, and the sweep reads them whole (their items carry no
 * `sourceUpdatedAt`), comparing content hashes. Lookups by ERP code scan the customers once.
 */
export function createCustomerReads(runtime: WooRuntime) {
  let scan: { at: number; value: Promise<WooCustomer[]> } | null = null;

  const page = (offset: number, perPage: number, fields?: string) =>
    runtime.client
      .get<WooCustomer[]>('customers', {
        query: { orderby: 'id', order: 'asc', per_page: perPage, offset, ...(fields ? { _fields: fields } : {}) },
      })
      .then((answer) => answer.data);

  return {
    async list(options: CustomerListOptions): Promise<AdapterPage<Customer>> {
      const context = await runtime.mapContext();
      const read = await readAfter(
        (offset, perPage) => page(offset, perPage),
        decodeCursor(options.cursor),
        options.limit,
      );
      const since = options.updatedSince ? Date.parse(options.updatedSince) : null;
      const kept = read.items.filter((customer) => {
        if (since === null) return true;
        const changed = fromWooGmt(customer.date_modified_gmt) ?? fromWooGmt(customer.date_created_gmt);
        return changed !== undefined && Date.parse(changed) >= since;
      });
      return {
        items: kept.map((customer) => toCustomer(customer, context)),
        nextCursor: read.next ? encodeCursor(read.next) : null,
      };
    },

    async get(id: string): Promise<Customer | null> {
      if (!/^\d+$/.test(id)) return null;
      const customer = await runtime.getOrNull<WooCustomer>(`customers/${id}`);
      return customer ? toCustomer(customer, await runtime.mapContext()) : null;
    },

    async getByReferences(references: string[]): Promise<Map<string, Customer>> {
      if (!scan || Date.now() - scan.at > SCAN_TTL_MS) {
        const value = runtime.fetchAll<WooCustomer>('customers', { orderby: 'id', order: 'asc' });
        scan = { at: Date.now(), value };
        value.catch(() => {
          scan = null;
        });
      }
      const all = await scan.value;
      const context = await runtime.mapContext();
      const wanted = new Set(references);
      const out = new Map<string, Customer>();
      for (const customer of all) {
        const code = metaText(customer.meta_data, META.customerCode);
        if (code && wanted.has(code) && !out.has(code)) out.set(code, toCustomer(customer, context));
      }
      return out;
    },

    async getByEmails(emails: string[]): Promise<Map<string, Customer>> {
      const context = await runtime.mapContext();
      const unique = [...new Set(emails)];
      const found = await mapLimit(unique, 4, (email) =>
        runtime.client
          .get<WooCustomer[]>('customers', { query: { email, role: 'all' } })
          .then((answer) => answer.data[0]),
      );
      const out = new Map<string, Customer>();
      unique.forEach((email, index) => {
        const customer = found[index];
        if (customer) out.set(email, toCustomer(customer, context));
      });
      return out;
    },

    async listIds(options: ListOptions): Promise<AdapterPage<string>> {
      const read = await readAfter(
        (offset, perPage) => page(offset, perPage, 'id'),
        decodeCursor(options.cursor),
        options.limit,
      );
      return {
        items: read.items.map((item) => String(item.id)),
        nextCursor: read.next ? encodeCursor(read.next) : null,
      };
    },

    /** Drops the scan, so a lookup after a write sees it. */
    forget() {
      scan = null;
    },
  };
}
