import { isPlainObject } from './schema-introspection.js';
import { splitCsv } from './setting-field.js';
import { settingsValidationError } from './settings-issues.js';
import { CURRENT_SETTINGS_VERSION, type StoredSettings } from './versions.js';

export type SettingsDocument = Record<string, unknown>;

/** One step: turns a document of version `n` into one of version `n + 1`. Must not mutate its input. */
export type SettingsMigration = (old: SettingsDocument) => SettingsDocument;

function section(document: SettingsDocument, ...path: string[]): SettingsDocument | null {
  let current: unknown = document;
  for (const key of path) {
    if (!isPlainObject(current)) return null;
    current = current[key];
  }
  return isPlainObject(current) ? current : null;
}

function csvToList(
  holder: SettingsDocument | null,
  key: string,
  normalise: (entry: string) => string = (e) => e,
): void {
  if (holder && typeof holder[key] === 'string') holder[key] = splitCsv(holder[key]).map(normalise);
}

/** Keyed by the version a step migrates from. */
export const settingsMigrations: Record<number, SettingsMigration> = {
  1: (old) => {
    const next = structuredClone(old);
    const access = section(next, 'access');
    csvToList(access, 'allowedIps');
    // v1 kept every access list as typed in the admin form; only allowedIps is documented, the others are
    // converted the same way when they turn up as strings.
    csvToList(access, 'allowedHosts', (host) => host.toLowerCase());
    csvToList(access, 'trustedProxies');
    csvToList(section(next, 'orders', 'read'), 'customPaymentModules', (code) => code.toUpperCase());
    const productUpdate = section(next, 'products', 'update');
    if (productUpdate && 'meta' in productUpdate) {
      if (!('seo' in productUpdate)) productUpdate.seo = productUpdate.meta;
      delete productUpdate.meta;
    }
    return next;
  },
};

/**
 * Brings a stored settings document up to `CURRENT_SETTINGS_VERSION` by running every migration
 * step from its version on, and returns the settings part, ready for `parseSettings`. The input
 * is not modified.
 * @throws ValidationError when the document is not `{ version, settings }`, or was written by a
 * newer Passerelle (downgrading would silently drop settings), or no migration exists from its version.
 */
export function migrateSettings(stored: StoredSettings | unknown): SettingsDocument {
  if (!isPlainObject(stored)) {
    throw settingsValidationError([{ path: '', message: 'Stored settings must be an object { version, settings }.' }]);
  }
  const { version, settings } = stored;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw settingsValidationError([{ path: 'version', message: 'Must be a whole number from 1.' }]);
  }
  if (version > CURRENT_SETTINGS_VERSION) {
    const message =
      `Written by a newer Passerelle (settings version ${version}; this one reads up to ` +
      `${CURRENT_SETTINGS_VERSION}). Upgrade Passerelle instead of downgrading.`;
    throw settingsValidationError([{ path: 'version', message }], 'Cannot read stored settings');
  }
  if (!isPlainObject(settings)) {
    throw settingsValidationError([{ path: 'settings', message: 'Must be an object.' }]);
  }
  let document: SettingsDocument = settings;
  for (let from = version; from < CURRENT_SETTINGS_VERSION; from += 1) {
    const step = settingsMigrations[from];
    if (!step) {
      throw settingsValidationError([{ path: 'version', message: `No migration from settings version ${from}.` }]);
    }
    document = step(document);
  }
  return document === settings ? structuredClone(settings) : document;
}

/** Wraps current settings for storage. */
export function toStoredSettings<T>(settings: T): StoredSettings<T> {
  return { version: CURRENT_SETTINGS_VERSION, settings };
}
