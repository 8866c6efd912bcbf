import { z } from 'zod';
import { optionalText, sectionMeta, toggle, updateToggle } from './setting-field.js';
import type { SettingText } from './settings-meta.js';

const CREATE = 'products.create';
const UPDATE = 'products.update';

const productCreateSettings = z
  .strictObject({
    active: toggle(CREATE, true, {
      label: 'Activate new products',
      labelFr: 'Activer les nouveaux produits',
      description: 'Whether a product created by the sync is active (visible in the shop) or created inactive.',
      descriptionFr: 'Indique si un produit créé par la synchronisation est actif (visible en boutique) ou inactif.',
    }),
    fallbackCategory: optionalText(CREATE, {
      label: 'Category for new products',
      labelFr: 'Catégorie pour les nouveaux produits',
      description:
        'Platform id of the category used when a new product’s category is not found. Empty = the platform’s own ' +
        'default (Home on PrestaShop, "Uncategorized" on WooCommerce).',
      descriptionFr:
        'Identifiant de la catégorie utilisée quand la catégorie d’un nouveau produit est introuvable. Vide = la ' +
        'catégorie par défaut de la plateforme (Accueil sur PrestaShop, « Non classé » sur WooCommerce).',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(CREATE, {
      label: 'Product creation',
      labelFr: 'Création des produits',
      description: 'How new products are created. On creation every field is written, whatever the update toggles say.',
      descriptionFr:
        'Comment les nouveaux produits sont créés. À la création, tous les champs sont écrits, quels que soient les ' +
        'réglages de modification.',
    }),
  );

/** Lower-cases the first letter unless the first word is an acronym (`SEO`, `URL`). */
function inSentence(text: string): string {
  const firstWord = text.split(' ')[0] ?? '';
  return /^[A-Z]{2,}$/.test(firstWord) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function replaceOnUpdate(what: string, quoi: string, note = '', noteFr = ''): SettingText {
  return {
    label: what,
    labelFr: quoi.replace(/^(Le |La |Les |L’)/, '').replace(/^./, (c) => c.toUpperCase()),
    description: [`Replace the product’s ${inSentence(what)} when an existing product is updated.`, note]
      .join(' ')
      .trim(),
    descriptionFr: [`Remplace ${inSentence(quoi)} du produit lors de la mise à jour d’un produit existant.`, noteFr]
      .join(' ')
      .trim(),
  };
}

const productUpdateSettings = z
  .strictObject({
    name: updateToggle(UPDATE, 'products.update.name', false, replaceOnUpdate('Name', 'Le nom')),
    shortDescription: updateToggle(
      UPDATE,
      'products.update.shortDescription',
      false,
      replaceOnUpdate('Short description', 'La description courte'),
    ),
    description: updateToggle(
      UPDATE,
      'products.update.description',
      false,
      replaceOnUpdate('Description', 'La description'),
    ),
    seo: updateToggle(
      UPDATE,
      'products.update.seo',
      true,
      replaceOnUpdate(
        'SEO meta tags',
        'Les balises méta SEO',
        'Covers the meta title, meta description and keywords.',
        'Concerne le titre, la description et les mots-clés méta.',
      ),
    ),
    slug: updateToggle(
      UPDATE,
      'products.update.slug',
      false,
      replaceOnUpdate(
        'URL (slug)',
        'L’URL (permalien)',
        'Changing it breaks existing links and search-engine listings.',
        'La changer casse les liens existants et le référencement.',
      ),
    ),
    price: updateToggle(UPDATE, 'products.update.price', true, replaceOnUpdate('Price', 'Le prix')),
    tax: updateToggle(UPDATE, 'products.update.tax', false, replaceOnUpdate('Tax rule', 'La règle de taxe')),
    specificPrices: updateToggle(
      UPDATE,
      'products.update.specificPrices',
      false,
      replaceOnUpdate(
        'Specific prices',
        'Les prix spécifiques',
        'Customer-group and per-customer prices are replaced as a whole.',
        'Les prix par groupe de clients et par client sont remplacés en bloc.',
      ),
    ),
    quantity: updateToggle(
      UPDATE,
      'products.update.quantity',
      true,
      replaceOnUpdate(
        'Stock quantity',
        'La quantité en stock',
        'Off = stock is never synchronised.',
        'Désactivé = le stock n’est jamais synchronisé.',
      ),
    ),
    weight: updateToggle(UPDATE, 'products.update.weight', false, replaceOnUpdate('Weight', 'Le poids')),
    dimensions: updateToggle(
      UPDATE,
      'products.update.dimensions',
      true,
      replaceOnUpdate('Dimensions', 'Les dimensions', 'Width, height and depth.', 'Largeur, hauteur et profondeur.'),
    ),
    barcode: updateToggle(
      UPDATE,
      'products.update.barcode',
      false,
      replaceOnUpdate(
        'Barcode',
        'Le code-barres',
        'EAN-13, UPC or ISBN. Turn on only if every product has one.',
        'EAN-13, UPC ou ISBN. À activer seulement si tous les produits en ont un.',
      ),
    ),
    manufacturer: updateToggle(
      UPDATE,
      'products.update.manufacturer',
      false,
      replaceOnUpdate('Manufacturer (brand)', 'Le fabricant (marque)'),
    ),
    supplier: updateToggle(
      UPDATE,
      'products.update.supplier',
      false,
      replaceOnUpdate('Main supplier', 'Le fournisseur principal'),
    ),
    images: updateToggle(
      UPDATE,
      'products.update.images',
      false,
      replaceOnUpdate(
        'Images',
        'Les images',
        'All images are replaced, existing ones included.',
        'Toutes les images sont remplacées, y compris les existantes.',
      ),
    ),
    documents: updateToggle(
      UPDATE,
      'products.update.documents',
      false,
      replaceOnUpdate(
        'Attached documents',
        'Les documents joints',
        'For example PDF manuals.',
        'Par exemple des notices PDF.',
      ),
    ),
    features: updateToggle(
      UPDATE,
      'products.update.features',
      false,
      replaceOnUpdate(
        'Features',
        'Les caractéristiques',
        'Only the features the sync manages are touched.',
        'Seules les caractéristiques gérées par la synchronisation sont modifiées.',
      ),
    ),
    attributes: updateToggle(
      UPDATE,
      'products.update.attributes',
      false,
      replaceOnUpdate(
        'Attributes',
        'Les attributs',
        'Variant options such as size or colour.',
        'Options des déclinaisons, comme la taille ou la couleur.',
      ),
    ),
    category: updateToggle(
      UPDATE,
      'products.update.category',
      false,
      replaceOnUpdate(
        'Categories',
        'Les catégories',
        'Covers the default category and the extra categories.',
        'Concerne la catégorie par défaut et les catégories supplémentaires.',
      ),
    ),
    relatedProducts: updateToggle(
      UPDATE,
      'products.update.relatedProducts',
      false,
      replaceOnUpdate(
        'Related products',
        'Les produits liés',
        'Cross-sells; both products must already exist.',
        'Ventes croisées ; les deux produits doivent déjà exister.',
      ),
    ),
    parentCategories: toggle(UPDATE, false, {
      label: 'Also place in parent categories',
      labelFr: 'Créer dans les catégories parentes',
      description:
        'Also assign the product to every parent of its categories (Home excepted), on creation and on update.',
      descriptionFr:
        'Associe aussi le produit à tous les parents de ses catégories (sauf Accueil), à la création comme à la ' +
        'mise à jour.',
    }),
    reindex: toggle(UPDATE, false, {
      label: 'Reindex products',
      labelFr: 'Réindexer les produits',
      description: 'Rebuild the shop’s search index for each product written. Slows large imports down.',
      descriptionFr:
        'Reconstruit l’index de recherche de la boutique pour chaque produit écrit. Ralentit les gros imports.',
    }),
    allLanguages: toggle(UPDATE, true, {
      label: 'Update all languages',
      labelFr: 'Modifier toutes les langues',
      description: 'Write texts in every shop language. Off = only the main language is touched.',
      descriptionFr:
        'Écrit les textes dans toutes les langues de la boutique. Désactivé = seule la langue principale est modifiée.',
    }),
    attributePublicName: toggle(UPDATE, false, {
      label: 'Update attribute public names',
      labelFr: 'Mettre à jour le nom public des attributs',
      description: 'Also rewrite the name customers see for each attribute (e.g. "Size") from the ERP.',
      descriptionFr:
        'Réécrit aussi, depuis l’ERP, le nom que voient les clients pour chaque attribut (ex. « Taille »).',
    }),
    deleteImagesBeforeUpload: toggle(UPDATE, false, {
      label: 'Delete images before sending',
      labelFr: 'Supprimer les images avant l’envoi',
      description: 'Delete all of a product’s images before sending new ones, so no stale image is left behind.',
      descriptionFr:
        'Supprime toutes les images d’un produit avant d’envoyer les nouvelles, pour ne laisser aucune image périmée.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(UPDATE, {
      label: 'Product update',
      labelFr: 'Modification des produits',
      description:
        'Which fields an update of an existing product may overwrite. Fields left off keep the shop’s value.',
      descriptionFr:
        'Les champs qu’une mise à jour d’un produit existant peut remplacer. Les champs désactivés gardent la valeur ' +
        'de la boutique.',
    }),
  );

export const productSettingsSchema = z
  .strictObject({ create: productCreateSettings, update: productUpdateSettings })
  .prefault({});
