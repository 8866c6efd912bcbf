import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { migrateSettings, settingsMigrations, toStoredSettings } from './migrate.js';
import { parseSettings } from './parse-settings.js';
import { hashPassword } from './password.js';
import { defaultSettings } from './schema.js';
import { CURRENT_SETTINGS_VERSION } from './versions.js';

// A settings document as version 1 stored it for a PrestaShop shop: access lists and custom payment
// modules as the comma-separated strings typed in the admin form, and the SEO toggle named `meta`.
async function v1Document() {
  return {
    version: 1,
    settings: {
      access: {
        passwordHash: await hashPassword('legacy-endpoint-password'),
        passwordFingerprint: 'sha256:0a1b2c3d',
        allowedIps: '203.0.113.7, 10.0.0.0/8,2001:db8::/32',
        allowedHosts: 'ERP.example.com',
        trustedProxies: '',
      },
      products: {
        create: { active: false, fallbackCategory: '2' },
        update: { name: true, meta: false, price: true, quantity: true, images: true },
      },
      categories: { extraCategories: { findBy: 'id', separator: '|' } },
      customers: { update: { email: false, addresses: true }, export: { since: '2023-01-01' } },
      orders: {
        read: {
          syncStatuses: ['paid', 'shipped', 'delivered'],
          findBy: 'invoiceDate',
          guestAccount: 'CL00099',
          customPaymentModules: 'ebay, CDISCOUNT,priceminister',
        },
        statusUpdate: { replaceReference: true, statusMap: { shipped: '4', delivered: '5' } },
      },
    },
  };
}

describe('migrateSettings', () => {
  it('brings a realistic v1 document to the current version, where it parses', async () => {
    const stored = await v1Document();
    const settings = parseSettings(migrateSettings(stored));
    expect(settings.access.allowedIps).toEqual(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32']);
    expect(settings.access.allowedHosts).toEqual(['erp.example.com']);
    expect(settings.access.trustedProxies).toEqual([]);
    expect(settings.orders.read.customPaymentModules).toEqual(['EBAY', 'CDISCOUNT', 'PRICEMINISTER']);
    // `meta: false` becomes `seo: false`, not the default `true`.
    expect(settings.products.update.seo).toBe(false);
    expect(settings.products.update).not.toHaveProperty('meta');
    // Everything else is carried over as it was.
    expect(settings.access.passwordHash).toBe(stored.settings.access.passwordHash);
    expect(settings.products.update.name).toBe(true);
    expect(settings.products.update.images).toBe(true);
    expect(settings.products.create).toEqual({ active: false, fallbackCategory: '2' });
    expect(settings.orders.read.findBy).toBe('invoiceDate');
    expect(settings.orders.statusUpdate.statusMap).toEqual({ shipped: '4', delivered: '5' });
    expect(settings.customers.export.since).toBe('2023-01-01');
  });

  it('produces arrays in the migrated document itself, not only after parsing', async () => {
    const migrated = migrateSettings(await v1Document()) as {
      access: { allowedIps: unknown };
      orders: { read: { customPaymentModules: unknown } };
      products: { update: Record<string, unknown> };
    };
    expect(migrated.access.allowedIps).toEqual(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32']);
    expect(migrated.orders.read.customPaymentModules).toEqual(['EBAY', 'CDISCOUNT', 'PRICEMINISTER']);
    expect(migrated.products.update.seo).toBe(false);
  });

  it('does not modify the stored document', async () => {
    const stored = await v1Document();
    const copy = structuredClone(stored);
    migrateSettings(stored);
    expect(stored).toEqual(copy);
  });

  it('migrates a minimal v1 document (sections missing) to the defaults', () => {
    expect(parseSettings(migrateSettings({ version: 1, settings: {} }))).toEqual(defaultSettings());
  });

  it('keeps seo when a v1 document already had it', () => {
    const migrated = migrateSettings({ version: 1, settings: { products: { update: { meta: true, seo: false } } } });
    expect(migrated).toEqual({ products: { update: { seo: false } } });
  });

  it('returns a copy of a current-version document unchanged', () => {
    const current = toStoredSettings(defaultSettings());
    expect(current.version).toBe(CURRENT_SETTINGS_VERSION);
    const migrated = migrateSettings(current);
    expect(migrated).toEqual(current.settings);
    expect(migrated).not.toBe(current.settings);
  });

  it('has a step from every version below the current one', () => {
    for (let version = 1; version < CURRENT_SETTINGS_VERSION; version += 1) {
      expect(settingsMigrations[version], `migration from ${version}`).toBeTypeOf('function');
    }
  });

  it('refuses a document from a newer version with a ValidationError at `version`', () => {
    const run = () => migrateSettings({ version: CURRENT_SETTINGS_VERSION + 1, settings: {} });
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(/newer Passerelle/);
    try {
      run();
    } catch (error) {
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['version']);
    }
  });

  it.each([
    [null, ''],
    ['{"version":1}', ''],
    [{ settings: {} }, 'version'],
    [{ version: 0, settings: {} }, 'version'],
    [{ version: 1.5, settings: {} }, 'version'],
    [{ version: 2, settings: 'x' }, 'settings'],
  ])('refuses %j at %j', (stored, path) => {
    try {
      migrateSettings(stored);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([path]);
    }
  });
});
