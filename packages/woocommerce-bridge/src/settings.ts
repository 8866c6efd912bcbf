import { definePlatformSection, extendSettings, orderStatuses } from '@passerelle/core';
import { z } from 'zod';

const SECTION = 'platform.woocommerce';

function text(label: string, labelFr: string, description: string, descriptionFr: string) {
  return { label, labelFr, description, descriptionFr, section: SECTION };
}

function toggle(defaultValue: boolean, label: string, labelFr: string, description: string, descriptionFr: string) {
  return z
    .boolean()
    .default(defaultValue)
    .meta({ ...text(label, labelFr, description, descriptionFr), control: 'toggle' });
}

function attributeName(label: string, labelFr: string, description: string, descriptionFr: string) {
  return z
    .preprocess(
      (value: string | null) =>
        typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value,
      z.string().max(200).nullable(),
    )
    .default(null)
    .meta({ ...text(label, labelFr, description, descriptionFr), control: 'text' });
}

/**
 * The settings only a WooCommerce shop has (spec §3.2, Atoo-Sync WooCommerce plug-in), shown as the
 * `platform.woocommerce` section of the admin page. They say *how* a planned write lands in WooCommerce
 * (which taxonomy, which meta keys, which plug-in); *whether* a field is written stays with core's
 * update toggles. Defaults are the plug-in's.
 */
export const woocommerceSettingsSection = definePlatformSection(
  'woocommerce',
  z.strictObject({
    relinkImages: toggle(
      false,
      'Re-associate images',
      'Réassocier les images',
      'Reuse an image already in the product’s gallery (same file name) instead of uploading it again, which ' +
        'repairs products whose image links were broken and avoids duplicates in the media library.',
      'Réutilise une image déjà présente dans la galerie du produit (même nom de fichier) au lieu de la ' +
        'téléverser à nouveau : répare les liens d’images cassés et évite les doublons dans la médiathèque.',
    ),
    linkType: z
      .enum(['upsell', 'cross-sell'])
      .default('upsell')
      .meta({
        ...text(
          'Link type',
          'Type de liaison',
          'Where related products the ERP sends without a type go: suggested products (up-sells, on the product ' +
            'page) or cross-sells (in the cart).',
          'Où vont les produits liés envoyés par l’ERP sans type : produits suggérés (ventes incitatives, sur la ' +
            'fiche produit) ou ventes croisées (dans le panier).',
        ),
        control: 'select',
        optionLabels: {
          upsell: { label: 'Suggested product (up-sell)', labelFr: 'Produit suggéré' },
          'cross-sell': { label: 'Cross-sell', labelFr: 'Vente croisée' },
        },
      }),
    updateMasterProduct: toggle(
      true,
      'Update the master product',
      'Mise à jour du produit maître',
      'When a product with variations is updated, also write the fields of the variable (master) product, not ' +
        'only its variations.',
      'Lors de la mise à jour d’un produit à déclinaisons, écrit aussi les champs du produit variable (maître), ' +
        'pas seulement ses déclinaisons.',
    ),
    masterProductImage: toggle(
      true,
      'Master product image',
      'Image du produit maître',
      'When variations bring images and the master product gets none, use the first variation image as the ' +
        'master product’s image.',
      'Quand les déclinaisons ont des images et que le produit maître n’en reçoit aucune, utilise la première ' +
        'image de déclinaison comme image du produit maître.',
    ),
    yoastSeo: toggle(
      false,
      'Yoast SEO',
      'Yoast SEO',
      'Write the SEO title, meta description and focus keyword into Yoast SEO. Needs the Yoast SEO plug-in; ' +
        'WooCommerce itself has no SEO fields.',
      'Écrit le titre SEO, la méta-description et le mot-clé principal dans Yoast SEO. Nécessite l’extension ' +
        'Yoast SEO ; WooCommerce n’a pas de champs SEO.',
    ),
    wpml: toggle(
      false,
      'WPML',
      'WPML',
      'Create and update the translations of a product in every WPML language the ERP sends texts for. Needs ' +
        'WPML with WooCommerce Multilingual.',
      'Crée et met à jour les traductions d’un produit dans chaque langue WPML pour laquelle l’ERP envoie des ' +
        'textes. Nécessite WPML et WooCommerce Multilingual.',
    ),
    brands: toggle(
      false,
      'Brands taxonomy',
      'Taxonomie des marques',
      'Write the manufacturer as a product brand (WooCommerce Brands or Perfect Brands), creating a missing ' +
        'brand. Off: the manufacturer goes to the brand attribute below, if one is set.',
      'Écrit le fabricant comme marque du produit (WooCommerce Brands ou Perfect Brands), en créant la marque ' +
        'manquante. Désactivé : le fabricant va dans l’attribut de marque ci-dessous, s’il est renseigné.',
    ),
    brandAttribute: attributeName(
      'Brand attribute',
      'Attribut du fabricant/marque',
      'Product attribute that holds the manufacturer (e.g. "Brand"). Empty = not written as an attribute.',
      'Attribut de produit qui reçoit le fabricant (ex. « Marque »). Vide = pas écrit comme attribut.',
    ),
    supplierAttribute: attributeName(
      'Supplier attribute',
      'Attribut des fournisseurs',
      'Product attribute that holds the main supplier. Empty = the supplier is not written (WooCommerce has ' +
        'no supplier field).',
      'Attribut de produit qui reçoit le fournisseur principal. Vide = le fournisseur n’est pas écrit ' +
        '(WooCommerce n’a pas de champ fournisseur).',
    ),
    barcodeAttribute: attributeName(
      'Barcode attribute',
      'Attribut des codes-barres',
      'Product attribute that holds the barcode. Empty = WooCommerce’s own GTIN/UPC/EAN/ISBN field ' +
        '(WooCommerce 9.2 and later).',
      'Attribut de produit qui reçoit le code-barres. Vide = le champ GTIN/UPC/EAN/ISBN de WooCommerce ' +
        '(WooCommerce 9.2 et suivants).',
    ),
    orderStatusMap: z
      .record(z.string().regex(/^[a-z0-9_-]{1,40}$/, 'A WooCommerce status slug, e.g. shipped'), z.enum(orderStatuses))
      .default({})
      .meta({
        ...text(
          'Custom order statuses',
          'Statuts de commande personnalisés',
          'How statuses added by plug-ins read in the ERP (slug without "wc-" -> status), e.g. ' +
            '"awaiting-shipment" -> processing. Statuses left out read as unknown.',
          'Comment les statuts ajoutés par des extensions sont lus par l’ERP (slug sans « wc- » -> statut), ex. ' +
            '« awaiting-shipment » -> processing. Les statuts absents sont lus comme inconnus.',
        ),
        control: 'map',
      }),
  }),
  {
    label: 'WooCommerce',
    labelFr: 'WooCommerce',
    description:
      'How writes land in WooCommerce: images, linked products, variable products, SEO and translation plug-ins, brand, supplier and barcode attributes.',
    descriptionFr:
      'Comment les écritures arrivent dans WooCommerce : images, produits liés, produits variables, extensions ' +
      'SEO et de traduction, attributs de marque, de fournisseur et de code-barres.',
  },
);

export type WooCommercePlatformSettings = z.output<typeof woocommerceSettingsSection.schema>;

/** Core's settings plus `platform.woocommerce`: what a WooCommerce module validates against. */
export const woocommerceSettingsSchema = extendSettings([woocommerceSettingsSection]);

export type WooCommerceModuleSettings = z.output<typeof woocommerceSettingsSchema>;

/**
 * Core settings whose WooCommerce plug-in default differs from core's (spec §3.2): the product name is
 * updated ("Nom: Oui"), dimensions are not ("Dimension: Non"), and stock drives the product state
 * ("Désactiver le produit: Oui", "Activer le produit: Oui"). Applied on a module's first start only.
 */
export const woocommerceCoreDefaults = {
  products: { update: { name: true, dimensions: false } },
  stock: { disableAtZero: true, enableWhenBackInStock: true, outOfStockAtZero: false },
} as const;

/** The platform section of a whole settings object, with its defaults where absent or invalid. */
export function readPlatformSettings(settings: unknown): WooCommercePlatformSettings {
  const section = (settings as { platform?: { woocommerce?: unknown } } | null | undefined)?.platform?.woocommerce;
  const parsed = woocommerceSettingsSection.schema.safeParse(section ?? {});
  return parsed.success ? parsed.data : woocommerceSettingsSection.schema.parse({});
}
