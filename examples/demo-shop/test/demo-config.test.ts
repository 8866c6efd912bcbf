import { ValidationError } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { readDemoConfig } from '../src/demo-config.js';

function refusal(env: Record<string, string>): ValidationError {
  try {
    readDemoConfig(env, '/srv/demo');
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('demo configuration from the environment', () => {
  it('has defaults for everything', () => {
    expect(readDemoConfig({}, '/srv/demo')).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dbPath: '/srv/demo/passerelle-demo-shop.db',
      demoDataPath: '/srv/demo/demo-shop-data.db',
      password: null,
      adminPassword: null,
      settings: null,
      settingsPath: null,
    });
  });

  it('reads every variable; blank means unset', () => {
    const config = readDemoConfig(
      {
        PASSERELLE_PORT: '0',
        PASSERELLE_HOST: '::1',
        PASSERELLE_DB: '/var/state.db',
        PASSERELLE_DEMO_DATA: 'data/shop.db',
        PASSERELLE_PASSWORD: '  ',
      },
      '/srv/demo',
    );
    expect(config).toMatchObject({
      port: 0,
      host: '::1',
      dbPath: '/var/state.db',
      demoDataPath: '/srv/demo/data/shop.db',
      password: null,
    });
  });

  it('refuses a malformed variable by name, without echoing a password', () => {
    expect(refusal({ PASSERELLE_PORT: '70000' }).issues).toEqual([
      { path: 'PASSERELLE_PORT', message: 'expected a port number from 0 to 65535, got "70000"' },
    ]);
    expect(refusal({ PASSERELLE_PORT: '80 80' }).issues[0]?.path).toBe('PASSERELLE_PORT');
    expect(refusal({ PASSERELLE_HOST: 'http://localhost' }).issues[0]?.path).toBe('PASSERELLE_HOST');
    expect(refusal({ PASSERELLE_DB: 'same.db', PASSERELLE_DEMO_DATA: './same.db' }).issues[0]?.path).toBe(
      'PASSERELLE_DEMO_DATA',
    );
    const password = refusal({ PASSERELLE_PASSWORD: 'tiny-secret' });
    expect(password.issues[0]?.path).toBe('PASSERELLE_PASSWORD');
    expect(password.message).not.toContain('tiny-secret');
    expect(refusal({ PASSERELLE_ADMIN_PASSWORD: 'short' }).issues[0]?.path).toBe('PASSERELLE_ADMIN_PASSWORD');
    const same = refusal({
      PASSERELLE_PASSWORD: 'one-password-for-all',
      PASSERELLE_ADMIN_PASSWORD: 'one-password-for-all',
    });
    expect(same.issues[0]?.path).toBe('PASSERELLE_ADMIN_PASSWORD');
    expect(same.message).not.toContain('one-password-for-all');
  });
});
