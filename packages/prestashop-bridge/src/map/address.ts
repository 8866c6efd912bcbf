import type { Address, AddressType } from '@passerelle/core';
import type { PsRow } from '../client.js';
import type { ShopSnapshot } from '../shop-context.js';
import type { PsFieldValue } from '../xml.js';
import { optionalText, psId, psText } from './scalars.js';

/** ISO 3166-2 (`CA-QC`) from PrestaShop's state `iso_code` (`QC`), which some shops already store prefixed. */
export function stateCode(countryCode: string, isoCode: string): string {
  return isoCode.includes('-') ? isoCode : `${countryCode}-${isoCode}`;
}

/**
 * An `addresses` row. PrestaShop addresses carry no billing/shipping type: a customer's address is
 * `both`, an order's is what the order uses it for.
 */
export function toAddress(row: PsRow, shop: ShopSnapshot, type: AddressType): Address {
  const countryCode =
    shop.countryById.get(psText(row.id_country))?.code ??
    shop.countryById.get(shop.config.get('PS_COUNTRY_DEFAULT') ?? '')?.code ??
    'FR';
  const address: Address = {
    id: psText(row.id),
    type,
    firstName: psText(row.firstname),
    lastName: psText(row.lastname),
    address1: optionalText(row.address1) ?? '-',
    postcode: psText(row.postcode),
    city: optionalText(row.city) ?? '-',
    country: countryCode,
  };
  const alias = optionalText(row.alias);
  if (alias) address.alias = alias;
  const company = optionalText(row.company);
  if (company) address.company = company;
  const address2 = optionalText(row.address2);
  if (address2) address.address2 = address2;
  const stateId = psId(row.id_state);
  const state = stateId ? shop.stateById.get(stateId) : undefined;
  if (state) address.state = stateCode(countryCode, state.code);
  const phone = optionalText(row.phone);
  if (phone) address.phone = phone;
  const mobile = optionalText(row.phone_mobile);
  if (mobile) address.mobile = mobile;
  const vat = optionalText(row.vat_number);
  if (vat) address.vatNumber = vat;
  return address;
}

const ALIASES: Record<AddressType, string> = { billing: 'Billing', shipping: 'Shipping', both: 'Address' };

/** The `addresses` fields of a contract address; a country or state the shop lacks is a refusal. */
export function addressFields(
  address: Address,
  customerId: string,
  shop: ShopSnapshot,
): { fields: Record<string, PsFieldValue>; refusal?: string } {
  const countryId = shop.countryIdByCode.get(address.country);
  if (!countryId) return { fields: {}, refusal: `country ${address.country} does not exist in the shop` };
  let stateId = '0';
  if (address.state) {
    const wanted = address.state.toUpperCase();
    const match = [...shop.stateById].find(
      ([, state]) =>
        state.countryId === countryId &&
        (stateCode(address.country, state.code).toUpperCase() === wanted || state.name.toUpperCase() === wanted),
    );
    if (match) stateId = match[0];
  }
  return {
    fields: {
      id_customer: customerId,
      id_country: countryId,
      id_state: stateId,
      alias: address.alias ?? ALIASES[address.type],
      company: address.company ?? '',
      firstname: address.firstName,
      lastname: address.lastName,
      address1: address.address1,
      address2: address.address2 ?? '',
      postcode: address.postcode,
      city: address.city,
      phone: address.phone ?? '',
      phone_mobile: address.mobile ?? '',
      vat_number: address.vatNumber ?? '',
    },
  };
}
