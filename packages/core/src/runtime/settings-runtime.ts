import type { z } from 'zod';
import type { ModuleEventEmitter } from '../events.js';
import {
  applySettingsPatch,
  CURRENT_SETTINGS_VERSION,
  migrateSettings,
  parseSettings,
  type Settings,
  setPassword,
} from '../settings/index.js';
import type { Clock, Store } from '../state/index.js';

export interface SettingsSnapshot {
  settings: Settings;
  revision: number;
}

export interface SettingsRuntime {
  /** The settings in force now: read from the store on every call, parsed once per revision. */
  current(): Promise<SettingsSnapshot>;
  /** Validates a partial change whole, saves it, bumps the revision and journals which fields changed. */
  update(patch: unknown, by: string | null): Promise<SettingsSnapshot & { changedPaths: string[] }>;
  /** Hashes and stores a new endpoint password; the previous one stays valid for `graceSeconds`. */
  setPassword(plain: string, by: string | null, graceSeconds?: number): Promise<SettingsSnapshot>;
}

const REVALIDATE_MS = 1000;

export function createSettingsRuntime(deps: {
  store: Store;
  shopId: string;
  schema: z.ZodType;
  clock: Clock;
  events: ModuleEventEmitter;
  initial?: unknown;
}): SettingsRuntime {
  const { store, shopId, schema, clock, events } = deps;
  let cache: SettingsSnapshot | null = null;
  let checkedAt = 0;

  const save = async (settings: Settings, by: string | null, changedPaths: string[]): Promise<SettingsSnapshot> => {
    const record = await store.saveSettings(shopId, CURRENT_SETTINGS_VERSION, settings, by);
    cache = { settings, revision: record.revision };
    checkedAt = Date.now();
    events.emit('settings-changed', { shopId, revision: record.revision, paths: changedPaths, by });
    await store.appendActivity([
      {
        shopId,
        at: clock.now().toISOString(),
        level: 'info',
        kind: 'settings',
        entity: null,
        reference: null,
        outcome: 'ok',
        // Paths only: a changed secret is named, its value never stored here.
        message: `settings revision ${record.revision}: ${changedPaths.length ? changedPaths.join(', ') : 'no change'}`,
        details: { revision: record.revision, paths: changedPaths, by },
      },
    ]);
    return cache;
  };

  const current = async (): Promise<SettingsSnapshot> => {
    // Saves made through this runtime refresh the cache at once; a save made by another process
    // sharing the store is seen within REVALIDATE_MS, without a store read on every request.
    if (cache && Date.now() - checkedAt < REVALIDATE_MS) return cache;
    const record = await store.loadSettings(shopId);
    checkedAt = Date.now();
    if (!record) {
      const settings = parseSettings(deps.initial ?? {}, schema) as Settings;
      return save(settings, 'initial', ['*']);
    }
    if (cache && cache.revision === record.revision) return cache;
    const migrated = migrateSettings({ version: record.schemaVersion, settings: record.data });
    cache = { settings: parseSettings(migrated, schema) as Settings, revision: record.revision };
    return cache;
  };

  return {
    current,
    async update(patch, by) {
      const { settings } = await current();
      const result = applySettingsPatch(settings, patch, schema);
      const snapshot = await save(result.settings as Settings, by, result.changedPaths);
      return { ...snapshot, changedPaths: result.changedPaths };
    },
    async setPassword(plain, by, graceSeconds = 0) {
      const { settings } = await current();
      const next = setPassword(settings, plain, { graceSeconds, now: clock.now() }) as Settings;
      return save(next, by, ['access.passwordHash']);
    },
  };
}
