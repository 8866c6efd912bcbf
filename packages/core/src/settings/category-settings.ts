import { z } from 'zod';
import { integer, sectionMeta, select, settingMeta, updateToggle } from './setting-field.js';

const SECTION = 'categories';

const categoryUpdateSettings = z
  .strictObject({
    name: updateToggle(SECTION, 'categories.update.name', false, {
      label: 'Update category names',
      labelFr: 'Modifier le nom des catégories',
      description: 'Rename an existing category (and its URL slug) when the ERP name changes.',
      descriptionFr: 'Renomme une catégorie existante (et son URL) quand son nom change dans l’ERP.',
    }),
    description: updateToggle(SECTION, 'categories.update.description', false, {
      label: 'Update category descriptions',
      labelFr: 'Modifier la description des catégories',
      description: 'Replace the description of an existing category.',
      descriptionFr: 'Remplace la description d’une catégorie existante.',
    }),
    parent: updateToggle(SECTION, 'categories.update.parent', false, {
      label: 'Move categories',
      labelFr: 'Déplacer les catégories',
      description: 'Move an existing category under the parent the ERP gives it.',
      descriptionFr: 'Déplace une catégorie existante sous le parent que lui donne l’ERP.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Category update',
      labelFr: 'Modification des catégories',
      description: 'What an update of an existing category may change.',
      descriptionFr: 'Ce qu’une mise à jour d’une catégorie existante peut modifier.',
    }),
  );

const separator = z
  .string()
  .min(1)
  .max(3)
  .refine((value) => !/[\p{L}\p{N}]/u.test(value), 'Must not contain letters or digits (category names hold them).')
  .refine((value) => value.trim() !== '', 'Must not be blank (category names hold spaces).')
  .default(',')
  .meta(
    settingMeta(SECTION, 'text', {
      label: 'Extra categories separator',
      labelFr: 'Séparateur des catégories',
      description: 'Character(s) separating the extra categories in the list the ERP sends (1 to 3, e.g. "," or "|").',
      descriptionFr:
        'Caractère(s) séparant les catégories supplémentaires dans la liste ' +
        'envoyée par l’ERP (1 à 3, ex. « , » ou « | »).',
    }),
  );

const extraCategorySettings = z
  .strictObject({
    findBy: select(
      SECTION,
      ['name', 'id'],
      'name',
      {
        label: 'Find extra categories by',
        labelFr: 'Trouver les catégories par',
        description: 'How the ERP names extra categories. Names must match exactly; ids are safer.',
        descriptionFr:
          'Comment l’ERP désigne les catégories supplémentaires. Le nom doit ' +
          'correspondre exactement ; l’id est plus sûr.',
      },
      {
        name: { label: 'Category name', labelFr: 'Le nom de la catégorie' },
        id: { label: 'Category id', labelFr: 'L’identifiant de la catégorie' },
      },
    ),
    separator,
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Extra categories',
      labelFr: 'Catégories supplémentaires',
      description: 'Categories a product belongs to besides its default one.',
      descriptionFr: 'Les catégories d’un produit en plus de sa catégorie par défaut.',
    }),
  );

export const categorySettingsSchema = z
  .strictObject({
    update: categoryUpdateSettings,
    extraCategories: extraCategorySettings,
    maxDepth: integer(
      SECTION,
      6,
      { min: 1, max: 10 },
      {
        label: 'Maximum tree depth',
        labelFr: 'Profondeur maximale de l’arborescence',
        description: 'Deepest category level the sync creates below the root; deeper levels are refused.',
        descriptionFr:
          'Niveau de catégorie le plus profond créé par la synchronisation ; au-delà, la création est refusée.',
      },
    ),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Categories',
      labelFr: 'Catégories',
      description: 'How the category tree sent by the ERP is written to the shop.',
      descriptionFr: 'Comment l’arborescence des catégories envoyée par l’ERP est écrite dans la boutique.',
    }),
  );
