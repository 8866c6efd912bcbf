import { definePlatformSection, type ExtendedSettings, extendSettings, languageCodeSchema } from '@passerelle/core';
import { z } from 'zod';
import { isTimeZone } from './map/dates.js';

const SECTION = 'platform.dolibarr';

function text(label: string, labelFr: string, description: string, descriptionFr: string) {
  return { label, labelFr, description, descriptionFr, section: SECTION };
}

const dolibarrId = z
  .string()
  .trim()
  .regex(/^\d+$/, 'A Dolibarr id is a number, as shown in the address bar of its card.');
const optionalId = z
  .preprocess(
    (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value),
    dolibarrId.nullable(),
  )
  .default(null);
const serviceRef = z.string().trim().min(1).max(128);
/** Keys are what the shop sends (a carrier id or name, a payment module's technical name). */
const mapKey = z.string().trim().min(1).max(128);

/**
 * The Dolibarr module's own settings (CyberOffice, spec §3.5, ERP side; MyCyberOffice, §3.6). They
 * say how what core decided to write is laid out in Dolibarr, never whether to write it.
 */
export const dolibarrSettingsSchema = z.strictObject({
  warehouse: optionalId.meta(
    text(
      'Warehouse',
      'Entrepôt',
      'Warehouse (id) whose stock orders take and stock updates correct. Empty = the first open warehouse. Check it is open.',
      'Entrepôt (id) dont les commandes prennent le stock et que les mises à jour de stock corrigent. Vide = le premier entrepôt ouvert.',
    ),
  ),
  carrierWarehouses: z
    .record(mapKey, dolibarrId)
    .default({})
    .meta(
      text(
        'Warehouse per carrier',
        'Entrepôt par transporteur',
        'Carrier (id or name, as the shop sends it) → warehouse id the order takes its stock from.',
        'Transporteur (id ou nom, tel que la boutique l’envoie) → id de l’entrepôt d’où la commande prend son stock.',
      ),
    ),
  stockWarehouse: z
    .string()
    .trim()
    .regex(/^\d+$/, 'A warehouse id, or 0 for the sum of all warehouses.')
    .default('0')
    .meta(
      text(
        'Stock read from',
        'Stock lu depuis',
        'Warehouse id whose stock is read and sent to the shop; 0 = the sum of all warehouses.',
        'Id de l’entrepôt dont le stock est lu et envoyé à la boutique ; 0 = la somme de tous les entrepôts.',
      ),
    ),
  stockType: z
    .enum(['physical', 'virtual'])
    .default('physical')
    .meta({
      ...text(
        'Stock type',
        'Type de stock',
        'Physical stock (on hand) or virtual stock (on hand minus orders not yet shipped, plus supplier orders).',
        'Stock physique, ou stock virtuel (physique moins les commandes non expédiées, plus les commandes fournisseur).',
      ),
      optionLabels: {
        physical: { label: 'Physical', labelFr: 'Physique' },
        virtual: { label: 'Virtual', labelFr: 'Virtuel' },
      },
    }),
  priceLevel: z
    .int()
    .min(1)
    .max(10)
    .default(1)
    .meta(
      text(
        'Price level',
        'Niveau de prix',
        'Which selling price level is read when Dolibarr has several prices per product (e.g. 3 = price 3).',
        'Le niveau de prix de vente lu quand Dolibarr a plusieurs prix par produit (ex. 3 = prix 3).',
      ),
    ),
  validateOrders: z
    .boolean()
    .default(true)
    .meta(
      text(
        'Validate orders',
        'Valider les commandes',
        'Validate orders created from the shop (final number, stock taken). Off = they stay drafts.',
        'Valide les commandes venues de la boutique (numéro définitif, stock pris). Désactivé = elles restent en brouillon.',
      ),
    ),
  validateInvoices: z
    .boolean()
    .default(true)
    .meta(
      text(
        'Validate invoices',
        'Valider les factures',
        'Validate invoices created from orders. Payments can only be recorded on validated invoices.',
        'Valide les factures créées depuis les commandes. Un paiement ne s’enregistre que sur une facture validée.',
      ),
    ),
  identicalInvoiceNumbers: z
    .boolean()
    .default(false)
    .meta(
      text(
        'Identical invoice numbers',
        'Numéros de facture identiques',
        'The Dolibarr invoice takes the shop’s invoice number. Both numbering masks must match (#FA ↔ FA{yy}{mm}{0000}).',
        'La facture Dolibarr prend le numéro de facture de la boutique. Les masques de numérotation doivent correspondre.',
      ),
    ),
  bankAccounts: z
    .record(mapKey, dolibarrId)
    .default({})
    .meta(
      text(
        'Bank account per payment method',
        'Compte bancaire par mode de paiement',
        'Payment module (technical name, e.g. ps_checkout, stripe) → bank account id the payment is recorded into.',
        'Module de paiement (nom technique, ex. ps_checkout, stripe) → id du compte bancaire où le paiement est enregistré.',
      ),
    ),
  defaultBankAccount: optionalId.meta(
    text(
      'Default bank account',
      'Compte bancaire par défaut',
      'Bank account id for payment methods not in the list above. Empty = the first open account.',
      'Id du compte bancaire des modes de paiement absents de la liste ci-dessus. Vide = le premier compte ouvert.',
    ),
  ),
  paymentModes: z
    .record(
      mapKey,
      z
        .string()
        .trim()
        .regex(/^[A-Z0-9_]{1,16}$/, 'A Dolibarr payment type code such as CB, VIR, CHQ, PPL.'),
    )
    .default({})
    .meta(
      text(
        'Payment type per payment method',
        'Type de paiement par mode de paiement',
        'Payment module → Dolibarr payment type code (CB, VIR, CHQ, LIQ, PPL…).',
        'Module de paiement → code du type de paiement Dolibarr (CB, VIR, CHQ, LIQ, PPL…).',
      ),
    ),
  defaultPaymentMode: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_]{1,16}$/)
    .default('CB')
    .meta(
      text(
        'Default payment type',
        'Type de paiement par défaut',
        'Payment type code for unmapped payment methods.',
        'Code du type de paiement des modes non associés.',
      ),
    ),
  uppercaseNames: z
    .boolean()
    .default(false)
    .meta(
      text(
        'Upper-case customer names',
        'Noms des clients en majuscules',
        'Write third-party names in upper case.',
        'Écrit les noms des tiers en majuscules.',
      ),
    ),
  syncLanguage: z
    .boolean()
    .default(true)
    .meta(
      text(
        'Customer language',
        'Langue du client',
        'Give third parties the customer’s language, so Dolibarr prints their documents in it.',
        'Donne aux tiers la langue du client, pour que Dolibarr imprime leurs documents dans cette langue.',
      ),
    ),
  defaultLanguage: languageCodeSchema
    .default('fr')
    .meta(
      text(
        'Default language',
        'Langue par défaut',
        'Language of Dolibarr’s product labels, and of customers who have none.',
        'Langue des libellés produits de Dolibarr, et des clients qui n’en ont pas.',
      ),
    ),
  shippingService: serviceRef
    .default('SHIPPING')
    .meta(
      text(
        'Shipping service',
        'Service frais de port',
        'Reference of the service shipping lines use (created on first use).',
        'Référence du service des lignes de port (créé au premier usage).',
      ),
    ),
  discountService: serviceRef
    .default('DISCOUNT')
    .meta(
      text(
        'Discount service',
        'Service remise',
        'Reference of the service discount lines use (created on first use).',
        'Référence du service des lignes de remise (créé au premier usage).',
      ),
    ),
  wrappingService: serviceRef
    .default('WRAPPING')
    .meta(
      text(
        'Gift-wrapping service',
        'Service emballage cadeau',
        'Reference of the service gift-wrapping lines use (created on first use).',
        'Référence du service des lignes d’emballage cadeau (créé au premier usage).',
      ),
    ),
  roundingService: serviceRef
    .default('ROUNDING')
    .meta(
      text(
        'Rounding service',
        'Service écart d’arrondi',
        'Reference of the service that carries what Dolibarr’s totals would differ from the shop’s (created on first use).',
        'Référence du service qui porte l’écart entre les totaux de Dolibarr et ceux de la boutique (créé au premier usage).',
      ),
    ),
  carrierInShippingLabel: z
    .boolean()
    .default(true)
    .meta(
      text(
        'Carrier on the shipping line',
        'Transporteur sur la ligne de port',
        'Add the carrier’s name to the shipping line label.',
        'Ajoute le nom du transporteur au libellé de la ligne de port.',
      ),
    ),
  taxMode: z
    .enum(['combined', 'separate'])
    .default('combined')
    .meta({
      ...text(
        'Several taxes on a line',
        'Plusieurs taxes sur une ligne',
        'Combined: one VAT rate, the sum of the rates. Separate: the first tax as VAT, the next ones as Dolibarr’s local taxes (Canada, Spain…).',
        'Combinées : un taux de TVA, la somme des taux. Séparées : la première taxe en TVA, les suivantes en taxes locales (Canada, Espagne…).',
      ),
      optionLabels: {
        combined: { label: 'Combined', labelFr: 'Combinées' },
        separate: { label: 'One after the other', labelFr: 'L’une après l’autre' },
      },
    }),
  mainCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.')
    .default('EUR')
    .meta(
      text(
        'Dolibarr main currency',
        'Devise principale de Dolibarr',
        'The company currency; an order in another currency keeps its currency and rate (Multicurrency module).',
        'La devise de la société ; une commande dans une autre devise garde sa devise et son taux (module Multidevise).',
      ),
    ),
  writeConcurrency: z
    .int()
    .min(1)
    .max(16)
    .default(4)
    .meta(
      text(
        'Parallel Dolibarr writes',
        'Écritures Dolibarr en parallèle',
        'How many products or stock levels one batch of writes keeps in flight (Dolibarr’s API has no batch endpoint). More than 4 saturates a small PHP host.',
        'Nombre de produits ou de niveaux de stock écrits simultanément pour un lot (l’API de Dolibarr n’a pas d’écriture groupée). Au-delà de 4, un petit hébergement PHP sature.',
      ),
    ),
  timeZone: z
    .string()
    .refine(isTimeZone, 'Not an IANA time zone (e.g. Europe/Paris).')
    .default('UTC')
    .meta(
      text(
        'Dolibarr server time zone',
        'Fuseau horaire du serveur Dolibarr',
        'Dolibarr filters and some dates use the server’s wall clock (IANA name, e.g. Europe/Paris).',
        'Les filtres et certaines dates de Dolibarr sont en heure locale du serveur (nom IANA, ex. Europe/Paris).',
      ),
    ),
});

export const dolibarrSection = definePlatformSection('dolibarr', dolibarrSettingsSchema, {
  label: 'Dolibarr',
  labelFr: 'Dolibarr',
  description: 'How documents, stock and prices are laid out in Dolibarr.',
  descriptionFr: 'Comment documents, stock et prix sont disposés dans Dolibarr.',
});

/** Core settings plus `platform.dolibarr`. */
export const dolibarrModuleSettingsSchema = extendSettings([dolibarrSection]);

export type DolibarrSettings = z.output<typeof dolibarrSettingsSchema>;
export type DolibarrModuleSettings = ExtendedSettings<[typeof dolibarrSection]>;

/** The Dolibarr section of a settings object, defaults filled in when the module's settings lack it. */
export function dolibarrSettingsOf(settings: unknown): DolibarrSettings {
  const section = (settings as { platform?: { dolibarr?: unknown } } | null | undefined)?.platform?.dolibarr;
  return dolibarrSettingsSchema.parse(section ?? {});
}
