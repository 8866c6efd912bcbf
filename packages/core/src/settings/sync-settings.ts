import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { integer, sectionMeta, select, settingMeta } from './setting-field.js';

const SECTION = 'sync';

export const syncSettingsSchema = z
  .strictObject({
    sweepCron: z
      .string()
      .trim()
      .refine(isCronExpression, 'Not a cron expression (e.g. */5 * * * * for every 5 minutes).')
      .default('*/5 * * * *')
      .meta(
        settingMeta(SECTION, 'text', {
          label: 'Change sweep schedule',
          labelFr: 'Planification du balayage des changements',
          description:
            'Cron expression of the sweep that finds shop changes by date and content (a run never overlaps the ' +
            'previous one).',
          descriptionFr:
            'Expression cron du balayage qui détecte les changements de la boutique par date et par contenu (une ' +
            'exécution ne chevauche jamais la précédente).',
        }),
      ),
    overlapSeconds: integer(
      SECTION,
      30,
      { min: 0, max: 3600 },
      {
        label: 'Sweep overlap (seconds)',
        labelFr: 'Chevauchement du balayage (secondes)',
        description: 'Each sweep re-reads this much before the last one ended, so late-dated changes are not missed.',
        descriptionFr:
          'Chaque balayage relit cette durée avant la fin du précédent, pour ne ' +
          'pas manquer les changements datés en retard.',
      },
    ),
    journalRetentionDays: integer(
      SECTION,
      90,
      { min: 1, max: 3650 },
      {
        label: 'Journal retention (days)',
        labelFr: 'Conservation du journal (jours)',
        description: 'Change journal and activity log entries older than this are purged.',
        descriptionFr: 'Les entrées du journal des changements et d’activité plus anciennes sont purgées.',
      },
    ),
    idempotencyRetentionHours: integer(
      SECTION,
      48,
      { min: 1, max: 720 },
      {
        label: 'Idempotency key retention (hours)',
        labelFr: 'Conservation des clés d’idempotence (heures)',
        description: 'How long a repeated write with the same Idempotency-Key is answered without being applied again.',
        descriptionFr:
          'Durée pendant laquelle une écriture répétée avec la même clé Idempotency-Key reçoit la même réponse sans ' +
          'être rejouée.',
      },
    ),
    onTotalsMismatch: select(
      SECTION,
      ['flag', 'hold'],
      'flag',
      {
        label: 'When order lines do not add up',
        labelFr: 'Quand les lignes ne correspondent pas au total',
        description:
          'What to do with an order whose lines do not add up to its total: send it with the difference flagged, or ' +
          'hold it back until someone looks at it.',
        descriptionFr:
          'Que faire d’une commande dont les lignes ne correspondent pas au total : l’envoyer en signalant l’écart, ' +
          'ou la retenir jusqu’à vérification.',
      },
      {
        flag: { label: 'Send it and flag the difference', labelFr: 'L’envoyer en signalant l’écart' },
        hold: { label: 'Hold it back', labelFr: 'La retenir' },
      },
    ),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Synchronisation',
      labelFr: 'Synchronisation',
      description: 'Schedules and retention of the synchronisation engine.',
      descriptionFr: 'Planification et conservation du moteur de synchronisation.',
    }),
  );
