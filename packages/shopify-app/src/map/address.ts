import type { Address, AddressType } from '@passerelle/core';
import type { MailingAddressNode } from '../graphql/shopify.types.js';
import { bareGid } from './gid.js';

/**
 * A Shopify address as the contract's, or null when it lacks what an address needs (a line, a city,
 * a country): shops hold half-filled addresses, and the contract refuses them rather than guess.
 */
export function toAddress(node: MailingAddressNode | null | undefined, type: AddressType): Address | null {
  if (!node?.address1 || !node.city || !node.countryCodeV2) return null;
  const state = node.provinceCode ? `${node.countryCodeV2}-${node.provinceCode}` : (node.province ?? undefined);
  return {
    ...(node.id ? { id: bareGid(node.id) } : {}),
    type,
    ...(node.company ? { company: node.company } : {}),
    firstName: node.firstName ?? '',
    lastName: node.lastName ?? '',
    address1: node.address1,
    ...(node.address2 ? { address2: node.address2 } : {}),
    postcode: node.zip ?? '',
    city: node.city,
    ...(state ? { state } : {}),
    country: node.countryCodeV2,
    ...(node.phone ? { phone: node.phone } : {}),
  };
}

/** An order without a usable address still needs one: the customer's name and explicit unknowns. */
export function unknownAddress(type: AddressType, firstName: string, lastName: string): Address {
  return { type, firstName, lastName, address1: '-', postcode: '', city: '-', country: 'ZZ' };
}

/** The contract's address as Shopify's `MailingAddressInput`. */
export function toMailingAddressInput(address: Address): Record<string, string> {
  const province = address.state?.includes('-') ? address.state.split('-').slice(1).join('-') : address.state;
  return {
    firstName: address.firstName,
    lastName: address.lastName,
    address1: address.address1,
    ...(address.address2 ? { address2: address.address2 } : {}),
    ...(address.company ? { company: address.company } : {}),
    city: address.city,
    zip: address.postcode,
    countryCode: address.country,
    ...(province ? { provinceCode: province } : {}),
    ...(address.phone || address.mobile ? { phone: (address.phone || address.mobile) as string } : {}),
  };
}
