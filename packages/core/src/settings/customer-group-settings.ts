import { z } from 'zod';
import { sectionMeta, toggle, updateToggle } from './setting-field.js';

const SECTION = 'customerGroups';

const customerGroupUpdateSettings = z
  .strictObject({
    name: updateToggle(SECTION, 'customerGroups.update.name', false, {
      label: 'Update group names',
      labelFr: 'Modifier le nom des groupes',
      description: 'Rename an existing customer group when its ERP name changes.',
      descriptionFr: 'Renomme un groupe de clients existant quand son nom change dans l’ERP.',
    }),
    reduction: updateToggle(SECTION, 'customerGroups.update.reduction', false, {
      label: 'Update group discounts',
      labelFr: 'Modifier la réduction des groupes',
      description: 'Replace the discount percentage of an existing customer group.',
      descriptionFr: 'Remplace le pourcentage de réduction d’un groupe de clients existant.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Customer group update',
      labelFr: 'Modification des groupes de clients',
      description: 'What an update of an existing customer group may change.',
      descriptionFr: 'Ce qu’une mise à jour d’un groupe de clients existant peut modifier.',
    }),
  );

export const customerGroupSettingsSchema = z
  .strictObject({
    update: customerGroupUpdateSettings,
    allowAllModules: toggle(SECTION, false, {
      label: 'Allow all modules for new groups',
      labelFr: 'Autoriser tous les modules',
      description: 'Give a group created by the sync access to every payment and shop module.',
      descriptionFr: 'Donne à un groupe créé par la synchronisation l’accès à tous les modules (paiement, boutique).',
    }),
    enableInAllCategories: toggle(SECTION, false, {
      label: 'Enable new groups in all categories',
      labelFr: 'Activer dans toutes les catégories',
      description: 'Let a group created by the sync see every category of the shop.',
      descriptionFr: 'Permet à un groupe créé par la synchronisation de voir toutes les catégories de la boutique.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Customer groups',
      labelFr: 'Groupes de clients',
      description: 'Customer groups created from ERP customer families or price categories.',
      descriptionFr: 'Groupes de clients créés à partir des familles ou catégories tarifaires de clients de l’ERP.',
    }),
  );
