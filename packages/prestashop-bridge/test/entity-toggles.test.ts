import { afterEach, describe, expect, it } from 'vitest';
import type { FakePrestashop } from './fake-prestashop.js';
import { type ModuleShop, mergeSettings, moduleShop, settingAt } from './module-harness.js';

let shop: ModuleShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

interface ToggleCase {
  toggle: string;
  path: string;
  item: Record<string, unknown>;
  written(fake: FakePrestashop): void;
  kept(fake: FakePrestashop): void;
}

const MEN = { reference: 'CAT-MEN', name: { en: 'Men', fr: 'Hommes' } };
const WHOLESALE = { reference: 'FAM-WHOLESALE', name: { en: 'Wholesale', fr: 'Grossiste' } };
const JANE = { reference: 'CL00002', email: 'jane.smith@example.com', firstName: 'Jane', lastName: 'Smith' };

const cases: ToggleCase[] = [
  {
    toggle: 'categories.update.name',
    path: '/categories',
    item: { ...MEN, name: { en: 'Gentlemen', fr: 'Messieurs' } },
    written: (fake) => expect(fake.field('categories', 4, 'name', '2')).toBe('Messieurs'),
    kept: (fake) => expect(fake.field('categories', 4, 'name', '2')).toBe('Hommes'),
  },
  {
    toggle: 'categories.update.description',
    path: '/categories',
    item: { ...MEN, description: { en: '<p>For him</p>' } },
    written: (fake) => expect(fake.field('categories', 4, 'description', '1')).toBe('<p>For him</p>'),
    kept: (fake) => expect(fake.field('categories', 4, 'description', '1')).toBe(''),
  },
  {
    toggle: 'categories.update.parent',
    path: '/categories',
    item: { ...MEN, parent: { name: 'Accessories' } },
    written: (fake) => expect(fake.field('categories', 4, 'id_parent')).toBe('6'),
    kept: (fake) => expect(fake.field('categories', 4, 'id_parent')).toBe('3'),
  },
  {
    toggle: 'customerGroups.update.name',
    path: '/customer-groups',
    item: { ...WHOLESALE, name: { en: 'Trade', fr: 'Pro' } },
    written: (fake) => expect(fake.field('groups', 4, 'name', '1')).toBe('Trade'),
    kept: (fake) => expect(fake.field('groups', 4, 'name', '1')).toBe('Wholesale'),
  },
  {
    toggle: 'customerGroups.update.reduction',
    path: '/customer-groups',
    item: { ...WHOLESALE, reduction: '12.5' },
    written: (fake) => expect(fake.field('groups', 4, 'reduction')).toBe('12.5'),
    kept: (fake) => expect(fake.field('groups', 4, 'reduction')).toBe('10.00'),
  },
  {
    toggle: 'customers.update.email',
    path: '/customers',
    item: { ...JANE, email: 'jane@smith.example' },
    written: (fake) => expect(fake.field('customers', 2, 'email')).toBe('jane@smith.example'),
    kept: (fake) => expect(fake.field('customers', 2, 'email')).toBe('jane.smith@example.com'),
  },
  {
    toggle: 'customers.update.names',
    path: '/customers',
    item: { ...JANE, firstName: 'Janet', lastName: 'Smyth' },
    written: (fake) =>
      expect([fake.field('customers', 2, 'firstname'), fake.field('customers', 2, 'lastname')]).toEqual([
        'Janet',
        'Smyth',
      ]),
    kept: (fake) => expect(fake.field('customers', 2, 'firstname')).toBe('Jane'),
  },
  {
    toggle: 'customers.update.group',
    path: '/customers',
    item: { ...JANE, groups: ['FAM-WHOLESALE'] },
    written: (fake) => expect(fake.record('customers', 2)?.associations.groups).toEqual([{ id: '4' }]),
    kept: (fake) => expect(fake.record('customers', 2)?.associations.groups).toEqual([{ id: '3' }, { id: '4' }]),
  },
  {
    toggle: 'customers.update.defaultGroup',
    path: '/customers',
    item: { ...JANE, defaultGroup: 'Customer' },
    written: (fake) => expect(fake.field('customers', 2, 'id_default_group')).toBe('3'),
    kept: (fake) => expect(fake.field('customers', 2, 'id_default_group')).toBe('4'),
  },
  {
    toggle: 'customers.update.addresses',
    path: '/customers',
    item: {
      ...JANE,
      addresses: [
        {
          alias: 'Office',
          type: 'both',
          firstName: 'Jane',
          lastName: 'Smith',
          address1: '10 quai Perrache',
          postcode: '69002',
          city: 'Lyon',
          country: 'FR',
        },
      ],
    },
    written: (fake) => expect(fake.field('addresses', 2, 'address1')).toBe('10 quai Perrache'),
    kept: (fake) => expect(fake.field('addresses', 2, 'address1')).toBe('5 rue de la République'),
  },
  {
    toggle: 'customers.update.notes',
    path: '/customers',
    item: { ...JANE, note: 'Call before delivery' },
    written: (fake) => expect(fake.field('customers', 2, 'note')).toBe('Call before delivery'),
    kept: (fake) => expect(fake.field('customers', 2, 'note')).toBe('Key account'),
  },
  {
    toggle: 'customers.update.b2b',
    path: '/customers',
    item: { ...JANE, company: 'Smith SAS', siret: '98765432100011', outstandingAllowed: '7500.00', maxPaymentDays: 45 },
    written: (fake) => {
      expect(fake.field('customers', 2, 'company')).toBe('Smith SAS');
      expect(fake.field('customers', 2, 'siret')).toBe('98765432100011');
      expect(fake.field('customers', 2, 'outstanding_allow_amount')).toBe('7500');
      expect(fake.field('customers', 2, 'max_payment_days')).toBe('45');
    },
    kept: (fake) => expect(fake.field('customers', 2, 'company')).toBe('Smith SARL'),
  },
];

describe('category, customer group and customer update toggles', () => {
  for (const entry of cases) {
    it(`${entry.toggle} on: PrestaShop gets the change`, async () => {
      shop = await moduleShop(settingAt(entry.toggle, true));
      const result = await shop.writeOne('PUT', entry.path, entry.item);
      expect(result.outcome, JSON.stringify(result)).toBe('updated');
      entry.written(shop.fake);
    });
    it(`${entry.toggle} off: withheld, PrestaShop keeps its value`, async () => {
      shop = await moduleShop(settingAt(entry.toggle, false));
      const result = await shop.writeOne('PUT', entry.path, entry.item);
      expect(result.outcome, JSON.stringify(result)).toBe('unchanged');
      expect(result.withheld?.length).toBeGreaterThan(0);
      entry.kept(shop.fake);
    });
  }

  it('customers.update.erpAccount on: the item says the Webservice has no field for it', async () => {
    shop = await moduleShop(settingAt('customers.update.erpAccount', true));
    const result = await shop.writeOne('PUT', '/customers', { ...JANE, erpAccount: 'CL00002-ERP' });
    expect(result.outcome).toBe('updated');
    expect(result.reason).toContain('erpAccount: the Webservice has no field for an ERP account code');
  });
});

describe('categories: creation', () => {
  it('creates a tree in one batch: a child finds the parent created just before it', async () => {
    shop = await moduleShop();
    const answer = await shop.call('PUT', '/categories', {
      items: [
        { reference: 'CAT-OUTDOOR', name: { en: 'Outdoor', fr: 'Plein air' }, parent: { reference: 'CAT-MEN' } },
        { reference: 'CAT-TENTS', name: { en: 'Tents' }, parent: { reference: 'CAT-OUTDOOR' } },
        { reference: 'CAT-TOP', name: { en: 'Top level' }, parent: null },
      ],
    });
    const [outdoor, tents, top] = (answer.body as { results: { outcome: string; id: string }[] }).results;
    expect([outdoor?.outcome, tents?.outcome, top?.outcome]).toEqual(['created', 'created', 'created']);
    expect(shop.fake.field('categories', Number(outdoor?.id), 'id_parent')).toBe('4');
    expect(shop.fake.field('categories', Number(tents?.id), 'id_parent')).toBe(outdoor?.id);
    expect(shop.fake.field('categories', Number(top?.id), 'id_parent')).toBe('2');
    expect(shop.fake.field('categories', Number(tents?.id), 'name', '2')).toBe('Tents');
    expect(shop.fake.field('categories', Number(outdoor?.id), 'link_rewrite', '2')).toBe('plein-air');
    const read = await shop.module.adapter.categories.getByReferences(['CAT-TENTS']);
    expect(read.get('CAT-TENTS')?.parent).toEqual({ id: outdoor?.id, reference: 'CAT-OUTDOOR' });
  });

  it('refuses a category whose parent does not exist, with the reason', async () => {
    shop = await moduleShop();
    const result = await shop.writeOne('PUT', '/categories', {
      reference: 'CAT-ORPHAN',
      name: { en: 'Orphan' },
      parent: { name: 'Nowhere' },
    });
    expect(result.outcome).toBe('failed');
    expect(result.error).toContain('parent category {"name":"Nowhere"} does not exist in the shop');
  });
});

describe('customer groups: creation options the Webservice cannot apply', () => {
  it('creates the group and says what the admin must finish when allowAllModules and enableInAllCategories are on', async () => {
    shop = await moduleShop(
      mergeSettings(
        settingAt('customerGroups.allowAllModules', true),
        settingAt('customerGroups.enableInAllCategories', true),
      ),
    );
    const result = await shop.writeOne('PUT', '/customer-groups', {
      reference: 'FAM-RETAIL',
      name: { en: 'Retail' },
      reduction: '2',
      priceDisplay: 'taxExcl',
    });
    expect(result.outcome).toBe('created');
    const id = Number(result.id);
    expect(shop.fake.field('groups', id, 'price_display_method')).toBe('1');
    expect(shop.fake.field('groups', id, 'name', '2')).toBe('Retail');
    expect(result.reason).toContain('allowAllModules: module access of a group is not in the Webservice');
    expect(result.reason).toContain('enableInAllCategories: category access of a group is not in the Webservice');
  });

  it('says nothing when both options are off', async () => {
    shop = await moduleShop();
    const result = await shop.writeOne('PUT', '/customer-groups', { reference: 'FAM-RETAIL', name: { en: 'Retail' } });
    expect(result.outcome).toBe('created');
    expect(result.reason).toBeUndefined();
  });
});

describe('customers: creation settings', () => {
  const PAUL = {
    reference: 'CL00099',
    email: 'new.customer@example.com',
    firstName: 'Nina',
    lastName: 'Roux',
    groups: ['FAM-WHOLESALE'],
    addresses: [
      {
        type: 'billing',
        firstName: 'Nina',
        lastName: 'Roux',
        address1: '2 rue Neuve',
        postcode: '1000',
        city: 'Bruxelles',
        country: 'BE',
      },
    ],
  };

  it('writes newsletter and opt-in, creates the addresses, and reports what the Webservice cannot send', async () => {
    shop = await moduleShop(
      mergeSettings(
        settingAt('customers.create.newsletter', true),
        settingAt('customers.create.optIn', true),
        settingAt('customers.create.passwordMode', 'random-and-reset-email'),
        settingAt('customers.create.notificationEmail', true),
      ),
    );
    const result = await shop.writeOne('PUT', '/customers', PAUL);
    expect(result.outcome).toBe('created');
    const id = Number(result.id);
    expect([shop.fake.field('customers', id, 'newsletter'), shop.fake.field('customers', id, 'optin')]).toEqual([
      '1',
      '1',
    ]);
    expect(shop.fake.field('customers', id, 'passwd')).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(shop.fake.record('customers', id)?.associations.groups).toEqual([{ id: '4' }]);
    const address = shop.fake.store.all('addresses').find((row) => row.fields.id_customer === String(id));
    expect(address?.fields).toMatchObject({ alias: 'Billing', id_country: '3', city: 'Bruxelles' });
    expect(result.reason).toContain('no password email');
    expect(result.reason).toContain('no account-creation email');
  });

  it('createAddresses off: the customer is created without addresses', async () => {
    shop = await moduleShop(settingAt('customers.create.createAddresses', false));
    const result = await shop.writeOne('PUT', '/customers', PAUL);
    expect(result.outcome).toBe('created');
    expect(shop.fake.store.all('addresses').filter((row) => row.fields.id_customer === result.id)).toHaveLength(0);
    expect([
      shop.fake.field('customers', Number(result.id), 'newsletter'),
      shop.fake.field('customers', Number(result.id), 'optin'),
    ]).toEqual(['0', '0']);
  });

  it('matches an existing account by email instead of creating a second one, and binds the code', async () => {
    shop = await moduleShop(settingAt('customers.update.names', true));
    const result = await shop.writeOne('PUT', '/customers', {
      reference: 'CL00001',
      email: 'PUB@prestashop.com',
      firstName: 'Johnny',
      lastName: 'DOE',
    });
    expect(result).toMatchObject({ outcome: 'updated', id: '1' });
    expect(shop.fake.store.all('customers')).toHaveLength(6);
    const again = await shop.module.adapter.customers.getByReferences(['CL00001']);
    expect(again.get('CL00001')?.id).toBe('1');
  });

  it('refuses a group that does not exist yet, with the reason', async () => {
    shop = await moduleShop();
    const result = await shop.writeOne('PUT', '/customers', { ...PAUL, groups: ['FAM-UNKNOWN'] });
    expect(result.outcome).toBe('failed');
    expect(result.error).toContain('customer group "FAM-UNKNOWN" does not exist in the shop: send the groups first');
  });
});

describe('activation', () => {
  it('deactivates a product and a customer by reference, never deleting', async () => {
    shop = await moduleShop();
    const products = await shop.call('POST', '/products/activation', {
      items: [{ reference: 'demo_12', active: false }],
    });
    expect((products.body as { results: { outcome: string }[] }).results[0]?.outcome).toBe('updated');
    expect(shop.fake.field('products', 5, 'active')).toBe('0');
    const customers = await shop.call('POST', '/customers/activation', {
      items: [{ reference: 'CL00002', active: false }],
    });
    expect((customers.body as { results: { outcome: string }[] }).results[0]?.outcome).toBe('updated');
    expect(shop.fake.field('customers', 2, 'active')).toBe('0');
    expect(shop.fake.count('DELETE')).toBe(0);
  });
});
