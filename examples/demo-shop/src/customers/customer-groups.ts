import type { CustomerGroup, CustomerGroupWrite, ListOptions } from '@passerelle/core';
import { readJson } from '../database.js';
import { SHOP_ID } from '../shop-configuration.js';
import { compact, type ShopContext } from '../shop-context.js';
import { tableRows } from '../table-rows.js';

interface GroupRow {
  id: number;
  reference: string | null;
  data: string;
  created_at: string;
  updated_at: string;
}

type GroupData = Pick<CustomerGroup, 'name' | 'reduction' | 'priceDisplay'>;

/** Customer groups: what B2B prices and reductions hang on. */
export function createCustomerGroupRepository(context: ShopContext) {
  const { db, clock } = context;
  const rows = tableRows<GroupRow, CustomerGroup>(context, 'customer_groups', 'customer group', (row) => toGroup(row));

  const toGroup = (row: GroupRow): CustomerGroup =>
    compact({
      id: String(row.id),
      reference: row.reference ?? undefined,
      shopId: SHOP_ID,
      ...readJson<GroupData>(row.data),
      sourceUpdatedAt: row.updated_at,
    });

  return {
    get: rows.get,
    all(): CustomerGroup[] {
      return db.prepare<[], GroupRow>('SELECT * FROM customer_groups ORDER BY id').all().map(toGroup);
    },
    list: (options: ListOptions) => rows.list(options),
    getByReferences: rows.getByReferences,
    /** The group's row id for a reference; throws when the shop has no such group. */
    idOf(reference: string): number {
      const row = rows.byReference(reference);
      if (!row) throw new Error(`no customer group with reference "${reference}"`);
      return row.id;
    },
    referenceOf(id: number): string {
      const row = rows.row(id);
      return row?.reference ?? String(id);
    },
    create(reference: string, data: Partial<CustomerGroupWrite>): number {
      if (!data.name || Object.keys(data.name).length === 0) throw new Error('a new customer group needs a name');
      const stored: GroupData = compact({
        name: data.name,
        reduction: data.reduction,
        priceDisplay: data.priceDisplay ?? 'taxIncl',
      });
      const at = clock.stamp(null);
      const result = db
        .prepare('INSERT INTO customer_groups (reference, data, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(reference, JSON.stringify(stored), at, at);
      return Number(result.lastInsertRowid);
    },
    update(id: number, data: Partial<CustomerGroupWrite>): void {
      const row = rows.row(id);
      if (!row) throw new Error(`no customer group with id ${id}`);
      const stored = readJson<GroupData>(row.data);
      if (data.name !== undefined) stored.name = data.name;
      if (data.reduction !== undefined) stored.reduction = data.reduction;
      if (data.priceDisplay !== undefined) stored.priceDisplay = data.priceDisplay;
      db.prepare('UPDATE customer_groups SET data = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(stored),
        clock.stamp(row.updated_at),
        id,
      );
    },
  };
}

export type CustomerGroupRepository = ReturnType<typeof createCustomerGroupRepository>;
