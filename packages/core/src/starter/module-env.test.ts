import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envError, envValue, readModuleEnv, requireEnvUrl, requireEnvValue, ValidationError } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'starter-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { db: './passerelle-test.db' };

/** The ValidationError `readModuleEnv` throws for `env`. */
function refusal(env: Record<string, string>): ValidationError {
  let caught: unknown = null;
  try {
    readModuleEnv(env, dir, options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  return caught as ValidationError;
}

describe('readModuleEnv', () => {
  it('has a default for everything', () => {
    expect(readModuleEnv({}, dir, options)).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dbPath: join(dir, 'passerelle-test.db'),
      password: null,
      adminPassword: null,
      settings: null,
      settingsPath: null,
    });
  });

  it('reads every variable, trimmed; blank means unset', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ orders: { read: { syncStatuses: ['paid'] } } }));
    expect(
      readModuleEnv(
        {
          PASSERELLE_PORT: ' 0 ',
          PASSERELLE_HOST: '::1',
          PASSERELLE_DB: '/var/state.db',
          PASSERELLE_PASSWORD: ' endpoint-password-1 ',
          PASSERELLE_ADMIN_PASSWORD: '   ',
          PASSERELLE_SETTINGS: 'settings.json',
        },
        dir,
        options,
      ),
    ).toEqual({
      port: 0,
      host: '::1',
      dbPath: '/var/state.db',
      password: 'endpoint-password-1',
      adminPassword: null,
      settings: { orders: { read: { syncStatuses: ['paid'] } } },
      settingsPath: join(dir, 'settings.json'),
    });
  });

  it('refuses a malformed variable by name', () => {
    expect(refusal({ PASSERELLE_PORT: '70000' }).issues).toEqual([
      { path: 'PASSERELLE_PORT', message: 'expected a port number from 0 to 65535, got "70000"' },
    ]);
    expect(refusal({ PASSERELLE_PORT: 'eighty' }).message).toMatch(/^PASSERELLE_PORT: /);
    expect(refusal({ PASSERELLE_HOST: 'http://localhost' }).issues[0]?.path).toBe('PASSERELLE_HOST');
    expect(refusal({ PASSERELLE_HOST: '[::1]' }).issues[0]?.path).toBe('PASSERELLE_HOST');
    expect(refusal({ PASSERELLE_SETTINGS: 'missing.json' }).message).toMatch(/^PASSERELLE_SETTINGS: no settings file/);
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    expect(refusal({ PASSERELLE_SETTINGS: 'broken.json' }).message).toMatch(/broken\.json is not valid JSON/);
    writeFileSync(join(dir, 'list.json'), '[]');
    expect(refusal({ PASSERELLE_SETTINGS: 'list.json' }).message).toMatch(/must hold a JSON object/);
  });

  it('refuses an unusable password without echoing it', () => {
    const password = refusal({ PASSERELLE_PASSWORD: 'tiny-secret' });
    expect(password.issues[0]?.path).toBe('PASSERELLE_PASSWORD');
    expect(password.message).toMatch(/^PASSERELLE_PASSWORD: the password must be at least 12 characters/);
    expect(password.message).not.toContain('tiny-secret');
    const admin = refusal({ PASSERELLE_ADMIN_PASSWORD: 'short-admin' });
    expect(admin.issues[0]?.path).toBe('PASSERELLE_ADMIN_PASSWORD');
    expect(admin.message).not.toContain('short-admin');
    const same = refusal({
      PASSERELLE_PASSWORD: 'one-password-for-all',
      PASSERELLE_ADMIN_PASSWORD: 'one-password-for-all',
    });
    expect(same.issues[0]?.path).toBe('PASSERELLE_ADMIN_PASSWORD');
    expect(same.message).not.toContain('one-password-for-all');
  });
});

describe('a platform variable', () => {
  it('envValue trims and treats blank as unset; requireEnvValue names what is missing', () => {
    expect(envValue({ A: '  x ' }, 'A')).toBe('x');
    expect(envValue({ A: ' ' }, 'A')).toBeUndefined();
    expect(requireEnvValue({ SHOP_URL: 'https://a.example' }, 'SHOP_URL', 'https://shop.example')).toBe(
      'https://a.example',
    );
    expect(() => requireEnvValue({}, 'SHOP_URL', 'https://shop.example')).toThrow(
      'SHOP_URL: is not set (e.g. SHOP_URL=https://shop.example); put it in the environment or in .env',
    );
  });

  it('requireEnvUrl takes a bare http(s) address, and names the variable otherwise', () => {
    const url = (value?: string) =>
      requireEnvUrl(value === undefined ? {} : { SHOP_URL: value }, 'SHOP_URL', 'https://shop.example');
    expect(url('https://shop.test/')).toBe('https://shop.test/');
    expect(url('http://localhost:8080')).toBe('http://localhost:8080');
    expect(() => url()).toThrow(/^SHOP_URL: is not set \(e\.g\. SHOP_URL=https:\/\/shop\.example\)/);
    expect(() => url('shop.test')).toThrow(
      'SHOP_URL: expected an address such as https://shop.example, got "shop.test"',
    );
    expect(() => url('ftp://shop.test')).toThrow(/^SHOP_URL: must start with https:\/\//);
    expect(() => url('https://user:secret-key@shop.test')).toThrow(/^SHOP_URL: must be the bare address/);
    expect(() => url('https://user:secret-key@shop.test')).not.toThrow(/secret-key/);
    expect(() => url('https://shop.test/?key=1')).toThrow(/without credentials or a query string/);
  });

  it('envError is a ValidationError whose single issue is the variable', () => {
    const error = envError('SHOP_ID', 'expected a shop id such as 1');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('SHOP_ID: expected a shop id such as 1');
    expect(error.issues).toEqual([{ path: 'SHOP_ID', message: 'expected a shop id such as 1' }]);
  });
});
