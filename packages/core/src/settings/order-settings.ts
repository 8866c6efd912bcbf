import { z } from 'zod';
import { type OrderStatusValue, orderStatuses, orderStatusLabels } from './order-statuses.js';
import {
  integer,
  optionalDate,
  optionalText,
  sectionMeta,
  select,
  settingMeta,
  stringList,
  toggle,
} from './setting-field.js';

const READ = 'orders.read';
const GROUP = 'orders.groupByDay';
const STATUS = 'orders.statusUpdate';
const LINES = 'orders.lines';

const accountCode = z.string().trim().min(1).max(64);

const defaultSyncStatuses: OrderStatusValue[] = ['paid', 'processing', 'shipped', 'delivered', 'completed'];

const syncStatuses = z
  .array(z.enum(orderStatuses))
  .min(1, 'Choose at least one status, or no order would ever be sent.')
  .refine((statuses) => new Set(statuses).size === statuses.length, 'A status is listed twice.')
  .default(defaultSyncStatuses)
  .meta({
    ...settingMeta(READ, 'list', {
      label: 'Statuses to synchronise',
      labelFr: 'Statuts à synchroniser',
      description:
        'Orders in these statuses are offered to the ERP. Ticking every status re-sends an order on every change.',
      descriptionFr:
        'Les commandes dans ces statuts sont proposées à l’ERP. Tout cocher renvoie une commande à chaque changement.',
    }),
    optionLabels: orderStatusLabels,
  });

const paymentModuleCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_.-]{0,63}$/, 'Use letters, digits, "_", "-" or "." (e.g. EBAY), at most 64 characters.');

const orderReadSettings = z
  .strictObject({
    syncStatuses,
    findBy: select(
      READ,
      ['createdAt', 'updatedAt', 'invoiceDate', 'paidAt'],
      'createdAt',
      {
        label: 'Find orders by',
        labelFr: 'Trouver la commande par',
        description: 'Which order date selects and orders the orders the ERP reads.',
        descriptionFr: 'La date de commande qui sélectionne et trie les commandes lues par l’ERP.',
      },
      {
        createdAt: { label: 'Order date', labelFr: 'Date de la commande' },
        updatedAt: { label: 'Last change date', labelFr: 'Date de dernière modification' },
        invoiceDate: { label: 'Invoice date', labelFr: 'Date de la facture' },
        paidAt: { label: 'Payment date', labelFr: 'Date du paiement' },
      },
    ),
    messages: select(
      READ,
      ['none', 'customer', 'all'],
      'none',
      {
        label: 'Order messages',
        labelFr: 'Messages de la commande',
        description: 'Which order messages are sent to the ERP with the order.',
        descriptionFr: 'Les messages de la commande envoyés à l’ERP avec elle.',
      },
      {
        none: { label: 'No message', labelFr: 'Aucun message' },
        customer: { label: 'Messages from the customer', labelFr: 'Messages du client' },
        all: { label: 'All messages (private ones included)', labelFr: 'Tous les messages (privés compris)' },
      },
    ),
    priceDecimals: integer(
      READ,
      2,
      { min: 2, max: 6 },
      {
        label: 'Price rounding (decimals)',
        labelFr: 'Arrondi des prix (décimales)',
        description:
          'Decimals kept on unit prices read from orders. Totals are the shop’s own, never recomputed; what the ' +
          'lines do not add up to is reported as a rounding difference.',
        descriptionFr:
          'Décimales conservées sur les prix unitaires lus dans les commandes. Les totaux sont ceux de la boutique, ' +
          'jamais recalculés ; l’écart avec la somme des lignes est transmis comme différence d’arrondi.',
      },
    ),
    guestAccount: optionalText(
      READ,
      {
        label: 'Guest customer account',
        labelFr: 'Compte client invité',
        description: 'ERP account code used for orders placed without a customer account. Empty = off.',
        descriptionFr: 'Code client de l’ERP utilisé pour les commandes passées sans compte client. Vide = désactivé.',
      },
      accountCode,
    ),
    paymentModeSource: select(
      READ,
      ['module', 'paymentName', 'transaction'],
      'module',
      {
        label: 'Payment mode from',
        labelFr: 'Liste des modes de paiement',
        description: 'Which payment information of the order identifies its payment mode for the ERP.',
        descriptionFr: 'L’information de paiement de la commande qui identifie son mode de paiement pour l’ERP.',
      },
      {
        module: { label: 'Payment module (technical name)', labelFr: 'Module de paiement (nom technique)' },
        paymentName: { label: 'Payment name shown to the customer', labelFr: 'Nom du paiement affiché au client' },
        transaction: { label: 'Payment method of the transaction', labelFr: 'Moyen de paiement de la transaction' },
      },
    ),
    customPaymentModules: stringList(paymentModuleCode, (entry) => entry.toUpperCase())
      .default([])
      .meta(
        settingMeta(READ, 'list', {
          label: 'Custom payment modules',
          labelFr: 'Modules de paiement personnalisés',
          description:
            'Extra payment modes, e.g. for marketplace orders (EBAY, CDISCOUNT), offered to the ERP’s payment mapping.',
          descriptionFr:
            'Modes de paiement supplémentaires, par ex. pour les commandes des places de marché (EBAY, CDISCOUNT), ' +
            'proposés à l’association des paiements de l’ERP.',
        }),
      ),
    includeArchived: toggle(READ, false, {
      label: 'Include archived orders',
      labelFr: 'Inclure les commandes archivées',
      description: 'Also read orders the shop has archived or closed (Shopify).',
      descriptionFr: 'Lit aussi les commandes archivées ou clôturées par la boutique (Shopify).',
    }),
    addressName: select(
      READ,
      ['company', 'name'],
      'company',
      {
        label: 'Address name',
        labelFr: 'Nom de l’adresse',
        description: 'What titles an address in the ERP: the company of the address when it has one, or the person.',
        descriptionFr:
          'Ce qui donne son nom à une adresse dans l’ERP : l’entreprise de l’adresse si elle existe, ou la personne.',
      },
      {
        company: { label: 'Company of the address', labelFr: 'Utiliser l’entreprise de l’adresse' },
        name: { label: 'First and last name', labelFr: 'Prénom et nom' },
      },
    ),
    since: optionalDate(READ, {
      label: 'Orders since',
      labelFr: 'Commandes depuis le',
      description: 'Start of the period of orders the ERP may read. Empty = every order.',
      descriptionFr: 'Début de la période des commandes que l’ERP peut lire. Vide = toutes les commandes.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(READ, {
      label: 'Order reading',
      labelFr: 'Lecture des commandes',
      description: 'Which orders the ERP reads and how they are presented.',
      descriptionFr: 'Quelles commandes l’ERP lit et comment elles lui sont présentées.',
    }),
  );

function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const orderGroupByDaySettings = z
  .strictObject({
    enabled: toggle(GROUP, false, {
      label: 'Group orders by day',
      labelFr: 'Grouper les commandes par jour',
      description:
        'Send each day’s orders as one ERP document. A day is complete only after it ends, so its orders are ' +
        'read the next day, after the cut-off time.',
      descriptionFr:
        'Envoie les commandes de chaque jour en un seul document dans l’ERP. Une journée n’est complète qu’une fois ' +
        'terminée : ses commandes sont lues le lendemain, après l’heure de clôture.',
    }),
    guestOnly: toggle(GROUP, true, {
      label: 'Guest orders only',
      labelFr: 'Commandes invités uniquement',
      description: 'Group only orders without a customer account (e.g. point of sale); named customers stay separate.',
      descriptionFr:
        'Ne groupe que les commandes sans compte client (ex. caisse) ; les clients identifiés restent séparés.',
    }),
    groupItems: toggle(GROUP, false, {
      label: 'Group order items',
      labelFr: 'Grouper les articles des commandes',
      description: 'Merge identical lines of the day: same reference, same net price and same discount.',
      descriptionFr: 'Fusionne les lignes identiques de la journée : même référence, même prix HT et même remise.',
    }),
    groupPayments: toggle(GROUP, false, {
      label: 'Group payments',
      labelFr: 'Grouper les paiements des commandes',
      description: 'Merge the day’s payments by payment mode.',
      descriptionFr: 'Regroupe les paiements de la journée par mode de paiement.',
    }),
    account: optionalText(
      GROUP,
      {
        label: 'Grouped orders account',
        labelFr: 'Compte client des commandes groupées',
        description: 'ERP account code the daily document is booked to. Empty = the guest customer account.',
        descriptionFr: 'Code client de l’ERP sur lequel le document du jour est passé. Vide = le compte client invité.',
      },
      accountCode,
    ),
    cutoffTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time as HH:MM (e.g. 00:30).')
      .default('00:00')
      .meta(
        settingMeta(GROUP, 'text', {
          label: 'Cut-off time',
          labelFr: 'Heure de clôture',
          description: 'Time of day (HH:MM) after which the previous day’s orders are sent, once the day is closed.',
          descriptionFr:
            'Heure (HH:MM) après laquelle les commandes de la veille sont envoyées, une fois la journée close.',
        }),
      ),
    timezone: z
      .string()
      .refine(isTimeZone, 'Not an IANA time zone (e.g. Europe/Paris, UTC).')
      .default('UTC')
      .meta(
        settingMeta(GROUP, 'text', {
          label: 'Time zone',
          labelFr: 'Fuseau horaire',
          description: 'Time zone in which days begin and end (IANA name, e.g. Europe/Paris).',
          descriptionFr:
            'Fuseau horaire dans lequel les journées commencent et finissent (nom IANA, ex. Europe/Paris).',
        }),
      ),
  })
  .prefault({})
  .meta(
    sectionMeta(GROUP, {
      label: 'Orders grouped by day',
      labelFr: 'Commandes groupées par jour',
      description: 'For points of sale and guest checkouts: one ERP document per day instead of one per order.',
      descriptionFr:
        'Pour les caisses et les commandes invités : un document par jour dans l’ERP au lieu d’un par commande.',
    }),
  );

const orderStatusUpdateSettings = z
  .strictObject({
    replaceReference: toggle(STATUS, false, {
      label: 'Replace the order reference',
      labelFr: 'Remplacer la référence',
      description:
        'Write the ERP document number into the shop order reference when the ERP updates a status. The shop’s ' +
        'reference field may be short (9 characters on PrestaShop).',
      descriptionFr:
        'Écrit le numéro du document de l’ERP dans la référence de la commande lors d’une mise à jour de statut. ' +
        'Le champ de la boutique peut être court (9 caractères sur PrestaShop).',
    }),
    notifyCustomer: toggle(STATUS, false, {
      label: 'Notify the customer',
      labelFr: 'Notifier le client',
      description: 'Let the shop email the customer on a status change (the ERP may override it per order).',
      descriptionFr:
        'Laisse la boutique envoyer un email au client lors d’un changement de ' +
        'statut (l’ERP peut le modifier par commande).',
    }),
    statusMap: z
      .partialRecord(z.enum(orderStatuses), z.string().trim().min(1).max(64))
      .default({})
      .meta({
        ...settingMeta(STATUS, 'map', {
          label: 'Shop status for each status',
          labelFr: 'Statut de la boutique pour chaque statut',
          description:
            'The shop’s own status (id or name) to set for each synchronised status. Empty = the platform’s ' +
            'standard mapping; needed for custom shop statuses.',
          descriptionFr:
            'Le statut propre à la boutique (id ou nom) à appliquer pour chaque statut synchronisé. Vide = ' +
            'l’association standard de la plateforme ; nécessaire pour les statuts personnalisés.',
        }),
        optionLabels: orderStatusLabels,
      }),
  })
  .prefault({})
  .meta(
    sectionMeta(STATUS, {
      label: 'Status update',
      labelFr: 'Mise à jour des statuts',
      description: 'How order status changes sent by the ERP are applied in the shop.',
      descriptionFr: 'Comment les changements de statut envoyés par l’ERP sont appliqués dans la boutique.',
    }),
  );

const orderLineSettings = z
  .strictObject({
    discountLineMode: select(
      LINES,
      ['perDiscount', 'single'],
      'perDiscount',
      {
        label: 'Discount lines',
        labelFr: 'Lignes de remise',
        description: 'Send one line per order discount (voucher, cart rule), or all discounts added up on one line.',
        descriptionFr:
          'Envoie une ligne par remise de la commande (bon, règle panier), ou ' +
          'toutes les remises cumulées sur une ligne.',
      },
      {
        perDiscount: { label: 'One line per discount', labelFr: 'Une ligne par remise' },
        single: { label: 'One line for all discounts', labelFr: 'Une ligne pour toutes les remises' },
      },
    ),
    shopReferenceTarget: select(
      LINES,
      ['orderRef', 'refClient', 'both'],
      'refClient',
      {
        label: 'Shop order reference goes to',
        labelFr: 'Référence de la commande boutique vers',
        description:
          'Where the ERP stores the shop’s order reference: as its own order number, as the customer reference of ' +
          'the order and invoice, or both.',
        descriptionFr:
          'Où l’ERP enregistre la référence de la commande de la boutique : comme numéro de commande, comme ' +
          'référence client de la commande et de la facture, ou les deux.',
      },
      {
        orderRef: { label: 'ERP order number', labelFr: 'Numéro de commande de l’ERP' },
        refClient: { label: 'Customer reference', labelFr: 'Référence client' },
        both: { label: 'Both', labelFr: 'Les deux' },
      },
    ),
  })
  .prefault({})
  .meta(
    sectionMeta(LINES, {
      label: 'Order lines and references',
      labelFr: 'Lignes et références des commandes',
      description: 'How an order is laid out for the ERP.',
      descriptionFr: 'Comment une commande est présentée à l’ERP.',
    }),
  );

export const orderSettingsSchema = z
  .strictObject({
    read: orderReadSettings,
    groupByDay: orderGroupByDaySettings,
    statusUpdate: orderStatusUpdateSettings,
    lines: orderLineSettings,
  })
  .superRefine((orders, ctx) => {
    // A grouped daily document has no customer of its own: it must be booked to some ERP account.
    if (orders.groupByDay.enabled && orders.groupByDay.account === null && orders.read.guestAccount === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupByDay', 'account'],
        message: 'Grouping orders by day needs an ERP account: set this one or the guest customer account.',
      });
    }
  })
  .prefault({});
