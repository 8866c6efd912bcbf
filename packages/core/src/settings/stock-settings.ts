import { z } from 'zod';
import { integer, sectionMeta, toggle } from './setting-field.js';

const SECTION = 'stock';

/**
 * Core defaults are the safe ones (nothing is switched on or off behind the admin's back); the
 * WooCommerce bridge sets the plug-in's own defaults (disable at 0, enable when back: yes).
 */
export const stockSettingsSchema = z
  .strictObject({
    allowNegative: toggle(SECTION, false, {
      label: 'Send negative stock',
      labelFr: 'Envoyer le stock négatif',
      description: 'Write negative quantities as they are. Off = a negative quantity is written as 0.',
      descriptionFr: 'Écrit les quantités négatives telles quelles. Désactivé = une quantité négative est écrite à 0.',
    }),
    defaultQuantityForUntracked: integer(
      SECTION,
      0,
      { min: 0, max: 1_000_000 },
      {
        label: 'Quantity for items without stock tracking',
        labelFr: 'Quantité des articles non suivis en stock',
        description: 'Quantity written for ERP items whose stock is not tracked (services, made to order).',
        descriptionFr:
          'Quantité écrite pour les articles de l’ERP sans suivi de stock (services, fabrication à la demande).',
      },
    ),
    disableAtZero: toggle(SECTION, false, {
      label: 'Disable products at zero stock',
      labelFr: 'Désactiver le produit à stock nul',
      description: 'Deactivate a product when its stock reaches 0.',
      descriptionFr: 'Désactive un produit quand son stock atteint 0.',
    }),
    enableWhenBackInStock: toggle(SECTION, false, {
      label: 'Enable products back in stock',
      labelFr: 'Activer le produit de retour en stock',
      description: 'Reactivate a product when its stock goes above 0 again.',
      descriptionFr: 'Réactive un produit quand son stock repasse au-dessus de 0.',
    }),
    outOfStockAtZero: toggle(SECTION, false, {
      label: 'Mark out of stock at zero',
      labelFr: 'Rupture de stock à zéro',
      description: 'Set the product’s stock status to "out of stock" when its stock reaches 0.',
      descriptionFr: 'Passe le statut de stock du produit à « en rupture » quand son stock atteint 0.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Stock',
      labelFr: 'Stock',
      description: 'How stock quantities sent by the ERP are written. Never deletes a product.',
      descriptionFr: 'Comment les quantités envoyées par l’ERP sont écrites. Aucun produit n’est jamais supprimé.',
    }),
  );
