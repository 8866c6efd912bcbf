import { z } from 'zod';
import { sectionMeta, toggle } from './setting-field.js';

const SECTION = 'packs';

export const packSettingsSchema = z
  .strictObject({
    create: toggle(SECTION, false, {
      label: 'Create packs',
      labelFr: 'Créer les packs',
      description:
        'Create and update shop packs from ERP bills of materials. Every component must already exist in the shop.',
      descriptionFr:
        'Crée et met à jour les packs de la boutique à partir des ' +
        'nomenclatures de l’ERP. Tous les composants doivent ' +
        'déjà exister dans la boutique.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Packs',
      labelFr: 'Packs',
      description: 'Products sold as a bundle of other products.',
      descriptionFr: 'Produits vendus comme un lot d’autres produits.',
    }),
  );
