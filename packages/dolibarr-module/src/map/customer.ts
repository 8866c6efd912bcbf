import type { Address, Customer, CustomerWrite } from '@passerelle/core';
import { type DolibarrObject, type DolibarrThirdparty, stringOf } from '../payloads.types.js';
import type { DolibarrSettings } from '../settings.js';
import { isoFromUnix } from './dates.js';
import { languageFromDolibarr, languageToDolibarr } from './language.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The third party's own address, as the customer's main (billing) address. */
export function thirdpartyAddress(raw: DolibarrThirdparty, countryCode: string | null): Address | undefined {
  const address1 = stringOf(raw.address);
  const city = stringOf(raw.town);
  if (!address1 || !city || !countryCode) return undefined;
  const [first, ...rest] = address1.split('\n');
  const phone = stringOf(raw.phone);
  return {
    type: 'both',
    ...(stringOf(raw.name_alias) ? { company: stringOf(raw.name_alias) } : {}),
    firstName: stringOf(raw.firstname) ?? '',
    lastName: stringOf(raw.lastname) ?? stringOf(raw.name) ?? '',
    address1: first ?? address1,
    ...(rest.length ? { address2: rest.join(' ') } : {}),
    postcode: stringOf(raw.zip) ?? '',
    city,
    country: countryCode,
    ...(phone ? { phone } : {}),
  };
}

/**
 * A third party as a customer. The customer code is `code_client`; person names are `firstname` /
 * `lastname` (what this module writes), the company is `name_alias`, else the name of a third party
 * created in Dolibarr without them.
 */
export function customerFromDolibarr(raw: DolibarrThirdparty, countryCode: string | null): Customer {
  const email = stringOf(raw.email);
  const firstName = stringOf(raw.firstname);
  const lastName = stringOf(raw.lastname);
  const company = stringOf(raw.name_alias) ?? (firstName || lastName ? undefined : stringOf(raw.name));
  const address = thirdpartyAddress(raw, countryCode);
  const language = languageFromDolibarr(raw.default_lang);
  const created = isoFromUnix(raw.date_creation);
  const updated = isoFromUnix(raw.date_modification);
  const note = typeof raw.note_private === 'string' && raw.note_private !== '' ? raw.note_private : undefined;
  return {
    id: String(raw.id),
    ...(stringOf(raw.code_client) ? { reference: stringOf(raw.code_client) } : {}),
    ...(email && EMAIL.test(email) ? { email } : {}),
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(company ? { company } : {}),
    ...(stringOf(raw.idprof2) ? { siret: stringOf(raw.idprof2) } : {}),
    ...(stringOf(raw.tva_intra) ? { vatNumber: stringOf(raw.tva_intra) } : {}),
    ...(stringOf(raw.idprof3) ? { ape: stringOf(raw.idprof3) } : {}),
    ...(address ? { addresses: [address] } : {}),
    ...(note ? { note } : {}),
    ...(language ? { language } : {}),
    active: String(raw.status ?? '1') === '1',
    ...(created ? { createdAt: created } : {}),
    ...(updated ? { sourceUpdatedAt: updated } : {}),
  };
}

/** The address Dolibarr keeps on the third party: billing first, else the first one. */
export function mainAddressOf(addresses: Address[] | undefined): Address | undefined {
  return (
    addresses?.find((address) => address.type === 'billing') ??
    addresses?.find((address) => address.type === 'both') ??
    addresses?.[0]
  );
}

export function displayName(
  input: {
    company?: string | undefined;
    firstName?: string | undefined;
    lastName?: string | undefined;
    email?: string | undefined;
  },
  uppercase: boolean,
): string {
  const person = [input.firstName, input.lastName]
    .filter((part) => part && part.trim() !== '')
    .join(' ')
    .trim();
  const name = input.company?.trim() || person || input.email || 'Customer';
  return uppercase ? name.toLocaleUpperCase('fr') : name;
}

/**
 * The third-party fields a planned customer write sets. `name` is derived (company, else the person)
 * when a field it depends on is written; `existing` fills the parts the plan left out.
 */
export async function thirdpartyPayload(
  data: Partial<CustomerWrite>,
  existing: Partial<CustomerWrite> | null,
  settings: DolibarrSettings,
  countryId: (code: string | undefined) => Promise<number | null>,
): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = {};
  if (data.reference !== undefined) payload.code_client = data.reference;
  if (data.firstName !== undefined) payload.firstname = data.firstName;
  if (data.lastName !== undefined) payload.lastname = data.lastName;
  if (data.company !== undefined) payload.name_alias = data.company;
  if (data.firstName !== undefined || data.lastName !== undefined || data.company !== undefined || existing === null) {
    payload.name = displayName(
      {
        company: data.company ?? existing?.company,
        firstName: data.firstName ?? existing?.firstName,
        lastName: data.lastName ?? existing?.lastName,
        email: data.email ?? existing?.email,
      },
      settings.uppercaseNames,
    );
  }
  if (data.email !== undefined) payload.email = data.email;
  if (data.siret !== undefined) payload.idprof2 = data.siret;
  if (data.ape !== undefined) payload.idprof3 = data.ape;
  if (data.vatNumber !== undefined) payload.tva_intra = data.vatNumber;
  if (data.note !== undefined) payload.note_private = data.note;
  if (data.active !== undefined) payload.status = data.active ? 1 : 0;
  if (settings.syncLanguage && (data.language !== undefined || existing === null)) {
    payload.default_lang = languageToDolibarr(data.language ?? settings.defaultLanguage);
  }
  const main = data.addresses === undefined ? undefined : mainAddressOf(data.addresses);
  if (main) {
    payload.address = main.address2 ? `${main.address1}\n${main.address2}` : main.address1;
    payload.zip = main.postcode;
    payload.town = main.city;
    payload.country_id = await countryId(main.country);
    if (main.phone ?? main.mobile) payload.phone = main.phone ?? main.mobile;
  }
  return payload;
}

/** A contact (Dolibarr "socpeople") for an address other than the main one. */
export async function contactPayload(
  address: Address,
  socid: number,
  email: string | undefined,
  countryId: (code: string) => Promise<number | null>,
): Promise<Record<string, unknown>> {
  return {
    socid,
    firstname: address.firstName,
    lastname: address.lastName || address.company || '-',
    ...(email ? { email } : {}),
    address: address.address2 ? `${address.address1}\n${address.address2}` : address.address1,
    zip: address.postcode,
    town: address.city,
    country_id: await countryId(address.country),
    ...(address.phone ? { phone_pro: address.phone } : {}),
    ...(address.mobile ? { phone_mobile: address.mobile } : {}),
  };
}

/** Two addresses are the same place when street, postcode, city and country match (case and spaces aside). */
export function sameAddress(a: Record<string, unknown>, b: Address): boolean {
  const norm = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim().toLowerCase() : '');
  const street = b.address2 ? `${b.address1}\n${b.address2}` : b.address1;
  return (
    norm(a.address).replace(/\n/g, ' ') === norm(street).replace(/\n/g, ' ') &&
    norm(a.zip) === norm(b.postcode) &&
    norm(a.town) === norm(b.city) &&
    norm(a.country_code) === norm(b.country)
  );
}

export type { DolibarrObject };
