import type { Address, Customer, CustomerWrite } from '@passerelle/core';
import { REFERENCE_KEY, REFERENCE_NAMESPACE } from '../graphql/fragments.js';
import type { CustomerNode } from '../graphql/shopify.types.js';
import { toAddress } from './address.js';
import { isoUtc } from './date.js';

export interface CustomerContext {
  shopId: string;
  /** `platform.shopify.customerGroupTagPrefix`. */
  groupTagPrefix: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/;

/** Shopify locales (`en`, `pt-BR`, `zh-cn`) in the contract's canonical case, or undefined when unusable. */
export function toLanguage(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  const [language = '', ...rest] = locale.replace('_', '-').split('-');
  const tag = [
    language.toLowerCase(),
    ...rest.map((part) =>
      part.length === 4 ? part[0]?.toUpperCase() + part.slice(1).toLowerCase() : part.toUpperCase(),
    ),
  ].join('-');
  return LANGUAGE.test(tag) ? tag : undefined;
}

/** Customer groups are tags (spec §1.7: "Customer group goes into a customer tag"). */
export function groupsOf(tags: string[], prefix: string): string[] {
  return tags
    .filter((tag) => tag.startsWith(prefix) && tag.length > prefix.length)
    .map((tag) => tag.slice(prefix.length));
}

export function toCustomer(node: CustomerNode, context: CustomerContext): Customer {
  const email = node.defaultEmailAddress?.emailAddress;
  const groups = groupsOf(node.tags, context.groupTagPrefix);
  const defaultAddressId = node.defaultAddress?.id.split('?')[0];
  const addresses = node.addressesV2.nodes
    .map((address) => toAddress(address, address.id.split('?')[0] === defaultAddressId ? 'both' : 'shipping'))
    .filter((address): address is Address => address !== null);
  const language = toLanguage(node.locale);
  const orders = Number(node.numberOfOrders);
  return {
    id: node.id,
    ...(node.reference?.value ? { reference: node.reference.value } : {}),
    shopId: context.shopId,
    ...(email && EMAIL.test(email) ? { email } : {}),
    ...(node.firstName ? { firstName: node.firstName } : {}),
    ...(node.lastName ? { lastName: node.lastName } : {}),
    ...(groups.length ? { groups, defaultGroup: groups[0] } : {}),
    ...(addresses.length ? { addresses } : {}),
    ...(node.note ? { note: node.note } : {}),
    ...(node.defaultEmailAddress ? { newsletter: node.defaultEmailAddress.marketingState === 'SUBSCRIBED' } : {}),
    ...(language ? { language } : {}),
    active: node.state !== 'DISABLED',
    hasOrders: Number.isFinite(orders) && orders > 0,
    createdAt: isoUtc(node.createdAt),
    sourceUpdatedAt: isoUtc(node.updatedAt),
  };
}

/** The `CustomerInput` of a plan's fields; addresses and tags travel through their own mutations. */
export function toCustomerInput(data: Partial<CustomerWrite>, reference: string | null): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (data.email !== undefined) input.email = data.email;
  if (data.firstName !== undefined) input.firstName = data.firstName;
  if (data.lastName !== undefined) input.lastName = data.lastName;
  if (data.note !== undefined) input.note = data.note;
  if (data.language !== undefined) input.locale = data.language;
  if (data.newsletter !== undefined && data.email) {
    input.emailMarketingConsent = {
      marketingState: data.newsletter ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED',
      marketingOptInLevel: 'SINGLE_OPT_IN',
    };
  }
  if (reference !== null) {
    input.metafields = [
      { namespace: REFERENCE_NAMESPACE, key: REFERENCE_KEY, type: 'single_line_text_field', value: reference },
    ];
  }
  return input;
}

/** The tags that carry a customer's groups. */
export function groupTags(groups: readonly string[], prefix: string): string[] {
  return [...new Set(groups.map((group) => `${prefix}${group}`))];
}
