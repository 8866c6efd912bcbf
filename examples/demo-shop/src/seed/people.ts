import type { Customer, CustomerGroup } from '@passerelle/core';
import { SHOP_ID } from '../shop-configuration.js';
import { CUSTOMER_SEEDS, GROUP_SEEDS } from './people-data.js';
import type { Prng } from './prng.js';

export interface PeopleSeed {
  groups: CustomerGroup[];
  customers: Customer[];
  groupCreatedAt: string;
}

const DAY = 86_400_000;

/** Customer groups and accounts (B2C in France and Switzerland, B2B with company and VAT data). */
export function buildPeople(prng: Prng, anchorIso: string): PeopleSeed {
  const anchor = Date.parse(anchorIso);
  const groupCreatedAt = new Date(anchor - 720 * DAY).toISOString();
  const groups: CustomerGroup[] = GROUP_SEEDS.map((seed) => ({
    id: String(seed.id),
    reference: seed.reference,
    shopId: SHOP_ID,
    name: { ...seed.name },
    ...('reduction' in seed ? { reduction: seed.reduction } : {}),
    priceDisplay: seed.priceDisplay,
    sourceUpdatedAt: groupCreatedAt,
  }));

  let addressId = 0;
  const customers: Customer[] = CUSTOMER_SEEDS.map((seed) => {
    const createdAt = new Date(anchor - prng.int(75, 700) * DAY - prng.int(0, 86_399) * 1000).toISOString();
    const updatedAt = new Date(
      Math.min(Date.parse(createdAt) + prng.int(0, 200) * DAY, anchor - prng.int(62, 70) * DAY),
    ).toISOString();
    return {
      id: String(seed.id),
      ...(seed.reference ? { reference: seed.reference } : {}),
      shopId: SHOP_ID,
      email: seed.email,
      firstName: seed.firstName,
      lastName: seed.lastName,
      ...(seed.company ? { company: seed.company } : {}),
      ...(seed.siret ? { siret: seed.siret } : {}),
      ...(seed.vatNumber ? { vatNumber: seed.vatNumber } : {}),
      ...(seed.ape ? { ape: seed.ape } : {}),
      ...(seed.outstandingAllowed ? { outstandingAllowed: seed.outstandingAllowed } : {}),
      ...(seed.maxPaymentDays !== undefined ? { maxPaymentDays: seed.maxPaymentDays } : {}),
      groups: [...seed.groups],
      defaultGroup: seed.defaultGroup,
      addresses: seed.addresses.map((address) => ({
        ...address,
        id: String(++addressId),
        firstName: seed.firstName,
        lastName: seed.lastName,
      })),
      ...(seed.note ? { note: seed.note } : {}),
      newsletter: seed.newsletter,
      optIn: false,
      language: seed.language,
      ...(seed.birthday ? { birthday: seed.birthday } : {}),
      active: true,
      createdAt,
      sourceUpdatedAt: updatedAt,
    };
  });
  return { groups, customers, groupCreatedAt };
}
