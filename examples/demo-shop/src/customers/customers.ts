import type { Address, Customer, CustomerListOptions, CustomerWrite } from '@passerelle/core';
import { readJson } from '../database.js';
import { SHOP_ID } from '../shop-configuration.js';
import { compact, type ShopContext } from '../shop-context.js';
import { tableRows } from '../table-rows.js';
import type { CustomerGroupRepository } from './customer-groups.js';

interface CustomerRow {
  id: number;
  reference: string | null;
  email: string | null;
  active: number;
  data: string;
  created_at: string;
  updated_at: string;
}

/** Customer fields kept in the JSON column. */
export type CustomerData = Omit<
  Customer,
  | 'id'
  | 'reference'
  | 'shopId'
  | 'email'
  | 'active'
  | 'groups'
  | 'defaultGroup'
  | 'addresses'
  | 'hasOrders'
  | 'createdAt'
  | 'sourceUpdatedAt'
  | 'raw'
>;

const COLUMNS = new Set(['reference', 'email', 'active', 'groups', 'defaultGroup', 'addresses', 'sourceUpdatedAt']);

/** The group every new account joins when the caller names none. */
export const DEFAULT_GROUP_REFERENCE = 'CUSTOMER';

export function createCustomerRepository(context: ShopContext, groups: CustomerGroupRepository) {
  const { db, clock } = context;
  const rows = tableRows<CustomerRow, Customer>(context, 'customers', 'customer', (row) => toCustomer(row));
  const membersOf = db.prepare<[number], { group_id: number; is_default: number }>(
    'SELECT group_id, is_default FROM customer_group_members WHERE customer_id = ? ORDER BY group_id',
  );
  const addressesOf = db.prepare<[number], { id: number; data: string }>(
    'SELECT id, data FROM addresses WHERE customer_id = ? ORDER BY position, id',
  );
  const hasOrders = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM orders WHERE customer_id = ?');

  const toCustomer = (row: CustomerRow): Customer => {
    const members = membersOf.all(row.id);
    const defaultMember = members.find((member) => member.is_default === 1);
    const addresses = addressesOf
      .all(row.id)
      .map((address) => ({ ...readJson<Address>(address.data), id: String(address.id) }));
    return compact({
      id: String(row.id),
      reference: row.reference ?? undefined,
      shopId: SHOP_ID,
      email: row.email ?? undefined,
      ...readJson<CustomerData>(row.data),
      groups: members.length ? members.map((member) => groups.referenceOf(member.group_id)) : undefined,
      defaultGroup: defaultMember ? groups.referenceOf(defaultMember.group_id) : undefined,
      addresses: addresses.length ? addresses : undefined,
      active: row.active === 1,
      hasOrders: (hasOrders.get(row.id)?.n ?? 0) > 0,
      createdAt: row.created_at,
      sourceUpdatedAt: row.updated_at,
    });
  };

  const setGroups = (customerId: number, data: Partial<CustomerWrite>, creating: boolean): void => {
    if (data.groups === undefined && data.defaultGroup === undefined && !creating) return;
    const current = membersOf.all(customerId);
    let groupIds =
      data.groups === undefined
        ? current.map((member) => member.group_id)
        : data.groups.map((reference) => groups.idOf(reference));
    let defaultId =
      data.defaultGroup === undefined
        ? (current.find((member) => member.is_default === 1)?.group_id ?? null)
        : groups.idOf(data.defaultGroup);
    if (creating && groupIds.length === 0 && defaultId === null) defaultId = groups.idOf(DEFAULT_GROUP_REFERENCE);
    if (defaultId === null || !groupIds.includes(defaultId)) defaultId = defaultId ?? groupIds[0] ?? null;
    if (defaultId !== null && !groupIds.includes(defaultId)) groupIds = [defaultId, ...groupIds];
    db.prepare('DELETE FROM customer_group_members WHERE customer_id = ?').run(customerId);
    const insert = db.prepare(
      'INSERT INTO customer_group_members (customer_id, group_id, is_default) VALUES (?, ?, ?)',
    );
    for (const groupId of new Set(groupIds)) insert.run(customerId, groupId, groupId === defaultId ? 1 : 0);
  };

  const setAddresses = (customerId: number, addresses: Address[] | undefined): void => {
    if (addresses === undefined) return;
    db.prepare('DELETE FROM addresses WHERE customer_id = ?').run(customerId);
    const insert = db.prepare('INSERT INTO addresses (customer_id, position, data) VALUES (?, ?, ?)');
    for (const [position, { id: _id, ...address }] of addresses.entries())
      insert.run(customerId, position, JSON.stringify(address));
  };

  const splitData = (data: Partial<CustomerWrite>): Record<string, unknown> => {
    const stored: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(data))
      if (value !== undefined && !COLUMNS.has(field)) stored[field] = value;
    return stored;
  };

  return {
    get: rows.get,
    list: (options: CustomerListOptions) =>
      rows.list(
        options,
        options.withoutOrders ? ['NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id)'] : [],
      ),
    listIds: rows.listIds,
    getByReferences: rows.getByReferences,
    /** Keyed by each email as asked; the match ignores case, as the shop's unique index does. */
    getByEmails(emails: string[]): Map<string, Customer> {
      const out = new Map<string, Customer>();
      const query = db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE email = ? COLLATE NOCASE');
      for (const email of new Set(emails)) {
        const row = query.get(email.trim());
        if (row) out.set(email, toCustomer(row));
      }
      return out;
    },
    create(reference: string | null, data: Partial<CustomerWrite>): number {
      const at = clock.stamp(null);
      const result = db
        .prepare(
          'INSERT INTO customers (reference, email, active, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          reference,
          data.email?.trim() ?? null,
          data.active === false ? 0 : 1,
          JSON.stringify(splitData(data)),
          at,
          at,
        );
      const id = Number(result.lastInsertRowid);
      setGroups(id, data, true);
      setAddresses(id, data.addresses);
      return id;
    },
    update(id: number, data: Partial<CustomerWrite>): void {
      const row = rows.row(id);
      if (!row) throw new Error(`no customer with id ${id}`);
      const stored = { ...readJson<Record<string, unknown>>(row.data), ...splitData(data) };
      db.prepare('UPDATE customers SET email = ?, active = ?, data = ?, updated_at = ? WHERE id = ?').run(
        data.email === undefined ? row.email : data.email.trim(),
        data.active === undefined ? row.active : data.active ? 1 : 0,
        JSON.stringify(stored),
        clock.stamp(row.updated_at),
        id,
      );
      setGroups(id, data, false);
      setAddresses(id, data.addresses);
    },
    /** Adopts the ERP's customer code on an account matched by email that has none yet. */
    adoptReference(id: number, reference: string): void {
      db.prepare('UPDATE customers SET reference = ? WHERE id = ? AND reference IS NULL').run(reference, id);
    },
    setActive: rows.setActive,
    touch: rows.touch,
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
