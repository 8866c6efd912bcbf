import { z } from 'zod';
import { countryCodeSchema, idSchema } from './common.js';
import { strictObject } from './strict-object.js';

export const addressTypes = ['billing', 'shipping', 'both'] as const;

/**
 * A postal address, in customers and in orders. Its fields carry labels only: the field that
 * holds the address (`customer.addresses`, `order.billingAddress`) says how a write treats it.
 * Names may be empty (a company-only B2B address); postcode may be empty (Hong Kong, Ireland).
 */
export const addressSchema = strictObject({
  id: idSchema.optional().meta({ label: 'Address id' }),
  alias: z.string().optional().meta({ label: 'Alias' }),
  type: z.enum(addressTypes).meta({ label: 'Address type' }),
  company: z.string().optional().meta({ label: 'Company' }),
  firstName: z.string().meta({ label: 'First name' }),
  lastName: z.string().meta({ label: 'Last name' }),
  address1: z.string().min(1).meta({ label: 'Address line 1' }),
  address2: z.string().optional().meta({ label: 'Address line 2' }),
  postcode: z.string().meta({ label: 'Postcode' }),
  city: z.string().min(1).meta({ label: 'City' }),
  /** ISO 3166-2 subdivision code (`CA-QC`) when the platform has one, else its name. */
  state: z.string().min(1).optional().meta({ label: 'State / province' }),
  country: countryCodeSchema.meta({ label: 'Country' }),
  phone: z.string().optional().meta({ label: 'Phone' }),
  mobile: z.string().optional().meta({ label: 'Mobile phone' }),
  vatNumber: z.string().optional().meta({ label: 'VAT number' }),
});

export type Address = z.infer<typeof addressSchema>;
export type AddressType = (typeof addressTypes)[number];
