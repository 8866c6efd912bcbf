/**
 * The names of every "may an update overwrite this field?" toggle. Contract fields
 * point at one of these through `.meta({ updateToggle })`; the settings schema holds
 * one boolean per name at the same dotted path. A test keeps the three in step.
 */
export const updateToggles = [
  // products.update (Atoo-Sync PS "Modification des produits", Woo "Articles: modification")
  'products.update.name',
  'products.update.shortDescription',
  'products.update.description',
  'products.update.seo',
  'products.update.slug',
  'products.update.price',
  'products.update.tax',
  'products.update.specificPrices',
  'products.update.quantity',
  'products.update.weight',
  'products.update.dimensions',
  'products.update.barcode',
  'products.update.manufacturer',
  'products.update.supplier',
  'products.update.images',
  'products.update.documents',
  'products.update.features',
  'products.update.attributes',
  'products.update.category',
  'products.update.relatedProducts',
  // categories (Woo "Nom de la catégorie": name and slug together)
  'categories.update.name',
  'categories.update.description',
  'categories.update.parent',
  // customer groups
  'customerGroups.update.name',
  'customerGroups.update.reduction',
  // customers.update (PS "Modification du client", Woo customers)
  'customers.update.email',
  'customers.update.names',
  'customers.update.group',
  'customers.update.defaultGroup',
  'customers.update.addresses',
  'customers.update.notes',
  'customers.update.b2b',
  'customers.update.erpAccount',
] as const;

export type UpdateToggle = (typeof updateToggles)[number];
