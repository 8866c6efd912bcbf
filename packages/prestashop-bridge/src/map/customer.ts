import type { Address, Customer, CustomerWrite } from '@passerelle/core';
import { emailSchema } from '@passerelle/core';
import type { PsRow } from '../client.js';
import type { ShopSnapshot } from '../shop-context.js';
import type { PsFieldValue } from '../xml.js';
import { associationIds } from './product.js';
import { boolText, decimal, optionalText, psBool, psId, psInt, psText } from './scalars.js';

export interface CustomerReadContext {
  shop: ShopSnapshot;
  references: Map<string, string>;
  groupReferences: Map<string, string>;
  addresses: Map<string, Address[]>;
  withOrders: Set<string>;
  shopId: string | undefined;
  includeRaw: boolean;
}

/** A `customers` row. Groups are named by the reference the ERP gave them when bound, else by their id. */
export function toCustomer(row: PsRow, context: CustomerReadContext): Customer {
  const { shop } = context;
  const id = psText(row.id);
  const groupRef = (groupId: string) => context.groupReferences.get(groupId) ?? groupId;
  const customer: Customer = {
    id,
    firstName: psText(row.firstname),
    lastName: psText(row.lastname),
    groups: associationIds(row, 'groups').map(groupRef),
    newsletter: psBool(row.newsletter),
    optIn: psBool(row.optin),
    active: psBool(row.active),
    hasOrders: context.withOrders.has(id),
    addresses: context.addresses.get(id) ?? [],
  };
  const reference = context.references.get(id);
  if (reference) customer.reference = reference;
  if (context.shopId) customer.shopId = context.shopId;
  const email = emailSchema.safeParse(psText(row.email).trim());
  if (email.success) customer.email = email.data;
  const defaultGroup = psId(row.id_default_group);
  if (defaultGroup) customer.defaultGroup = groupRef(defaultGroup);
  const company = optionalText(row.company);
  if (company) customer.company = company;
  const siret = optionalText(row.siret);
  if (siret) customer.siret = siret;
  const ape = optionalText(row.ape);
  if (ape) customer.ape = ape;
  const outstanding = decimal(row.outstanding_allow_amount, 2);
  if (!/^0(\.0+)?$/.test(outstanding) && !outstanding.startsWith('-')) customer.outstandingAllowed = outstanding;
  const days = psInt(row.max_payment_days);
  if (days > 0) customer.maxPaymentDays = days;
  const risk = psId(row.id_risk);
  if (risk) customer.riskLevel = risk;
  const note = optionalText(row.note);
  if (note) customer.note = note;
  const language = shop.languageById.get(psText(row.id_lang))?.code;
  if (language) customer.language = language;
  const birthday = shop.dates.toIsoDate(row.birthday);
  if (birthday) customer.birthday = birthday;
  const created = shop.dates.toIso(row.date_add);
  if (created) customer.createdAt = created;
  const updated = shop.dates.toIso(row.date_upd);
  if (updated) customer.sourceUpdatedAt = updated;
  if (context.includeRaw) customer.raw = row;
  return customer;
}

/** The customer fields of a planned write that map one to one; groups and addresses are the caller's. */
export function customerFields(
  data: Partial<CustomerWrite>,
  shop: ShopSnapshot,
  notes: string[],
): Record<string, PsFieldValue> {
  const fields: Record<string, PsFieldValue> = {};
  if (data.email !== undefined) fields.email = data.email;
  if (data.firstName !== undefined) fields.firstname = data.firstName;
  if (data.lastName !== undefined) fields.lastname = data.lastName;
  if (data.company !== undefined) fields.company = data.company;
  if (data.siret !== undefined) fields.siret = data.siret;
  if (data.ape !== undefined) fields.ape = data.ape;
  if (data.outstandingAllowed !== undefined) fields.outstanding_allow_amount = decimal(data.outstandingAllowed);
  if (data.maxPaymentDays !== undefined) fields.max_payment_days = String(data.maxPaymentDays);
  if (data.riskLevel !== undefined) {
    if (/^\d+$/.test(data.riskLevel)) fields.id_risk = data.riskLevel;
    else notes.push(`riskLevel "${data.riskLevel}": PrestaShop takes a risk id (1-4); not written`);
  }
  if (data.vatNumber !== undefined)
    notes.push('vatNumber: PrestaShop keeps VAT numbers on addresses, not customers; not written');
  if (data.erpAccount !== undefined)
    notes.push('erpAccount: the Webservice has no field for an ERP account code; not written');
  if (data.note !== undefined) fields.note = data.note;
  if (data.newsletter !== undefined) fields.newsletter = boolText(data.newsletter);
  if (data.optIn !== undefined) fields.optin = boolText(data.optIn);
  if (data.language !== undefined) {
    const language =
      shop.languageByCode.get(data.language.toLowerCase()) ??
      shop.languageByCode.get(data.language.split('-')[0] ?? '');
    if (language) fields.id_lang = language.id;
    else notes.push(`language ${data.language} is not installed in the shop; not written`);
  }
  if (data.birthday !== undefined) fields.birthday = data.birthday;
  if (data.active !== undefined) fields.active = boolText(data.active);
  return fields;
}
