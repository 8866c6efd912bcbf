import {
  definePlatformSection,
  type ExtendedSettings,
  extendSettings,
  orderStatuses,
  orderStatusLabels,
} from '@passerelle/core';
import { z } from 'zod';

const SECTION = 'platform.prestashop';

const shopIdText = z
  .string()
  .trim()
  .regex(/^\d*$/, 'A PrestaShop shop id is a number (Advanced Parameters > Multistore); empty = the default shop.');

/**
 * The PrestaShop-only settings (`platform.prestashop`). What Atoo-Sync's PrestaShop module also has —
 * all languages vs main language, attribute public names, reindexing, packs, the new-group options —
 * are core settings (`products.update.*`, `packs.create`, `customerGroups.*`) that this bridge honours.
 */
export const prestashopSettings = definePlatformSection(
  'prestashop',
  z.strictObject({
    shopId: shopIdText.default('').meta({
      section: SECTION,
      control: 'text',
      label: 'Shop id (multistore)',
      labelFr: 'Id de la boutique (multiboutique)',
      description:
        'The PrestaShop shop the module reads and writes (id_shop). Empty = PRESTASHOP_SHOP_ID, else the default shop. ' +
        'The webservice key must be allowed on that shop.',
      descriptionFr:
        'La boutique PrestaShop lue et écrite par le module (id_shop). Vide = PRESTASHOP_SHOP_ID, sinon la boutique ' +
        'par défaut. La clé webservice doit être autorisée sur cette boutique.',
    }),
    shopGroupId: shopIdText.default('').meta({
      section: SECTION,
      control: 'text',
      label: 'Shop group id (multistore)',
      labelFr: 'Id du groupe de boutiques (multiboutique)',
      description: 'A shop group (id_shop_group) for stock shared across its shops. Empty = none.',
      descriptionFr: 'Un groupe de boutiques (id_shop_group) dont les boutiques partagent le stock. Vide = aucun.',
    }),
    writeConcurrency: z
      .int()
      .min(1)
      .max(16)
      .default(4)
      .meta({
        section: SECTION,
        control: 'number',
        label: 'Parallel Webservice writes',
        labelFr: 'Écritures Webservice en parallèle',
        description:
          'How many Webservice writes the shop gets at once, across every batch the cloud sends (the Webservice ' +
          'has no batch endpoint). More than 4 saturates ordinary hosting.',
        descriptionFr:
          'Nombre d’écritures Webservice que la boutique reçoit en même temps, tous lots confondus (le Webservice n’a pas d’écriture groupée). ' +
          'Au-delà de 4, un hébergement ordinaire sature.',
      }),
    orderStates: z
      .record(z.string().regex(/^\d+$/, 'Expected a PrestaShop order state id'), z.enum(orderStatuses))
      .default({})
      .meta({
        section: SECTION,
        control: 'map',
        label: 'Status of custom order states',
        labelFr: 'Statut des états de commande personnalisés',
        description:
          'The synchronised status of each custom PrestaShop order state (by id). Standard states are recognised ' +
          'on their own; custom ones without a paid/shipped/delivered flag read as "unknown" until mapped here.',
        descriptionFr:
          'Le statut synchronisé de chaque état de commande PrestaShop personnalisé (par id). Les états standard ' +
          'sont reconnus d’eux-mêmes ; les autres sans drapeau payé/expédié/livré restent « inconnu » sans réglage ici.',
        optionLabels: orderStatusLabels,
      }),
  }),
  {
    label: 'PrestaShop',
    labelFr: 'PrestaShop',
    description: 'Settings of the PrestaShop Webservice connection.',
    descriptionFr: 'Réglages de la connexion au Webservice PrestaShop.',
  },
);

/** The module settings schema: core's sections plus `platform.prestashop`. */
export const prestashopSettingsSchema = extendSettings([prestashopSettings]);

export type PrestashopModuleSettings = ExtendedSettings<[typeof prestashopSettings]>;
