import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMemoryStore, createModule, ensureEndpointPassword, fingerprint } from '../index.js';

async function settingsOfNewModule() {
  const module = await createModule({ adapter: createMemoryAdapter(), store: createMemoryStore() });
  return module.settings;
}

describe('ensureEndpointPassword', () => {
  it('generates a password on the first start only, and returns it for the banner alone', async () => {
    const settings = await settingsOfNewModule();
    const first = await ensureEndpointPassword(settings, null);
    expect(first.shownPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(first.fingerprint).toBe(fingerprint(first.shownPassword ?? ''));
    const again = await ensureEndpointPassword(settings, null);
    expect(again).toEqual({ shownPassword: null, fingerprint: first.fingerprint });
  });

  it('sets PASSERELLE_PASSWORD when it differs from the stored one, and never shows it', async () => {
    const settings = await settingsOfNewModule();
    await ensureEndpointPassword(settings, null);
    const set = await ensureEndpointPassword(settings, 'from-the-environment-1');
    expect(set).toEqual({ shownPassword: null, fingerprint: fingerprint('from-the-environment-1') });
    const { revision } = await settings.current();
    await ensureEndpointPassword(settings, 'from-the-environment-1');
    expect((await settings.current()).revision).toBe(revision);
  });
});
