import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderStatuses as contractOrderStatuses } from '../contracts/order-status.js';
import { describeSettings, describeSettingsSections } from './describe-settings.js';
import { isToggleOn } from './is-toggle-on.js';
import { orderStatuses } from './order-statuses.js';
import { defaultSettings, settingsSchema } from './schema.js';
import { getAt } from './schema-introspection.js';
import { updateToggles } from './update-toggles.js';

// Defaults as the commercial modules ship them (spec/commercial-modules.md §3.1 PrestaShop screenshots,
// §3.2 WooCommerce, §3.5 CyberOffice) or, where the manuals show none, the safe choice the brief records.
const expectedDefaults: [path: string, value: unknown][] = [
  ['access.passwordHash', null],
  ['access.allowedIps', []],
  ['access.allowedHosts', []],
  ['access.trustedProxies', []],
  ['access.hmac.enabled', false],
  ['access.hmac.maxSkewSeconds', 300],
  ['access.throttle.maxFailures', 10],
  ['access.throttle.windowSeconds', 300],
  ['access.throttle.blockSeconds', 600],
  ['products.create.active', true],
  ['products.create.fallbackCategory', null],
  ['products.update.name', false],
  ['products.update.shortDescription', false],
  ['products.update.description', false],
  ['products.update.seo', true],
  ['products.update.slug', false],
  ['products.update.price', true],
  ['products.update.tax', false],
  ['products.update.specificPrices', false],
  ['products.update.quantity', true],
  ['products.update.weight', false],
  ['products.update.dimensions', true],
  ['products.update.barcode', false],
  ['products.update.manufacturer', false],
  ['products.update.supplier', false],
  ['products.update.images', false],
  ['products.update.documents', false],
  ['products.update.features', false],
  ['products.update.attributes', false],
  ['products.update.category', false],
  ['products.update.relatedProducts', false],
  ['products.update.parentCategories', false],
  ['products.update.reindex', false],
  ['products.update.allLanguages', true],
  ['products.update.attributePublicName', false],
  ['products.update.deleteImagesBeforeUpload', false],
  ['categories.update.name', false],
  ['categories.update.description', false],
  ['categories.update.parent', false],
  ['categories.extraCategories.findBy', 'name'],
  ['categories.extraCategories.separator', ','],
  ['categories.maxDepth', 6],
  ['packs.create', false],
  ['customerGroups.update.name', false],
  ['customerGroups.update.reduction', false],
  ['customerGroups.allowAllModules', false],
  ['customerGroups.enableInAllCategories', false],
  ['customers.create.passwordMode', 'random-no-email'],
  ['customers.create.newsletter', false],
  ['customers.create.optIn', false],
  ['customers.create.notificationEmail', false],
  ['customers.create.skipWithoutEmail', true],
  ['customers.create.createAddresses', true],
  ['customers.update.email', false],
  ['customers.update.names', false],
  ['customers.update.group', false],
  ['customers.update.defaultGroup', false],
  ['customers.update.addresses', false],
  ['customers.update.notes', false],
  ['customers.update.b2b', false],
  ['customers.update.erpAccount', true],
  ['customers.export.since', null],
  ['customers.export.onlyWithoutOrders', true],
  ['orders.read.syncStatuses', ['paid', 'processing', 'shipped', 'delivered', 'completed']],
  ['orders.read.findBy', 'createdAt'],
  ['orders.read.messages', 'none'],
  ['orders.read.priceDecimals', 2],
  ['orders.read.guestAccount', null],
  ['orders.read.paymentModeSource', 'module'],
  ['orders.read.customPaymentModules', []],
  ['orders.read.includeArchived', false],
  ['orders.read.addressName', 'company'],
  ['orders.read.since', null],
  ['orders.groupByDay.enabled', false],
  ['orders.groupByDay.guestOnly', true],
  ['orders.groupByDay.groupItems', false],
  ['orders.groupByDay.groupPayments', false],
  ['orders.groupByDay.account', null],
  ['orders.groupByDay.cutoffTime', '00:00'],
  ['orders.groupByDay.timezone', 'UTC'],
  ['orders.statusUpdate.replaceReference', false],
  ['orders.statusUpdate.notifyCustomer', false],
  ['orders.statusUpdate.statusMap', {}],
  ['orders.lines.discountLineMode', 'perDiscount'],
  ['orders.lines.shopReferenceTarget', 'refClient'],
  ['stock.allowNegative', false],
  ['stock.defaultQuantityForUntracked', 0],
  ['stock.disableAtZero', false],
  ['stock.enableWhenBackInStock', false],
  ['stock.outOfStockAtZero', false],
  ['sync.sweepCron', '*/5 * * * *'],
  ['sync.overlapSeconds', 30],
  ['sync.journalRetentionDays', 90],
  ['sync.idempotencyRetentionHours', 48],
  ['sync.onTotalsMismatch', 'flag'],
];

describe('settingsSchema defaults', () => {
  const defaults = defaultSettings();

  it.each(expectedDefaults)('%s defaults to %j', (path, value) => {
    expect(getAt(defaults, path.split('.'))).toEqual(value);
  });

  it('covers every setting in the table (a new setting needs its default checked here)', () => {
    const described = describeSettings().map((setting) => setting.path);
    const tabled = new Set(expectedDefaults.map(([path]) => path));
    const readOnlyOrSecret = ['access.passwordFingerprint', 'access.passwordSetAt', 'access.previousPasswordHash'];
    const extra = ['access.previousPasswordValidUntil', 'access.hmac.secret'];
    expect(described.filter((path) => !tabled.has(path)).sort()).toEqual([...readOnlyOrSecret, ...extra].sort());
  });

  it('parses {} to a complete document equal to defaultSettings(), and each call gives a fresh object', () => {
    const a = defaultSettings();
    const b = settingsSchema.parse({});
    expect(a).toEqual(b);
    a.orders.read.syncStatuses.push('failed');
    expect(defaultSettings().orders.read.syncStatuses).toHaveLength(5);
  });

  it('is idempotent: parsing the defaults again changes nothing', () => {
    expect(settingsSchema.parse(defaultSettings())).toEqual(defaultSettings());
  });

  it('turns on exactly the update toggles the manuals default to YES', () => {
    const on = updateToggles.filter((toggle) => isToggleOn(defaults, toggle));
    expect(on).toEqual([
      'products.update.seo',
      'products.update.price',
      'products.update.quantity',
      'products.update.dimensions',
      'customers.update.erpAccount',
    ]);
  });
});

describe('update toggles', () => {
  const described = new Map(describeSettings().map((setting) => [setting.path, setting]));

  it.each(updateToggles)('%s is a boolean toggle at the same path', (toggle) => {
    const setting = described.get(toggle);
    expect(setting).toMatchObject({ type: 'boolean', control: 'toggle', updateToggle: toggle });
    expect(typeof getAt(defaultSettings(), toggle.split('.'))).toBe('boolean');
  });

  it('names no other setting as an update toggle', () => {
    const named = [...described.values()].filter((setting) => setting.updateToggle).map((setting) => setting.path);
    expect(named).toEqual([...updateToggles]);
  });

  it('isToggleOn reads the value and treats a missing section as off', () => {
    const settings = defaultSettings();
    settings.products.update.name = true;
    expect(isToggleOn(settings, 'products.update.name')).toBe(true);
    expect(isToggleOn(settings, 'products.update.images')).toBe(false);
    expect(isToggleOn({}, 'products.update.price')).toBe(false);
  });
});

describe('field metadata', () => {
  const settings = describeSettings();

  it('gives every setting an English and a French label and help text', () => {
    for (const setting of settings) {
      expect.soft(setting.label.length, setting.path).toBeGreaterThan(1);
      expect.soft(setting.labelFr.length, setting.path).toBeGreaterThan(1);
      expect.soft(setting.description.length, setting.path).toBeGreaterThan(10);
      expect.soft(setting.descriptionFr.length, setting.path).toBeGreaterThan(10);
      // A French text identical to the English one is a missing translation.
      expect.soft(setting.descriptionFr, setting.path).not.toBe(setting.description);
    }
  });

  it('puts every setting in one of the admin-page sections', () => {
    const sections = new Set(describeSettingsSections().map((section) => section.section));
    for (const setting of settings) expect.soft(sections.has(setting.section), setting.path).toBe(true);
  });

  it('lists the sections in DESIGN §5 order, then order lines, stock and sync', () => {
    expect(describeSettingsSections().map((section) => section.section)).toEqual([
      'access',
      'products.create',
      'products.update',
      'categories',
      'packs',
      'customerGroups',
      'customers.create',
      'customers.update',
      'customers.export',
      'orders.read',
      'orders.groupByDay',
      'orders.statusUpdate',
      'orders.lines',
      'stock',
      'sync',
    ]);
  });

  it('gives every select option a label in both languages', () => {
    for (const setting of settings.filter((s) => s.control === 'select')) {
      expect(setting.options?.length, setting.path).toBeGreaterThan(1);
      for (const option of setting.options ?? []) {
        expect(setting.optionLabels?.[option], `${setting.path} ${option}`).toMatchObject({
          label: expect.any(String),
          labelFr: expect.any(String),
        });
      }
    }
  });

  it('describes controls, bounds, options and secrets from the schema', () => {
    const byPath = new Map(settings.map((setting) => [setting.path, setting]));
    expect(byPath.get('access.passwordHash')).toMatchObject({ control: 'password', secret: true, nullable: true });
    expect(byPath.get('access.hmac.secret')).toMatchObject({ control: 'password', secret: true });
    expect(byPath.get('access.passwordFingerprint')).toMatchObject({ secret: false, readOnly: true, type: 'string' });
    expect(byPath.get('access.allowedIps')).toMatchObject({ control: 'list', type: 'list', default: [] });
    expect(byPath.get('orders.read.priceDecimals')).toMatchObject({ type: 'integer', min: 2, max: 6, default: 2 });
    expect(byPath.get('orders.read.messages')).toMatchObject({
      control: 'select',
      options: ['none', 'customer', 'all'],
    });
    expect(byPath.get('orders.read.syncStatuses')?.options).toEqual([...orderStatuses]);
    expect(byPath.get('orders.statusUpdate.statusMap')).toMatchObject({ control: 'map', type: 'map', default: {} });
    expect(byPath.get('customers.export.since')).toMatchObject({ control: 'date', type: 'string', nullable: true });
    expect(settings.filter((setting) => setting.secret).map((setting) => setting.path)).toEqual([
      'access.passwordHash',
      'access.previousPasswordHash',
      'access.hmac.secret',
    ]);
  });

  it('labels a field without metadata after its key', () => {
    const [setting] = describeSettings(z.object({ maxRetryCount: z.number().default(3) }));
    expect(setting).toMatchObject({ path: 'maxRetryCount', label: 'Max retry count', control: 'number', default: 3 });
  });
});

describe('order statuses', () => {
  it('are the contract’s statuses, in the same order', () => {
    expect([...orderStatuses]).toEqual([...contractOrderStatuses]);
  });
});
