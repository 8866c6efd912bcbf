import type { SettingOptionText } from './settings-meta.js';

/**
 * The contract's order statuses (DESIGN §3), kept here as the same literal tuple instead of being
 * imported from `contracts/`: settings must load, validate and migrate on their own (the admin page
 * and the settings file check need nothing else), and the contracts already depend on settings for
 * the update-toggle names. If the contract list changes, this one must change with it.
 */
export const orderStatuses = [
  'pending',
  'awaiting_payment',
  'paid',
  'processing',
  'shipped',
  'delivered',
  'completed',
  'on_hold',
  'cancelled',
  'refunded',
  'partially_refunded',
  'failed',
  'unknown',
] as const;

export type OrderStatusValue = (typeof orderStatuses)[number];

export const orderStatusLabels: { [K in OrderStatusValue]: SettingOptionText } = {
  pending: { label: 'Pending', labelFr: 'En attente' },
  awaiting_payment: { label: 'Awaiting payment', labelFr: 'En attente de paiement' },
  paid: { label: 'Paid (payment accepted)', labelFr: 'Payée (paiement accepté)' },
  processing: { label: 'Processing (preparation in progress)', labelFr: 'En cours de préparation' },
  shipped: { label: 'Shipped', labelFr: 'Expédiée' },
  delivered: { label: 'Delivered', labelFr: 'Livrée' },
  completed: { label: 'Completed', labelFr: 'Terminée' },
  on_hold: { label: 'On hold', labelFr: 'En suspens' },
  cancelled: { label: 'Cancelled', labelFr: 'Annulée' },
  refunded: { label: 'Refunded', labelFr: 'Remboursée' },
  partially_refunded: { label: 'Partially refunded', labelFr: 'Partiellement remboursée' },
  failed: { label: 'Failed (payment error)', labelFr: 'Échouée (erreur de paiement)' },
  unknown: { label: 'Unknown (unmapped platform status)', labelFr: 'Inconnu (statut de la plateforme non associé)' },
};
