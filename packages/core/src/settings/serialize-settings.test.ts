import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applySettingsPatch } from './parse-settings.js';
import { fingerprint, setPassword } from './password.js';
import { definePlatformSection, extendSettings } from './platform-section.js';
import { defaultSettings } from './schema.js';
import { serializeSettings } from './serialize-settings.js';

const PASSWORD = 'export-test-password-42';
const HMAC_SECRET = 'hmac-signing-secret-0123456789-abcdef';
const now = new Date('2025-03-01T10:00:00.000Z');

function configured() {
  const withPassword = setPassword(defaultSettings(), 'the-old-password-0001', { now });
  const rotated = setPassword(withPassword, PASSWORD, { now, graceSeconds: 3600 });
  return applySettingsPatch(rotated, { access: { hmac: { enabled: true, secret: HMAC_SECRET } } }).settings;
}

describe('serializeSettings', () => {
  it('drops the password hashes and the HMAC secret, keeps the fingerprint and the rest', () => {
    const settings = configured();
    const output = serializeSettings(settings);
    const access = output.access as Record<string, unknown>;
    expect(access).not.toHaveProperty('passwordHash');
    expect(access).not.toHaveProperty('previousPasswordHash');
    expect(access.hmac).toEqual({ enabled: true, maxSkewSeconds: 300 });
    expect(access.passwordFingerprint).toBe(fingerprint(PASSWORD));
    expect(access.previousPasswordValidUntil).toBe('2025-03-01T11:00:00.000Z');
    expect(output.products).toEqual(settings.products);
  });

  it('never contains a hash, the password or the HMAC secret anywhere', () => {
    const settings = configured();
    const text = JSON.stringify(serializeSettings(settings));
    expect(text).not.toContain('scrypt$');
    expect(text).not.toContain(settings.access.passwordHash);
    expect(text).not.toContain(settings.access.previousPasswordHash);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(HMAC_SECRET);
  });

  it('does not modify the settings', () => {
    const settings = configured();
    const copy = structuredClone(settings);
    serializeSettings(settings);
    expect(settings).toEqual(copy);
  });

  it('re-imported as a patch, leaves the secrets in place', () => {
    const settings = configured();
    const { settings: reimported, changedPaths } = applySettingsPatch(settings, serializeSettings(settings));
    expect(reimported).toEqual(settings);
    expect(changedPaths).toEqual([]);
  });

  it('drops secret fields of a bridge section too', () => {
    const woo = definePlatformSection(
      'woocommerce',
      z.strictObject({
        consumerSecret: z.string().nullable().default(null).meta({ label: 'Consumer secret', secret: true }),
        brandAttribute: z.string().default('pa_brand').meta({ label: 'Brand attribute' }),
      }),
    );
    const schema = extendSettings([woo]);
    const settings = schema.parse({ platform: { woocommerce: { consumerSecret: 'cs_live_0123456789abcdef' } } });
    const output = serializeSettings(settings, schema);
    expect(output.platform).toEqual({ woocommerce: { brandAttribute: 'pa_brand' } });
    expect(JSON.stringify(output)).not.toContain('cs_live_0123456789abcdef');
  });

  it('refuses to export when a secret was copied into a field that is not secret', () => {
    const settings = configured();
    const leaky = {
      ...settings,
      orders: { ...settings.orders, read: { ...settings.orders.read, guestAccount: HMAC_SECRET } },
    };
    expect(() => serializeSettings(leaky)).toThrow(/refusing to export/);
    const hashInText = {
      ...settings,
      products: {
        ...settings.products,
        create: { ...settings.products.create, fallbackCategory: settings.access.passwordHash },
      },
    };
    expect(() => serializeSettings(hashInText)).toThrow(/refusing to export/);
  });
});
