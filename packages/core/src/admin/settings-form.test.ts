import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applySettingsPatch, definePlatformSection, extendSettings, settingsSchema } from '../settings/index.js';
import { translator } from './i18n.js';
import {
  attributeIssues,
  buildSettingsForm,
  fixedMapName,
  formFields,
  mapKeyName,
  mapValueName,
  parseSettingsForm,
  secretClearName,
  valuesFromSettings,
} from './settings-form.js';

const t = translator('en');
const sections = buildSettingsForm(settingsSchema);
const fields = formFields(sections);
const field = (path: string) => fields.find((candidate) => candidate.descriptor.path === path);

/** The form exactly as the page shows `settings`, as a browser would send it back. */
function submitted(settings: unknown, list: typeof fields = fields): URLSearchParams {
  const values = valuesFromSettings(list, settings);
  const form = new URLSearchParams();
  for (const entry of list) {
    const path = entry.descriptor.path;
    const value = values.get(path);
    switch (entry.kind) {
      case 'toggle':
        form.append(path, 'false');
        if (value === true) form.append(path, 'true');
        break;
      case 'multi':
        form.append(path, '');
        for (const item of value as string[]) form.append(path, item);
        break;
      case 'map-fixed':
        for (const option of entry.descriptor.options ?? []) {
          const row = (value as [string, string][]).find(([key]) => key === option);
          form.append(fixedMapName(path, option), row?.[1] ?? '');
        }
        break;
      case 'map-free':
        [...(value as [string, string][]), ['', ''] as [string, string]].forEach(([key, item], index) => {
          form.append(mapKeyName(path, index), key);
          form.append(mapValueName(path, index), item);
        });
        break;
      case 'secret':
        form.append(path, '');
        break;
      case 'readonly':
      case 'managed':
        break;
      default:
        form.append(path, value as string);
    }
  }
  return form;
}

describe('buildSettingsForm', () => {
  it('lists the sections in admin-page order with a control per setting', () => {
    expect(sections.map((section) => section.section.section)).toEqual([
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
    expect(field('products.update.price')?.kind).toBe('toggle');
    expect(field('orders.read.findBy')?.kind).toBe('select');
    expect(field('orders.read.syncStatuses')?.kind).toBe('multi');
    expect(field('access.allowedIps')?.kind).toBe('list');
    expect(field('orders.statusUpdate.statusMap')?.kind).toBe('map-fixed');
    expect(field('customers.export.since')?.kind).toBe('date');
    expect(field('sync.overlapSeconds')?.kind).toBe('number');
    expect(field('access.hmac.secret')?.kind).toBe('secret');
    expect(field('access.passwordHash')?.kind).toBe('managed');
    expect(field('access.previousPasswordHash')).toBeUndefined();
  });

  it('groups nested objects of a section under their own label', () => {
    const access = sections[0];
    expect(access?.groups.map((group) => [group.path, group.isSubgroup, group.label])).toEqual([
      ['access', false, 'Access'],
      ['access.hmac', true, 'Signed requests'],
      ['access.throttle', true, 'Blocking repeated failures'],
    ]);
  });

  it('adds a bridge’s platform section after the core ones', () => {
    const woo = definePlatformSection(
      'woocommerce',
      z.strictObject({ relink: z.boolean().default(false).meta({ label: 'Re-associate images' }) }),
      { label: 'WooCommerce' },
    );
    const extended = buildSettingsForm(extendSettings([woo]));
    expect(extended.at(-1)?.section).toMatchObject({ section: 'platform.woocommerce', label: 'WooCommerce' });
    expect(extended.at(-1)?.groups[0]?.fields[0]?.descriptor.label).toBe('Re-associate images');
  });
});

describe('parseSettingsForm', () => {
  it('gives back an unchanged form as a patch that changes nothing', () => {
    const current = settingsSchema.parse({
      access: { allowedIps: ['10.0.0.0/8', '203.0.113.7'] },
      orders: { statusUpdate: { statusMap: { shipped: '4' } } },
      customers: { export: { since: '2024-01-01' } },
    });
    const parsed = parseSettingsForm(fields, submitted(current), t);
    expect(parsed.issues).toEqual([]);
    expect(applySettingsPatch(current, parsed.patch).changedPaths).toEqual([]);
  });

  it('reads an unticked box as false, a blank nullable text as null, lists by line or comma', () => {
    const current = settingsSchema.parse({});
    const form = submitted(current);
    form.delete('products.update.price');
    form.append('products.update.price', 'false');
    form.set('orders.read.guestAccount', '');
    form.set('access.allowedIps', '10.0.0.1, 10.0.0.2\n\n  2001:db8::/32  ');
    const { patch, issues } = parseSettingsForm(fields, form, t);
    expect(issues).toEqual([]);
    const { settings, changedPaths } = applySettingsPatch(current, patch);
    expect(settings.products.update.price).toBe(false);
    expect(settings.orders.read.guestAccount).toBeNull();
    expect(settings.access.allowedIps).toEqual(['10.0.0.1', '10.0.0.2', '2001:db8::/32']);
    expect(changedPaths).toEqual(['access.allowedIps', 'products.update.price']);
  });

  it('reads a multiple choice with nothing ticked as an empty list (which the schema then refuses)', () => {
    const current = settingsSchema.parse({});
    const form = submitted(current);
    form.delete('orders.read.syncStatuses');
    form.append('orders.read.syncStatuses', '');
    const { patch } = parseSettingsForm(fields, form, t);
    expect((patch.orders as { read: { syncStatuses: string[] } }).read.syncStatuses).toEqual([]);
    expect(() => applySettingsPatch(current, patch)).toThrow(/at least one/);
  });

  it('reports what is not a number before the schema sees it, and leaves a blank secret unchanged', () => {
    const current = settingsSchema.parse({});
    const form = submitted(current);
    form.set('sync.overlapSeconds', '1.5');
    form.set('orders.read.priceDecimals', 'abc');
    const { patch, issues } = parseSettingsForm(fields, form, t);
    expect(issues).toEqual([
      { path: 'orders.read.priceDecimals', message: 'Enter a whole number.' },
      { path: 'sync.overlapSeconds', message: 'Enter a whole number.' },
    ]);
    expect(JSON.stringify(patch)).not.toContain('"secret"');
  });

  it('sets and clears a secret only when asked', () => {
    const current = settingsSchema.parse({ access: { hmac: { secret: 'x'.repeat(40) } } });
    const keep = submitted(current);
    expect(applySettingsPatch(current, parseSettingsForm(fields, keep, t).patch).settings.access.hmac.secret).toBe(
      'x'.repeat(40),
    );
    const clear = submitted(current);
    clear.set(secretClearName('access.hmac.secret'), 'true');
    expect(
      applySettingsPatch(current, parseSettingsForm(fields, clear, t).patch).settings.access.hmac.secret,
    ).toBeNull();
  });

  it('reads free key/value rows and JSON for settings no other control fits', () => {
    const schema = definePlatformSection(
      'demo',
      z.strictObject({
        aliases: z.record(z.string(), z.string()).default({}),
        tiers: z.array(z.object({ from: z.number() })).default([]),
      }),
    );
    const extended = extendSettings([schema]);
    const list = formFields(buildSettingsForm(extended));
    const kinds = list.filter((entry) => entry.descriptor.path.startsWith('platform.')).map((entry) => entry.kind);
    expect(kinds).toEqual(['map-free', 'json']);
    const current = extended.parse({});
    const form = submitted(current, list);
    form.set(mapKeyName('platform.demo.aliases', 0), 'EBAY');
    form.set(mapValueName('platform.demo.aliases', 0), 'ebay-module');
    form.set('platform.demo.tiers', '[{"from": 10}]');
    const { patch, issues } = parseSettingsForm(list, form, t);
    expect(issues).toEqual([]);
    const { settings } = applySettingsPatch(current, patch, extended);
    expect(settings.platform.demo).toEqual({ aliases: { EBAY: 'ebay-module' }, tiers: [{ from: 10 }] });
    form.set('platform.demo.tiers', '[{from: 10}]');
    expect(parseSettingsForm(list, form, t).issues).toEqual([
      { path: 'platform.demo.tiers', message: 'Not valid JSON.' },
    ]);
  });
});

describe('attributeIssues', () => {
  it('points a list item’s problem at its field and quotes the entry; an unknown path stays general', () => {
    const values = new Map([['access.allowedIps', '10.0.0.1\n999.1.1.1']]);
    const errors = attributeIssues(
      fields,
      [
        { path: 'access.allowedIps.1', message: 'Not an IP.' },
        { path: 'nowhere.at.all', message: 'Unknown setting.' },
      ],
      values,
    );
    expect(errors[0]).toMatchObject({ path: 'access.allowedIps.1', message: '“999.1.1.1”: Not an IP.' });
    expect(errors[0]?.field?.descriptor.path).toBe('access.allowedIps');
    expect(errors[1]?.field).toBeNull();
  });
});
