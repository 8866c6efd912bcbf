import { randomBytes } from 'node:crypto';
import type {
  AdapterPage,
  Address,
  Customer,
  CustomerListOptions,
  CustomerWrite,
  ListOptions,
  PlannedWrite,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import { type Bridge, failure, forEachWrite, ItemRefused, listIn, outcomeWithNotes } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { addressFields, toAddress } from '../map/address.js';
import { customerFields, toCustomer } from '../map/customer.js';
import { associationIds } from '../map/product.js';
import { optionalText, psBool, psId, psText } from '../map/scalars.js';
import { anyOf, chunk, distinct, literal } from '../query.js';
import type { PsEntity } from '../xml.js';
import { resolveGroup } from './group-keys.js';
import { idPage, updatedSinceFilter } from './product-reads.js';

async function mapCustomers(bridge: Bridge, rows: PsRow[]): Promise<Customer[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => psText(row.id));
  const groupIds = distinct(rows.flatMap((row) => [psId(row.id_default_group), ...associationIds(row, 'groups')]));
  const [shop, addressRows, orderRows, references, groupReferences] = await Promise.all([
    bridge.shop.snapshot(),
    listIn(bridge.client, 'addresses', 'id_customer', ids, 'full', { deleted: '[0]' }),
    listIn(bridge.client, 'orders', 'id_customer', ids, ['id', 'id_customer']),
    bridge.references.references('customer', ids),
    bridge.references.references('customer-group', groupIds),
  ]);
  const addresses = new Map<string, Address[]>();
  for (const row of addressRows.sort((a, b) => Number(a.id) - Number(b.id))) {
    const owner = psText(row.id_customer);
    addresses.set(owner, [...(addresses.get(owner) ?? []), toAddress(row, shop, 'both')]);
  }
  const withOrders = new Set(orderRows.map((row) => psText(row.id_customer)));
  return rows.map((row) =>
    toCustomer(row, {
      shop,
      references,
      groupReferences,
      addresses,
      withOrders,
      shopId: bridge.contractShopId,
      includeRaw: bridge.includeRaw,
    }),
  );
}

/** Customers by id keyset, without the deleted ones; "without orders" (prospects) filters each page. */
export async function listCustomers(bridge: Bridge, options: CustomerListOptions): Promise<AdapterPage<Customer>> {
  const filter = { deleted: '[0]', ...(await updatedSinceFilter(bridge, 'date_upd', options.updatedSince)) };
  const { rows, nextCursor } = await idPage(bridge, 'customers', options, 'full', filter);
  const customers = await mapCustomers(bridge, rows);
  return { items: options.withoutOrders ? customers.filter((customer) => !customer.hasOrders) : customers, nextCursor };
}

export async function getCustomer(bridge: Bridge, id: string): Promise<Customer | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('customers', id);
  if (!row || psBool(row.deleted)) return null;
  return (await mapCustomers(bridge, [row]))[0] ?? null;
}

export async function listCustomerIds(bridge: Bridge, options: ListOptions): Promise<AdapterPage<string>> {
  const { rows, nextCursor } = await idPage(bridge, 'customers', options, ['id'], { deleted: '[0]' });
  return { items: rows.map((row) => psText(row.id)), nextCursor };
}

/** Customers by the ERP code they were written with: PrestaShop has no field for it, the binding does. */
export async function customersByReferences(bridge: Bridge, references: string[]): Promise<Map<string, Customer>> {
  const bound = await bridge.references.platformIds('customer', references);
  const rows = await listIn(bridge.client, 'customers', 'id', [...bound.values()], 'full', { deleted: '[0]' });
  const customers = new Map((await mapCustomers(bridge, rows)).map((customer) => [customer.id as string, customer]));
  const out = new Map<string, Customer>();
  for (const [reference, id] of bound) {
    const customer = customers.get(id);
    if (customer) out.set(reference, { ...customer, reference });
  }
  return out;
}

/** Customers by email, keyed by the lower-cased email (the filter ignores case; accounts are matched exactly after). */
export async function customersByEmails(bridge: Bridge, emails: string[]): Promise<Map<string, Customer>> {
  const wanted = new Set(emails.map((email) => email.trim().toLowerCase()));
  const rows: PsRow[] = [];
  for (const part of chunk(distinct([...wanted]), 50)) {
    rows.push(
      ...(await bridge.client.list('customers', {
        display: 'full',
        filter: { email: anyOf(part), deleted: '[0]' },
        sort: ['id_ASC'],
      })),
    );
  }
  // A registered account wins over the guest records PrestaShop keeps per guest order.
  rows.sort((a, b) => Number(psBool(a.is_guest)) - Number(psBool(b.is_guest)) || Number(a.id) - Number(b.id));
  const out = new Map<string, Customer>();
  for (const customer of await mapCustomers(bridge, rows)) {
    const email = customer.email?.toLowerCase();
    if (email && wanted.has(email) && !out.has(email)) out.set(email, customer);
  }
  return out;
}

/** Replaces a customer's addresses: matched by id, then alias; updated, created, and the others deleted. */
async function replaceAddresses(bridge: Bridge, customerId: string, addresses: readonly Address[]): Promise<void> {
  const shop = await bridge.shop.snapshot();
  const mapped = addresses.map((address) => ({ address, ...addressFields(address, customerId, shop) }));
  const refused = mapped.find((entry) => entry.refusal);
  if (refused?.refusal) throw new ItemRefused(refused.refusal);
  const existing = await bridge.client.list('addresses', {
    display: ['id', 'alias'],
    filter: { id_customer: literal(customerId), deleted: '[0]' },
  });
  const unused = new Map(existing.map((row) => [psText(row.id), psText(row.alias)]));
  for (const entry of mapped) {
    const byId = entry.address.id && unused.has(entry.address.id) ? entry.address.id : undefined;
    const alias = psText(entry.fields.alias);
    const id = byId ?? [...unused].find(([, existingAlias]) => existingAlias === alias)?.[0];
    if (id) {
      unused.delete(id);
      await bridge.client.update('addresses', id, { fields: entry.fields });
    } else {
      await bridge.client.create('addresses', { fields: entry.fields });
    }
  }
  // PrestaShop soft-deletes an address orders still use (`deleted` = 1); their orders keep it.
  for (const id of unused.keys()) await bridge.client.delete('addresses', id);
}

interface CustomerDirectives {
  passwordMode?: string;
  notificationEmail?: boolean;
}

async function writeCustomer(bridge: Bridge, plan: PlannedWrite<CustomerWrite>): Promise<WriteOutcome> {
  const shop = await bridge.shop.snapshot();
  const data = plan.data;
  const create = plan.action === 'create';
  const directives = plan.directives as CustomerDirectives;
  const notes: string[] = [];
  const fields = customerFields(data, shop, notes);
  const entity: PsEntity = { fields };
  let groupIds: string[] | undefined;
  if (data.groups !== undefined) {
    groupIds = [];
    for (const key of data.groups) {
      const id = await resolveGroup(bridge, key);
      if (!id) throw new ItemRefused(`customer group "${key}" does not exist in the shop: send the groups first`);
      groupIds.push(id);
    }
  }
  if (data.defaultGroup !== undefined) {
    const id = await resolveGroup(bridge, data.defaultGroup);
    if (!id)
      throw new ItemRefused(`customer group "${data.defaultGroup}" does not exist in the shop: send the groups first`);
    fields.id_default_group = id;
    // A customer belongs to its default group too (Atoo-Sync "also add to the default group").
    if (groupIds && !groupIds.includes(id)) groupIds.push(id);
  }
  if (create) {
    if (!optionalText(data.firstName) || !optionalText(data.lastName)) {
      throw new ItemRefused('PrestaShop requires a first and a last name to create a customer');
    }
    if (!data.email) throw new ItemRefused('PrestaShop requires an email to create a customer');
    fields.passwd = randomBytes(18).toString('base64url');
    fields.is_guest = '0';
    fields.id_default_group ??= shop.config.get('PS_CUSTOMER_GROUP') ?? '3';
    groupIds ??= [psText(fields.id_default_group)];
    if (directives.passwordMode === 'random-and-reset-email') {
      notes.push('no password email: the Webservice cannot send one; the customer uses "Forgot your password?"');
    } else if (directives.passwordMode === 'erp-provided') {
      notes.push('the ERP sent no password: a random one was set');
    }
    if (directives.notificationEmail) notes.push('no account-creation email: the Webservice does not send it');
  }
  if (groupIds) entity.associations = { groups: { node: 'group', items: distinct(groupIds).map((id) => ({ id })) } };

  let id: string;
  if (create) {
    id = psText((await bridge.client.create('customers', entity)).id);
  } else {
    id = plan.platformId as string;
    if (Object.keys(fields).length || entity.associations) await bridge.client.update('customers', id, entity);
  }
  if (data.addresses !== undefined) await replaceAddresses(bridge, id, data.addresses);
  return outcomeWithNotes(plan.key, id, notes);
}

export async function writeCustomers(
  bridge: Bridge,
  plans: PlannedWrite<CustomerWrite>[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  return forEachWrite(bridge, context, plans, async (plan) => {
    try {
      return await writeCustomer(bridge, plan);
    } catch (error) {
      return failure(plan.key, error);
    }
  });
}
