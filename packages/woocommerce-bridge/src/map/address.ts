import type { Address, AddressType } from '@passerelle/core';
import type { WooAddress } from '../woo.types.js';

/**
 * Placeholder for the address line or city an order left blank (digital goods ask only for a name and an
 * email): the contract requires both, and inventing a street would be worse than saying there is none.
 */
export const NO_VALUE = '-';

/** Whether WooCommerce holds an address there at all (a customer who never checked out has blanks). */
export function hasAddress(address: WooAddress | undefined): address is WooAddress {
  return Boolean(address && (address.address_1.trim() || address.city.trim()));
}

/** A WooCommerce address as the contract's; the country falls back to the store's when left blank. */
export function toAddress(address: WooAddress, type: AddressType, baseCountry: string): Address {
  const country = address.country?.trim().toUpperCase();
  const out: Address = {
    type,
    firstName: address.first_name ?? '',
    lastName: address.last_name ?? '',
    address1: address.address_1?.trim() || NO_VALUE,
    postcode: address.postcode ?? '',
    city: address.city?.trim() || NO_VALUE,
    country: country && /^[A-Z]{2}$/.test(country) ? country : baseCountry,
  };
  if (address.company) out.company = address.company;
  if (address.address_2) out.address2 = address.address_2;
  // WooCommerce keeps the subdivision code without its country (`CA` for California): ISO 3166-2 adds it.
  if (address.state)
    out.state = /^[A-Z0-9]{1,3}$/.test(address.state) ? `${out.country}-${address.state}` : address.state;
  if (address.phone) out.phone = address.phone;
  return out;
}

/** The contract address in WooCommerce's shape (the state without its country prefix). */
export function fromAddress(address: Address, email?: string): WooAddress {
  const state = address.state?.startsWith(`${address.country}-`)
    ? address.state.slice(address.country.length + 1)
    : address.state;
  return {
    first_name: address.firstName,
    last_name: address.lastName,
    company: address.company ?? '',
    address_1: address.address1,
    address_2: address.address2 ?? '',
    city: address.city,
    state: state ?? '',
    postcode: address.postcode,
    country: address.country,
    ...(email !== undefined ? { email } : {}),
    ...(address.phone !== undefined || address.mobile !== undefined
      ? { phone: address.phone ?? address.mobile ?? '' }
      : {}),
  };
}
