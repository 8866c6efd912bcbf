import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { applySettingsPatch, parseSettings } from './parse-settings.js';
import { hashPassword } from './password.js';
import { defaultSettings } from './schema.js';

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

function pathsOf(run: () => unknown): string[] {
  return issuesOf(run).map((issue) => issue.path);
}

describe('parseSettings', () => {
  it('returns the full settings with defaults filled in around what is given', () => {
    const settings = parseSettings({ products: { update: { name: true } }, orders: { read: { priceDecimals: 4 } } });
    expect(settings.products.update.name).toBe(true);
    expect(settings.products.update.price).toBe(true);
    expect(settings.orders.read.priceDecimals).toBe(4);
    expect(settings.sync.sweepCron).toBe('*/5 * * * *');
  });

  it.each([
    [{ access: { allowedIps: ['10.0.0.300'] } }, 'access.allowedIps.0'],
    [{ access: { allowedIps: ['192.0.2.1', '10.0.0.0/33'] } }, 'access.allowedIps.1'],
    [{ access: { allowedIps: ['::1', '2001:db8::1', '::1/129'] } }, 'access.allowedIps.2'],
    [{ access: { trustedProxies: ['1.2.3'] } }, 'access.trustedProxies.0'],
    [{ access: { allowedHosts: ['erp.example.com', 'bad host'] } }, 'access.allowedHosts.1'],
    [{ access: { allowedHosts: ['-bad.example.com'] } }, 'access.allowedHosts.0'],
    [{ access: { allowedHosts: ['*.example.com'] } }, 'access.allowedHosts.0'],
    [{ access: { allowedHosts: ['10.0.0.1'] } }, 'access.allowedHosts.0'],
    [{ access: { passwordHash: 'my-plain-password' } }, 'access.passwordHash'],
    [{ access: { hmac: { maxSkewSeconds: 5 } } }, 'access.hmac.maxSkewSeconds'],
    [{ products: { update: { price: 'yes' } } }, 'products.update.price'],
    [{ products: { update: { meta: true } } }, 'products.update.meta'],
    [{ bogus: {} }, 'bogus'],
    [{ categories: { extraCategories: { separator: 'a' } } }, 'categories.extraCategories.separator'],
    [{ categories: { extraCategories: { separator: ',,,,' } } }, 'categories.extraCategories.separator'],
    [{ categories: { extraCategories: { separator: ' ' } } }, 'categories.extraCategories.separator'],
    [{ categories: { maxDepth: 0 } }, 'categories.maxDepth'],
    [{ customers: { create: { passwordMode: 'plain' } } }, 'customers.create.passwordMode'],
    [{ customers: { export: { since: '31/01/2024' } } }, 'customers.export.since'],
    [{ orders: { read: { syncStatuses: [] } } }, 'orders.read.syncStatuses'],
    [{ orders: { read: { syncStatuses: ['paid', 'paid'] } } }, 'orders.read.syncStatuses'],
    [{ orders: { read: { syncStatuses: ['paid', 'payment_accepted'] } } }, 'orders.read.syncStatuses.1'],
    [{ orders: { read: { priceDecimals: 9 } } }, 'orders.read.priceDecimals'],
    [{ orders: { read: { priceDecimals: 2.5 } } }, 'orders.read.priceDecimals'],
    [{ orders: { read: { customPaymentModules: 'EBAY,CDISCOUNT;AMAZON' } } }, 'orders.read.customPaymentModules.1'],
    [{ orders: { groupByDay: { cutoffTime: '24:00' } } }, 'orders.groupByDay.cutoffTime'],
    [{ orders: { groupByDay: { timezone: 'Mars/Olympus' } } }, 'orders.groupByDay.timezone'],
    [{ orders: { statusUpdate: { statusMap: { paid: '' } } } }, 'orders.statusUpdate.statusMap.paid'],
    [{ orders: { lines: { discountLineMode: 'perLine' } } }, 'orders.lines.discountLineMode'],
    [{ stock: { defaultQuantityForUntracked: -1 } }, 'stock.defaultQuantityForUntracked'],
    [{ sync: { sweepCron: 'every 5 minutes' } }, 'sync.sweepCron'],
    [{ sync: { onTotalsMismatch: 'ignore' } }, 'sync.onTotalsMismatch'],
  ])('refuses %j at %s', (input, path) => {
    expect(pathsOf(() => parseSettings(input))).toEqual([path]);
  });

  it('reports every problem at once, each at its own path, and names an unknown key at its own path', () => {
    const issues = issuesOf(() =>
      parseSettings({
        access: { allowedIps: ['10.0.0.300', '10.0.0.0/8', '10.0.0.0/33'], password: 'should-not-be-here' },
        orders: { read: { syncStatuses: [], priceDecimals: 9 } },
      }),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual(
      [
        'access.allowedIps.0',
        'access.allowedIps.2',
        'access.password',
        'orders.read.priceDecimals',
        'orders.read.syncStatuses',
      ].sort(),
    );
    expect(issues.find((issue) => issue.path === 'access.password')?.message).toBe('Unknown setting.');
  });

  it('never repeats a refused value in the error message', () => {
    const secretLooking = 'Sup3r-Secret-Value-42';
    try {
      parseSettings({ access: { passwordHash: secretLooking, allowedHosts: [secretLooking] } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(
        JSON.stringify({ message: (error as Error).message, issues: (error as ValidationError).issues }),
      ).not.toContain(secretLooking);
    }
  });

  it('accepts comma-separated lists, trims entries, and normalises codes and host names', () => {
    const settings = parseSettings({
      access: { allowedIps: ' 10.0.0.0/8, 2001:db8::/32 ,', allowedHosts: 'ERP.Example.com, localhost' },
      orders: { read: { customPaymentModules: 'ebay, CDiscount, ,PRICEMINISTER' } },
    });
    expect(settings.access.allowedIps).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    expect(settings.access.allowedHosts).toEqual(['erp.example.com', 'localhost']);
    expect(settings.orders.read.customPaymentModules).toEqual(['EBAY', 'CDISCOUNT', 'PRICEMINISTER']);
  });

  it('stores blank optional texts as null', () => {
    const settings = parseSettings({
      orders: { read: { guestAccount: '  ', since: '' }, groupByDay: { account: 'CL-DAY' } },
      products: { create: { fallbackCategory: '' } },
    });
    expect(settings.orders.read.guestAccount).toBeNull();
    expect(settings.orders.read.since).toBeNull();
    expect(settings.products.create.fallbackCategory).toBeNull();
    expect(settings.orders.groupByDay.account).toBe('CL-DAY');
  });

  it('requires an ERP account for orders grouped by day (its own or the guest account)', () => {
    expect(pathsOf(() => parseSettings({ orders: { groupByDay: { enabled: true } } }))).toEqual([
      'orders.groupByDay.account',
    ]);
    expect(
      parseSettings({ orders: { groupByDay: { enabled: true }, read: { guestAccount: 'CL-GUEST' } } }).orders.groupByDay
        .enabled,
    ).toBe(true);
  });

  it('requires a signing secret for HMAC mode and an end date for a previous password', async () => {
    expect(pathsOf(() => parseSettings({ access: { hmac: { enabled: true } } }))).toEqual(['access.hmac.secret']);
    expect(pathsOf(() => parseSettings({ access: { hmac: { secret: 'short' } } }))).toEqual(['access.hmac.secret']);
    const hash = await hashPassword('an-old-password-0001');
    expect(pathsOf(() => parseSettings({ access: { previousPasswordHash: hash } }))).toEqual([
      'access.previousPasswordValidUntil',
    ]);
  });

  it('accepts a status map from contract statuses to platform states, and refuses unknown statuses as keys', () => {
    const settings = parseSettings({ orders: { statusUpdate: { statusMap: { shipped: '4', delivered: ' 5 ' } } } });
    expect(settings.orders.statusUpdate.statusMap).toEqual({ shipped: '4', delivered: '5' });
    expect(pathsOf(() => parseSettings({ orders: { statusUpdate: { statusMap: { dispatched: '4' } } } }))).toEqual([
      'orders.statusUpdate.statusMap.dispatched',
    ]);
  });

  it('uses the schema it is given', () => {
    expect(() => parseSettings('not settings')).toThrow(ValidationError);
    expect(pathsOf(() => parseSettings(null))).toEqual(['']);
  });
});

describe('applySettingsPatch', () => {
  it('merges a partial change into sections and lists exactly the changed paths', () => {
    const current = defaultSettings();
    const { settings, changedPaths } = applySettingsPatch(current, {
      products: { update: { name: true, price: true } },
      access: { allowedIps: ['10.0.0.0/8'] },
      orders: { read: { syncStatuses: ['paid'] } },
    });
    expect(settings.products.update.name).toBe(true);
    expect(settings.products.update.seo).toBe(true);
    expect(settings.access.allowedIps).toEqual(['10.0.0.0/8']);
    // price was already on: not a change.
    expect(changedPaths).toEqual(['access.allowedIps', 'products.update.name', 'orders.read.syncStatuses']);
  });

  it('leaves the current settings untouched', () => {
    const current = defaultSettings();
    applySettingsPatch(current, { products: { update: { name: true } }, access: { allowedIps: ['10.0.0.1'] } });
    expect(current).toEqual(defaultSettings());
  });

  it('replaces lists and maps whole rather than merging them', () => {
    const current = applySettingsPatch(defaultSettings(), {
      orders: { statusUpdate: { statusMap: { shipped: '4', delivered: '5' } } },
      access: { allowedIps: ['10.0.0.1', '10.0.0.2'] },
    }).settings;
    const { settings, changedPaths } = applySettingsPatch(current, {
      orders: { statusUpdate: { statusMap: { shipped: '7' } } },
      access: { allowedIps: ['10.0.0.2'] },
    });
    expect(settings.orders.statusUpdate.statusMap).toEqual({ shipped: '7' });
    expect(settings.access.allowedIps).toEqual(['10.0.0.2']);
    expect(changedPaths).toEqual(['access.allowedIps', 'orders.statusUpdate.statusMap']);
  });

  it('sets a nullable setting back to null', () => {
    const current = applySettingsPatch(defaultSettings(), { orders: { read: { guestAccount: 'CL-GUEST' } } }).settings;
    const { settings, changedPaths } = applySettingsPatch(current, { orders: { read: { guestAccount: null } } });
    expect(settings.orders.read.guestAccount).toBeNull();
    expect(changedPaths).toEqual(['orders.read.guestAccount']);
  });

  it('reports no change for a patch that sets current values', () => {
    const { changedPaths } = applySettingsPatch(defaultSettings(), { products: { update: { price: true } } });
    expect(changedPaths).toEqual([]);
  });

  it('names a changed secret without its value', async () => {
    const hash = await hashPassword('a-brand-new-password-123');
    const { changedPaths } = applySettingsPatch(defaultSettings(), {
      access: { passwordHash: hash, hmac: { enabled: true, secret: 'x'.repeat(40) } },
    });
    expect(changedPaths).toEqual(['access.passwordHash', 'access.hmac.enabled', 'access.hmac.secret']);
    expect(changedPaths.join()).not.toContain(hash);
  });

  it('refuses an invalid change whole, with every path', () => {
    const current = defaultSettings();
    const issues = issuesOf(() =>
      applySettingsPatch(current, {
        products: { update: { name: true } },
        access: { allowedIps: ['10.0.0.300'] },
        orders: { read: { syncStatuses: [] }, groupByDay: { unknownFlag: true } },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'access.allowedIps.0',
      'orders.read.syncStatuses',
      'orders.groupByDay.unknownFlag',
    ]);
    expect(current.products.update.name).toBe(false);
  });

  it('refuses a patch that is not an object', () => {
    expect(pathsOf(() => applySettingsPatch(defaultSettings(), ['products']))).toEqual(['']);
    expect(pathsOf(() => applySettingsPatch(defaultSettings(), 'products.update.name=true'))).toEqual(['']);
  });
});
