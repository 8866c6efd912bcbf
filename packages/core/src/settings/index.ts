/**
 * @module
 * The module settings: one zod schema with defaults and bilingual metadata (the admin page and
 * the docs render from it), validation with dotted paths, patches, versioned migrations, bridge
 * extension sections, the endpoint password, and IP/CIDR matching.
 */
export {
  type AccessSettings,
  accessSettingsSchema,
} from './access-settings.js';
export {
  describeSettings,
  describeSettingsSections,
  type SettingDescriptor,
  type SettingSectionDescriptor,
  type SettingValueType,
} from './describe-settings.js';
export { isValidHostname } from './hostname.js';
export { type IpRange, ipMatches, isValidIpOrCidr, parseIpOrCidr } from './ip.js';
export { isToggleOn } from './is-toggle-on.js';
export {
  migrateSettings,
  type SettingsDocument,
  type SettingsMigration,
  settingsMigrations,
  toStoredSettings,
} from './migrate.js';
export { orderStatusLabels } from './order-statuses.js';
export { applySettingsPatch, diffSettings, parseSettings, type SettingsPatchResult } from './parse-settings.js';
export {
  assertUsablePassword,
  fingerprint,
  generatePassword,
  hashPassword,
  isPasswordHash,
  matchPassword,
  type SetPasswordOptions,
  setPassword,
  verifyPassword,
} from './password.js';
export {
  definePlatformSection,
  type ExtendedSettings,
  type ExtendedSettingsSchema,
  extendSettings,
  type PlatformSection,
} from './platform-section.js';
export { defaultSettings, type Settings, type SettingsInput, settingsSchema } from './schema.js';
export { type PublicSettings, serializeSettings } from './serialize-settings.js';
export type { SettingControl, SettingOptionText, SettingText } from './settings-meta.js';
export { type UpdateToggle, updateToggles } from './update-toggles.js';
export { CURRENT_SETTINGS_VERSION, type StoredSettings } from './versions.js';
