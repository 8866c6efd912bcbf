import { z } from 'zod';
import { optionalDate, sectionMeta, select, toggle, updateToggle } from './setting-field.js';

const CREATE = 'customers.create';
const UPDATE = 'customers.update';
const EXPORT = 'customers.export';

const customerCreateSettings = z
  .strictObject({
    passwordMode: select(
      CREATE,
      ['random-no-email', 'random-and-reset-email', 'erp-provided'],
      'random-no-email',
      {
        label: 'Password for new customers',
        labelFr: 'Mot de passe pour les nouveaux clients',
        description:
          'How a customer account created by the sync gets its password. The ERP-provided one is used only when ' +
          'the ERP sends one.',
        descriptionFr:
          'Comment un compte client créé par la synchronisation obtient son mot de passe. Celui de l’ERP n’est ' +
          'utilisé que si l’ERP en envoie un.',
      },
      {
        'random-no-email': { label: 'Random, no email', labelFr: 'Aléatoire, sans email' },
        'random-and-reset-email': {
          label: 'Random, and email a reset link',
          labelFr: 'Aléatoire, avec email de réinitialisation',
        },
        'erp-provided': { label: 'Provided by the ERP', labelFr: 'Fourni par l’ERP' },
      },
    ),
    newsletter: toggle(CREATE, false, {
      label: 'Subscribe to the newsletter',
      labelFr: 'Inscrire à la newsletter',
      description: 'Subscribe new customers to the newsletter. Only with their recorded consent (GDPR).',
      descriptionFr:
        'Inscrit les nouveaux clients à la newsletter. Seulement avec leur consentement enregistré (RGPD).',
    }),
    optIn: toggle(CREATE, false, {
      label: 'Partner offers (opt-in)',
      labelFr: 'Offres partenaires (opt-in)',
      description: 'Opt new customers in to partner offers. Only with their recorded consent (GDPR).',
      descriptionFr:
        'Inscrit les nouveaux clients aux offres partenaires. Seulement avec leur consentement enregistré (RGPD).',
    }),
    notificationEmail: toggle(CREATE, false, {
      label: 'Send the account-creation email',
      labelFr: 'Envoyer l’email de création de compte',
      description: 'Send new customers the shop’s own account-creation email with their access details.',
      descriptionFr: 'Envoie aux nouveaux clients l’email de création de compte de la boutique avec leurs accès.',
    }),
    skipWithoutEmail: toggle(CREATE, true, {
      label: 'Only customers with an email',
      labelFr: 'Seulement les clients avec un email',
      description: 'Skip ERP customers without a valid email address instead of creating an account they cannot use.',
      descriptionFr: 'Ignore les clients de l’ERP sans adresse email valide au lieu de créer un compte inutilisable.',
    }),
    createAddresses: toggle(CREATE, true, {
      label: 'Create addresses',
      labelFr: 'Créer les adresses',
      description: 'Create the customer’s billing and delivery addresses along with the account.',
      descriptionFr: 'Crée les adresses de facturation et de livraison du client avec son compte.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(CREATE, {
      label: 'Customer creation',
      labelFr: 'Création des clients',
      description: 'How customer accounts sent by the ERP are created in the shop.',
      descriptionFr: 'Comment les comptes clients envoyés par l’ERP sont créés dans la boutique.',
    }),
  );

const customerUpdateSettings = z
  .strictObject({
    email: updateToggle(UPDATE, 'customers.update.email', false, {
      label: 'Email address',
      labelFr: 'Adresse email',
      description:
        'Replace the email of an existing customer. Leave off: the email is the login, so replacing it locks the ' +
        'customer out of their account.',
      descriptionFr:
        'Remplace l’email d’un client existant. À laisser désactivé : l’email sert d’identifiant, le remplacer ' +
        'empêche le client de se connecter.',
    }),
    names: updateToggle(UPDATE, 'customers.update.names', false, {
      label: 'First and last name',
      labelFr: 'Prénom et nom',
      description: 'Replace the first and last name of an existing customer.',
      descriptionFr: 'Remplace le prénom et le nom d’un client existant.',
    }),
    group: updateToggle(UPDATE, 'customers.update.group', false, {
      label: 'Customer groups',
      labelFr: 'Groupes de clients',
      description: 'Follow the ERP’s group changes for an existing customer.',
      descriptionFr: 'Suit les changements de groupe d’un client existant dans l’ERP.',
    }),
    defaultGroup: updateToggle(UPDATE, 'customers.update.defaultGroup', false, {
      label: 'Default customer group',
      labelFr: 'Groupe de clients par défaut',
      description: 'Also replace the customer’s default group (the one that sets their prices).',
      descriptionFr: 'Remplace aussi le groupe par défaut du client (celui qui fixe ses prix).',
    }),
    addresses: updateToggle(UPDATE, 'customers.update.addresses', false, {
      label: 'Addresses',
      labelFr: 'Adresses',
      description: 'Replace the billing and delivery addresses of an existing customer.',
      descriptionFr: 'Remplace les adresses de facturation et de livraison d’un client existant.',
    }),
    notes: updateToggle(UPDATE, 'customers.update.notes', false, {
      label: 'Notes',
      labelFr: 'Notes - Observations',
      description: 'Replace the private notes on an existing customer.',
      descriptionFr: 'Remplace les notes privées d’un client existant.',
    }),
    b2b: updateToggle(UPDATE, 'customers.update.b2b', false, {
      label: 'B2B data',
      labelFr: 'Données B2B',
      description:
        'Replace company data of an existing customer: company name, SIRET, VAT number, APE code, credit limit, ' +
        'payment terms, risk level.',
      descriptionFr:
        'Remplace les données d’entreprise d’un client existant : raison sociale, SIRET, n° de TVA, code APE, ' +
        'encours autorisé, délai de paiement, niveau de risque.',
    }),
    erpAccount: updateToggle(UPDATE, 'customers.update.erpAccount', true, {
      label: 'ERP account code',
      labelFr: 'Compte client de l’ERP',
      description:
        'Store the ERP account code (e.g. CL00004) on the shop customer, so later orders are booked to the same ' +
        'account.',
      descriptionFr:
        'Enregistre le code client de l’ERP (ex. CL00004) sur le client de la boutique, pour que ses commandes ' +
        'suivantes soient passées sur le même compte.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(UPDATE, {
      label: 'Customer update',
      labelFr: 'Modification des clients',
      description: 'Which fields an update of an existing customer may overwrite.',
      descriptionFr: 'Les champs qu’une mise à jour d’un client existant peut remplacer.',
    }),
  );

const customerExportSettings = z
  .strictObject({
    since: optionalDate(EXPORT, {
      label: 'Export customers since',
      labelFr: 'Exporter les clients depuis le',
      description:
        'Earliest creation or change date of the customers the ERP may read (prospects). Empty = no lower bound.',
      descriptionFr:
        'Date de création ou de modification la plus ancienne des clients que l’ERP peut lire (prospects). ' +
        'Vide = pas de limite.',
    }),
    onlyWithoutOrders: toggle(EXPORT, true, {
      label: 'Only customers without orders',
      labelFr: 'Seulement les clients sans commande',
      description: 'Serve only accounts that never ordered; customers with orders reach the ERP with their orders.',
      descriptionFr:
        'Ne fournit que les comptes sans commande ; les clients qui ont ' +
        'commandé arrivent dans l’ERP avec leurs commandes.',
    }),
  })
  .prefault({})
  .meta(
    sectionMeta(EXPORT, {
      label: 'Customer export',
      labelFr: 'Export des clients',
      description: 'Which shop customers the ERP may read as prospects.',
      descriptionFr: 'Quels clients de la boutique l’ERP peut lire comme prospects.',
    }),
  );

export const customerSettingsSchema = z
  .strictObject({ create: customerCreateSettings, update: customerUpdateSettings, export: customerExportSettings })
  .prefault({});
