import { type Address, type Customer, emailSchema } from '@passerelle/core';
import type { WooCustomer } from '../woo.types.js';
import { hasAddress, toAddress } from './address.js';
import { fromWooGmt } from './dates.js';
import { wooDecimal } from './decimal-math.js';
import type { MapContext } from './map-context.js';
import { META, metaText } from './meta.js';

/**
 * A WooCommerce customer. Its `reference` is the ERP customer code the bridge stored in meta (none until
 * the ERP assigns one); the B2B data lives in the bridge's meta keys, since WooCommerce has no fields for
 * them. No `sourceUpdatedAt`: customers cannot be listed by modification date, so the sweep reads them
 * whole and compares content hashes.
 */
export function toCustomer(customer: WooCustomer, context: MapContext): Customer {
  const out: Customer = { id: String(customer.id) };
  const meta = customer.meta_data;
  const reference = metaText(meta, META.customerCode);
  if (reference) out.reference = reference;
  if (context.shopId) out.shopId = context.shopId;
  if (emailSchema.safeParse(customer.email).success) out.email = customer.email;
  if (customer.first_name) out.firstName = customer.first_name;
  if (customer.last_name) out.lastName = customer.last_name;
  if (customer.billing?.company) out.company = customer.billing.company;
  const vat = metaText(meta, META.vatNumber);
  if (vat) out.vatNumber = vat;
  const siret = metaText(meta, META.siret);
  if (siret) out.siret = siret;
  const ape = metaText(meta, META.ape);
  if (ape) out.ape = ape;
  const outstanding = wooDecimal(metaText(meta, META.outstandingAllowed));
  if (outstanding !== undefined && !outstanding.startsWith('-')) out.outstandingAllowed = outstanding;
  const days = Number(metaText(meta, META.maxPaymentDays));
  if (Number.isInteger(days) && days >= 0 && metaText(meta, META.maxPaymentDays) !== undefined)
    out.maxPaymentDays = days;
  const risk = metaText(meta, META.riskLevel);
  if (risk) out.riskLevel = risk;
  const addresses: Address[] = [];
  if (hasAddress(customer.billing)) addresses.push(toAddress(customer.billing, 'billing', context.facts.baseCountry));
  if (hasAddress(customer.shipping))
    addresses.push(toAddress(customer.shipping, 'shipping', context.facts.baseCountry));
  if (addresses.length) out.addresses = addresses;
  const note = metaText(meta, META.customerNote);
  if (note) out.note = note;
  const erpAccount = metaText(meta, META.erpAccount);
  if (erpAccount) out.erpAccount = erpAccount;
  out.hasOrders = customer.is_paying_customer === true;
  const created = fromWooGmt(customer.date_created_gmt);
  if (created) out.createdAt = created;
  if (context.includeRaw) out.raw = customer;
  return out;
}
