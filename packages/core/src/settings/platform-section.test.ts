import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { describeSettings, describeSettingsSections } from './describe-settings.js';
import { applySettingsPatch, parseSettings } from './parse-settings.js';
import { definePlatformSection, type ExtendedSettings, extendSettings } from './platform-section.js';
import { defaultSettings } from './schema.js';

const woocommerce = definePlatformSection(
  'woocommerce',
  z.strictObject({
    disableAtZeroStock: z.boolean().default(true).meta({
      label: 'Disable product at zero stock',
      labelFr: 'Désactiver le produit à stock nul',
      description: 'WooCommerce plug-in default.',
      descriptionFr: 'Valeur par défaut du plug-in WooCommerce.',
    }),
    linkType: z
      .enum(['upsell', 'crossSell'])
      .default('upsell')
      .meta({ label: 'Link type', labelFr: 'Type de liaison' }),
  }),
  {
    label: 'WooCommerce',
    labelFr: 'WooCommerce',
    description: 'WooCommerce only.',
    descriptionFr: 'Propre à WooCommerce.',
  },
);

const dolibarr = definePlatformSection(
  'dolibarr',
  z.strictObject({ warehouseId: z.string().nullable().default(null).meta({ label: 'Warehouse' }) }),
);

describe('extendSettings', () => {
  const schema = extendSettings([woocommerce, dolibarr]);

  it('keeps every core default and adds each bridge’s', () => {
    const settings = schema.parse({});
    const { platform, ...core } = settings;
    expect(core).toEqual(defaultSettings());
    expect(platform).toEqual({
      woocommerce: { disableAtZeroStock: true, linkType: 'upsell' },
      dolibarr: { warehouseId: null },
    });
  });

  it('types the platform sections', () => {
    type Woo = ExtendedSettings<[typeof woocommerce]>;
    expectTypeOf<Woo['platform']['woocommerce']['linkType']>().toEqualTypeOf<'upsell' | 'crossSell'>();
    expectTypeOf<Woo['products']['update']['price']>().toEqualTypeOf<boolean>();
    const settings = parseSettings({}, schema);
    expectTypeOf(settings.platform.dolibarr.warehouseId).toEqualTypeOf<string | null>();
  });

  it('validates platform fields with dotted paths and refuses unknown bridge keys', () => {
    try {
      parseSettings({ platform: { woocommerce: { linkType: 'sideways' }, shopify: {} } }, schema);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
        'platform.woocommerce.linkType',
        'platform.shopify',
      ]);
    }
  });

  it('patches platform settings and reports their paths', () => {
    const current = schema.parse({});
    const { settings, changedPaths } = applySettingsPatch(
      current,
      { platform: { woocommerce: { disableAtZeroStock: false } }, stock: { allowNegative: true } },
      schema,
    );
    expect(settings.platform.woocommerce).toEqual({ disableAtZeroStock: false, linkType: 'upsell' });
    expect(changedPaths).toEqual(['stock.allowNegative', 'platform.woocommerce.disableAtZeroStock']);
  });

  it('adds each bridge as an admin-page section after the core ones', () => {
    const sections = describeSettingsSections(schema);
    expect(sections.slice(-3).map((section) => section.section)).toEqual([
      'sync',
      'platform.woocommerce',
      'platform.dolibarr',
    ]);
    expect(sections.at(-2)).toMatchObject({ label: 'WooCommerce', descriptionFr: 'Propre à WooCommerce.' });
    const described = describeSettings(schema).filter((setting) => setting.section.startsWith('platform.'));
    expect(described.map((setting) => [setting.path, setting.section, setting.control])).toEqual([
      ['platform.woocommerce.disableAtZeroStock', 'platform.woocommerce', 'toggle'],
      ['platform.woocommerce.linkType', 'platform.woocommerce', 'select'],
      ['platform.dolibarr.warehouseId', 'platform.dolibarr', 'text'],
    ]);
  });

  it('leaves the core schema as it was', () => {
    expect(Object.keys(defaultSettings())).not.toContain('platform');
  });

  it('refuses two sections with the same name', () => {
    expect(() => extendSettings([woocommerce, woocommerce])).toThrow(ValidationError);
  });
});

describe('definePlatformSection', () => {
  it('refuses a section whose fields have no default', () => {
    expect(() => definePlatformSection('prestashop', z.strictObject({ shopId: z.string() }))).toThrow(
      /needs a default/,
    );
  });

  it('refuses a name that is not camelCase', () => {
    expect(() => definePlatformSection('Woo Commerce', z.strictObject({}))).toThrow(ValidationError);
    expect(() => definePlatformSection('woo-commerce', z.strictObject({}))).toThrow(ValidationError);
  });

  it('labels the section after its name when no text is given', () => {
    expect(dolibarr.text).toEqual({ label: 'dolibarr', labelFr: 'dolibarr', description: '', descriptionFr: '' });
  });
});
