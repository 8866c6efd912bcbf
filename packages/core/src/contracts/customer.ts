import { z } from 'zod';
import { addressSchema } from './address.js';
import {
  emailSchema,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  languageCodeSchema,
  nonNegativeDecimal,
  referenceSchema,
} from './common.js';
import { strictObject } from './strict-object.js';

/**
 * A shop customer with the B2B data the ERP keeps (SIRET, VAT number, outstanding, payment
 * terms). `email` is optional: Shopify holds phone-only customers, and
 * `customers.create.skipWithoutEmail` decides what a write without one does.
 */
export const customerSchema = z.object({
  id: idSchema.optional().meta({ label: 'Customer id', key: true }),
  /** The ERP customer code; optional on read because shop customers have none until the ERP assigns one. */
  reference: referenceSchema.optional().meta({ label: 'Customer code', key: true }),
  shopId: idSchema.optional().meta({ label: 'Shop', key: true }),
  email: emailSchema.optional().meta({ label: 'Email', updateToggle: 'customers.update.email' }),
  firstName: z.string().optional().meta({ label: 'First name', updateToggle: 'customers.update.names' }),
  lastName: z.string().optional().meta({ label: 'Last name', updateToggle: 'customers.update.names' }),
  company: z.string().optional().meta({ label: 'Company', updateToggle: 'customers.update.b2b' }),
  siret: z.string().min(1).optional().meta({ label: 'SIRET', updateToggle: 'customers.update.b2b' }),
  vatNumber: z.string().min(1).optional().meta({ label: 'VAT number', updateToggle: 'customers.update.b2b' }),
  ape: z.string().min(1).optional().meta({ label: 'APE / NAF code', updateToggle: 'customers.update.b2b' }),
  outstandingAllowed: nonNegativeDecimal
    .optional()
    .meta({ label: 'Authorized outstanding', updateToggle: 'customers.update.b2b' }),
  maxPaymentDays: z.int().min(0).optional().meta({ label: 'Max payment days', updateToggle: 'customers.update.b2b' }),
  riskLevel: z.string().min(1).optional().meta({ label: 'Risk level', updateToggle: 'customers.update.b2b' }),
  /** Group references. */
  groups: z.array(referenceSchema).optional().meta({ label: 'Groups', updateToggle: 'customers.update.group' }),
  defaultGroup: referenceSchema
    .optional()
    .meta({ label: 'Default group', updateToggle: 'customers.update.defaultGroup' }),
  addresses: z.array(addressSchema).optional().meta({ label: 'Addresses', updateToggle: 'customers.update.addresses' }),
  note: z.string().optional().meta({ label: 'Note', updateToggle: 'customers.update.notes' }),
  /** The ERP account code shown on the shop's customer card (B2B module "Code ERP du client"). */
  erpAccount: z.string().min(1).optional().meta({ label: 'ERP account', updateToggle: 'customers.update.erpAccount' }),
  newsletter: z.boolean().optional().meta({ label: 'Newsletter', createOnly: true }),
  optIn: z.boolean().optional().meta({ label: 'Partner offers opt-in', createOnly: true }),
  language: languageCodeSchema.optional().meta({ label: 'Language', createOnly: true }),
  birthday: isoDateSchema.optional().meta({ label: 'Birthday', createOnly: true }),
  /** Changed after creation only through `POST /customers/activation`. */
  active: z.boolean().optional().meta({ label: 'Active', createOnly: true }),
  hasOrders: z.boolean().optional().meta({ label: 'Has ordered', readOnly: true }),
  createdAt: isoDateTimeSchema.optional().meta({ label: 'Created on the platform', readOnly: true }),
  sourceUpdatedAt: isoDateTimeSchema.optional().meta({ label: 'Updated on the platform', readOnly: true }),
  raw: z.unknown().optional().meta({ label: 'Raw platform payload', readOnly: true }),
});

/** `PUT /customers` item: keyed by `reference`, platform ids and read-only facts left out, unknown fields refused. */
export const customerWriteSchema = strictObject({
  ...customerSchema.omit({ id: true, shopId: true, hasOrders: true, createdAt: true, raw: true }).shape,
  reference: referenceSchema.meta({ label: 'Customer code', key: true }),
});

export type Customer = z.infer<typeof customerSchema>;
