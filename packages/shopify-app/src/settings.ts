import { definePlatformSection, type ExtendedSettings, extendSettings } from '@passerelle/core';
import { z } from 'zod';

/** Shopify's reasons for an inventory change (`inventorySetQuantities.input.reason`). */
export const inventoryReasons = [
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_created',
  'movement_updated',
  'movement_received',
  'movement_canceled',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
] as const;

/**
 * The Shopify section of the settings (`platform.shopify`): the Shopify-only options of the commercial
 * modules (spec §3.3: tax-inclusive prices, advanced tax retrieval, taxes by country, replace customer
 * tags) and the bridge's own transport choices.
 */
export const shopifySettings = definePlatformSection(
  'shopify',
  z.strictObject({
    useShopTaxSetting: z.boolean().default(true).meta({
      label: "Use the shop's tax setting for prices",
      labelFr: 'Utiliser la configuration HT/TTC de Shopify',
      description:
        'When the shop enters prices tax included, price writes send the tax-included price (priceIncl) when the ERP gives one.',
      descriptionFr:
        "Si la boutique saisit ses prix TTC, les écritures de prix envoient le prix TTC (priceIncl) quand l'ERP le fournit.",
    }),
    advancedTaxRetrieval: z.boolean().default(true).meta({
      label: 'Advanced tax retrieval',
      labelFr: 'Récupération avancée des taxes',
      description: 'Keep every tax of a line (state, county, GST + QST) as its own tax line; off merges them into one.',
      descriptionFr:
        "Garde chaque taxe d'une ligne (état, comté, TPS + TVQ) ; désactivé, elles sont fusionnées en une seule.",
    }),
    taxesByCountry: z.boolean().default(false).meta({
      label: 'Taxes by country',
      labelFr: 'Afficher les taxes par pays',
      description:
        'Suffix each tax name with the destination country (e.g. "VAT FR"), for ERPs that book taxes per country.',
      descriptionFr: 'Suffixe chaque taxe par le pays de destination (ex. « TVA FR »).',
    }),
    replaceCustomerTags: z.boolean().default(false).meta({
      label: 'Replace customer tags',
      labelFr: 'Remplacer les tags des clients',
      description: "A customer's groups replace all its tags; off adds them next to the existing tags.",
      descriptionFr: 'Les groupes du client remplacent tous ses tags ; désactivé, ils sont ajoutés aux tags existants.',
    }),
    customerGroupTagPrefix: z.string().max(40).default('').meta({
      label: 'Customer group tag prefix',
      labelFr: 'Préfixe des tags de groupe client',
      description: 'Only tags with this prefix are customer groups (e.g. "group:"); empty: every tag is a group.',
      descriptionFr: 'Seuls les tags avec ce préfixe sont des groupes (ex. « group: ») ; vide : tous les tags.',
    }),
    orderCurrency: z.enum(['shop', 'presentment']).default('shop').meta({
      label: 'Order amounts',
      labelFr: 'Montants des commandes',
      description:
        'shop: amounts in the shop currency (conversion rate 1); presentment: in the currency the customer paid, with the rate to the shop currency.',
      descriptionFr:
        'shop : devise de la boutique ; presentment : devise payée par le client, avec le taux vers la devise boutique.',
    }),
    documentNamespace: z.string().min(3).max(255).default('passerelle').meta({
      label: 'ERP document number metafield namespace',
      labelFr: 'Espace de noms du metafield du numéro de document ERP',
      description: 'The order metafield that keeps the ERP document number.',
      descriptionFr: 'Le metafield de commande qui garde le numéro de document ERP.',
    }),
    documentKey: z.string().min(2).max(64).default('document_number').meta({
      label: 'ERP document number metafield key',
      labelFr: 'Clé du metafield du numéro de document ERP',
      description: 'Key of that metafield.',
      descriptionFr: 'Clé de ce metafield.',
    }),
    bulkThreshold: z.int().min(0).max(1_000_000).default(2500).meta({
      label: 'Bulk export threshold',
      labelFr: "Seuil d'export en masse",
      description:
        'A full read of more products or customers than this runs one Shopify bulk operation instead of paging; 0 disables bulk exports.',
      descriptionFr:
        "Une lecture complète de plus d'articles ou de clients que ce seuil passe par une opération en masse ; 0 la désactive.",
    }),
    stockCompareAndSwap: z.boolean().default(true).meta({
      label: 'Check stock before overwriting',
      labelFr: 'Vérifier le stock avant de le remplacer',
      description:
        'Send the quantity last read as changeFromQuantity, so a sale made meanwhile fails the write instead of being overwritten; off sends null (the ERP is the only truth).',
      descriptionFr:
        'Envoie la quantité lue comme changeFromQuantity : une vente faite entre-temps fait échouer l’écriture au lieu d’être écrasée.',
    }),
    inventoryReason: z.enum(inventoryReasons).default('correction').meta({
      label: 'Inventory change reason',
      labelFr: 'Motif des changements de stock',
      description: "The reason shown in Shopify's inventory history for stock written by the ERP.",
      descriptionFr: "Le motif affiché dans l'historique de stock Shopify.",
    }),
    defaultLocation: z.string().max(200).default('').meta({
      label: 'Default location',
      labelFr: 'Emplacement par défaut',
      description:
        'Location id (gid://shopify/Location/…) for stock without a location; empty: the first active location.',
      descriptionFr: "Id d'emplacement pour le stock sans emplacement ; vide : le premier emplacement actif.",
    }),
    restockOnCancel: z.boolean().default(true).meta({
      label: 'Restock cancelled orders',
      labelFr: 'Remettre en stock les commandes annulées',
      description: 'When the ERP cancels an order, put its items back in stock.',
      descriptionFr: "Quand l'ERP annule une commande, ses articles sont remis en stock.",
    }),
    refundOnCancel: z.boolean().default(false).meta({
      label: 'Refund cancelled orders',
      labelFr: 'Rembourser les commandes annulées',
      description: 'When the ERP cancels an order, refund it to the original payment methods.',
      descriptionFr: "Quand l'ERP annule une commande, elle est remboursée sur les moyens de paiement d'origine.",
    }),
  }),
  {
    label: 'Shopify',
    labelFr: 'Shopify',
    description: 'Options of the Shopify app.',
    descriptionFr: "Options de l'app Shopify.",
  },
);

/** The module settings schema: core's sections plus `platform.shopify`. */
export const shopifySettingsSchema = extendSettings([shopifySettings]);

export type ShopifyModuleSettings = ExtendedSettings<[typeof shopifySettings]>;
export type ShopifySettings = ShopifyModuleSettings['platform']['shopify'];

/** The defaults of the Shopify section, e.g. for a bare adapter without a module. */
export function defaultShopifySettings(): ShopifySettings {
  return shopifySettings.schema.parse({}) as ShopifySettings;
}

/** The Shopify section of a whole settings object (`WriteContext.settings`), defaults filled in. */
export function shopifySectionOf(settings: unknown): ShopifySettings {
  const section = (settings as { platform?: { shopify?: unknown } } | null)?.platform?.shopify;
  return shopifySettings.schema.parse(section ?? {}) as ShopifySettings;
}
