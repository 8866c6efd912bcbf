import { z } from 'zod';
import { isValidHostname } from './hostname.js';
import { isValidIpOrCidr } from './ip.js';
import { FINGERPRINT_PATTERN, isPasswordHash } from './password.js';
import { integer, sectionMeta, settingMeta, stringList, toggle } from './setting-field.js';

const SECTION = 'access';

const passwordHash = z
  .string()
  .refine(isPasswordHash, 'Must be a hash made by hashPassword(); set the password itself with setPassword().');

const ipEntry = z
  .string()
  .refine(isValidIpOrCidr, 'Not an IPv4/IPv6 address or CIDR block (e.g. 203.0.113.7, 10.0.0.0/8).');

const hostEntry = z
  .string()
  .refine(isValidHostname, 'Not a host name (e.g. erp.example.com); put IP addresses in access.allowedIps.');

const hmacSettings = z
  .strictObject({
    enabled: toggle(SECTION, false, {
      label: 'Signed requests (HMAC)',
      labelFr: 'Requêtes signées (HMAC)',
      description:
        'Also accept requests signed with an HMAC of "timestamp.body" instead of the password header, for hosts ' +
        'that strip the Authorization header.',
      descriptionFr:
        'Accepte aussi les requêtes signées par un HMAC de « horodatage.corps » ' +
        'au lieu de l’en-tête du mot de passe, ' +
        'pour les hébergements qui suppriment l’en-tête Authorization.',
    }),
    secret: z
      .string()
      .min(32, 'Use at least 32 characters (generatePassword() makes a suitable one).')
      .max(1024)
      .regex(/^[\x21-\x7e]+$/, 'Use printable ASCII characters without spaces.')
      .nullable()
      .default(null)
      .meta({
        ...settingMeta(SECTION, 'password', {
          label: 'Signing secret',
          labelFr: 'Secret de signature',
          description:
            'Key both sides use to sign requests. Unlike the password it cannot be stored hashed (the endpoint must ' +
            'recompute each signature), so it is never shown or exported once saved.',
          descriptionFr:
            'Clé que les deux parties utilisent pour signer les requêtes. ' +
            'Contrairement au mot de passe, elle ne peut ' +
            'pas être conservée chiffrée (le point d’accès recalcule chaque signature) ; elle n’est plus jamais ' +
            'affichée ni exportée une fois enregistrée.',
        }),
        secret: true,
      }),
    maxSkewSeconds: integer(
      SECTION,
      300,
      { min: 30, max: 3600 },
      {
        label: 'Allowed clock difference (seconds)',
        labelFr: 'Décalage d’horloge toléré (secondes)',
        description: 'A signed request whose timestamp is further than this from the shop clock is refused (replay).',
        descriptionFr:
          'Une requête signée dont l’horodatage s’écarte davantage de l’horloge de la boutique est refusée (rejeu).',
      },
    ),
  })
  .superRefine((hmac, ctx) => {
    if (hmac.enabled && hmac.secret === null) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'Signed requests need a signing secret.' });
    }
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Signed requests',
      labelFr: 'Requêtes signées',
      description: 'HMAC signature mode.',
      descriptionFr: 'Mode de signature HMAC.',
    }),
  );

const throttleSettings = z
  .strictObject({
    maxFailures: integer(
      SECTION,
      10,
      { min: 1, max: 1000 },
      {
        label: 'Failed attempts before blocking',
        labelFr: 'Échecs avant blocage',
        description: 'Authentication failures from one address within the window before it is blocked (answer 429).',
        descriptionFr: 'Échecs d’authentification d’une même adresse dans la fenêtre avant son blocage (réponse 429).',
      },
    ),
    windowSeconds: integer(
      SECTION,
      300,
      { min: 1, max: 86_400 },
      {
        label: 'Failure window (seconds)',
        labelFr: 'Fenêtre de comptage (secondes)',
        description: 'How long a failure counts towards blocking.',
        descriptionFr: 'Durée pendant laquelle un échec compte pour le blocage.',
      },
    ),
    blockSeconds: integer(
      SECTION,
      600,
      { min: 1, max: 86_400 },
      {
        label: 'Block duration (seconds)',
        labelFr: 'Durée du blocage (secondes)',
        description: 'How long a blocked address is refused; it is told when to retry (Retry-After).',
        descriptionFr: 'Durée pendant laquelle une adresse bloquée est refusée ; la réponse indique quand réessayer.',
      },
    ),
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Blocking repeated failures',
      labelFr: 'Blocage des échecs répétés',
      description: 'Lock-out of addresses that keep failing authentication.',
      descriptionFr: 'Blocage des adresses qui échouent à s’authentifier de façon répétée.',
    }),
  );

/**
 * Who may call the endpoint. Allow-lists are empty by default, which means "no restriction"
 * (as in the commercial modules); the password is what is mandatory.
 */
export const accessSettingsSchema = z
  .strictObject({
    passwordHash: passwordHash
      .nullable()
      .default(null)
      .meta({
        ...settingMeta(SECTION, 'password', {
          label: 'Endpoint password',
          labelFr: 'Mot de passe du point d’accès',
          description:
            'Shared secret the ERP cloud sends in the Authorization header. Mandatory: until it is set every request ' +
            'is refused. Stored only as a hash and never shown again; copy it when it is generated.',
          descriptionFr:
            'Secret partagé que le cloud de l’ERP envoie dans l’en-tête Authorization. Obligatoire : tant qu’il ' +
            'n’est pas défini, toutes les requêtes sont refusées. Seule son empreinte chiffrée est conservée ; il ' +
            'n’est plus jamais affiché, copiez-le lors de sa création.',
        }),
        secret: true,
      }),
    passwordFingerprint: z
      .string()
      .regex(FINGERPRINT_PATTERN, 'Must look like sha256:0123abcd (made by fingerprint()).')
      .nullable()
      .default(null)
      .meta({
        ...settingMeta(SECTION, 'text', {
          label: 'Password fingerprint',
          labelFr: 'Empreinte du mot de passe',
          description: 'A short tag that recognises the current password without revealing it.',
          descriptionFr: 'Une courte étiquette qui permet de reconnaître le mot de passe actuel sans le révéler.',
        }),
        readOnly: true,
      }),
    passwordSetAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .default(null)
      .meta({
        ...settingMeta(SECTION, 'date', {
          label: 'Password set on',
          labelFr: 'Mot de passe défini le',
          description: 'When the current password was set.',
          descriptionFr: 'Date à laquelle le mot de passe actuel a été défini.',
        }),
        readOnly: true,
      }),
    previousPasswordHash: passwordHash
      .nullable()
      .default(null)
      .meta({
        ...settingMeta(SECTION, 'password', {
          label: 'Previous password',
          labelFr: 'Mot de passe précédent',
          description: 'After a rotation, the old password keeps working until the end of the grace period.',
          descriptionFr:
            'Après un changement, l’ancien mot de passe reste accepté jusqu’à la fin de la période de grâce.',
        }),
        secret: true,
      }),
    previousPasswordValidUntil: z.iso
      .datetime({ offset: true })
      .nullable()
      .default(null)
      .meta({
        ...settingMeta(SECTION, 'date', {
          label: 'Previous password accepted until',
          labelFr: 'Mot de passe précédent accepté jusqu’au',
          description: 'End of the grace period of the previous password.',
          descriptionFr: 'Fin de la période de grâce du mot de passe précédent.',
        }),
        readOnly: true,
      }),
    allowedIps: stringList(ipEntry)
      .default([])
      .meta(
        settingMeta(SECTION, 'list', {
          label: 'Allowed IP addresses',
          labelFr: 'Adresses IP autorisées',
          description:
            'IPv4/IPv6 addresses or CIDR blocks allowed to call the endpoint (e.g. 203.0.113.7, 10.0.0.0/8). ' +
            'Empty = no restriction. When host names are also set, matching either admits.',
          descriptionFr:
            'Adresses IPv4/IPv6 ou plages CIDR autorisées à appeler le point d’accès (ex. 203.0.113.7, 10.0.0.0/8). ' +
            'Vide = aucune restriction. Si des noms d’hôtes sont aussi renseignés, l’un ou l’autre suffit.',
        }),
      ),
    allowedHosts: stringList(hostEntry, (entry) => entry.toLowerCase())
      .default([])
      .meta(
        settingMeta(SECTION, 'list', {
          label: 'Allowed host names',
          labelFr: 'Noms d’hôtes autorisés',
          description:
            'Host names whose addresses may call the endpoint (resolved and cached, e.g. mypc.dyndns.org). ' +
            'Empty = no restriction.',
          descriptionFr:
            'Noms d’hôtes dont les adresses peuvent appeler le point d’accès (résolus et mis en cache, ex. ' +
            'monpc.dyndns.org). Vide = aucune restriction.',
        }),
      ),
    trustedProxies: stringList(ipEntry)
      .default([])
      .meta(
        settingMeta(SECTION, 'list', {
          label: 'Trusted proxies',
          labelFr: 'Proxys de confiance',
          description:
            'Addresses or CIDR blocks of your own reverse proxies or load balancers. Only behind them is the ' +
            'X-Forwarded-For header believed; leave empty when the shop is reached directly.',
          descriptionFr:
            'Adresses ou plages CIDR de vos propres proxys inverses ou répartiteurs de charge. L’en-tête ' +
            'X-Forwarded-For n’est pris en compte que derrière eux ; laissez vide ' +
            'si la boutique est atteinte directement.',
        }),
      ),
    hmac: hmacSettings,
    throttle: throttleSettings,
  })
  .superRefine((access, ctx) => {
    // A previous password without an end date would stay valid forever.
    if (access.previousPasswordHash !== null && access.previousPasswordValidUntil === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['previousPasswordValidUntil'],
        message: 'A previous password needs the end of its grace period.',
      });
    }
  })
  .prefault({})
  .meta(
    sectionMeta(SECTION, {
      label: 'Access',
      labelFr: 'Accès',
      description: 'Password and allow-lists that protect the endpoint the ERP cloud calls.',
      descriptionFr:
        'Mot de passe et listes d’autorisation qui protègent le point d’accès appelé par le cloud de l’ERP.',
    }),
  );

export type AccessSettings = z.output<typeof accessSettingsSchema>;
