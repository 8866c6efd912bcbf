import { z } from 'zod';
import type { SettingControl, SettingOptionText, SettingText } from './settings-meta.js';
import './settings-meta.js';
import type { UpdateToggle } from './update-toggles.js';

/**
 * Builders for settings fields. Each returns the zod type with its default and `.meta()` applied
 * last, so the metadata is never dropped by a later wrapper.
 */

export function settingMeta(section: string, control: SettingControl, text: SettingText) {
  return { ...text, section, control };
}

/** A yes/no setting. */
export function toggle(section: string, defaultValue: boolean, text: SettingText, extra: z.GlobalMeta = {}) {
  return z
    .boolean()
    .default(defaultValue)
    .meta({ ...settingMeta(section, 'toggle', text), ...extra });
}

/**
 * A yes/no setting that lets an update overwrite one field (DESIGN §4 writes). The metadata names
 * the toggle so the admin page, the rules and the contracts can find it.
 */
export function updateToggle(section: string, name: UpdateToggle, defaultValue: boolean, text: SettingText) {
  return toggle(section, defaultValue, text, { updateToggle: name });
}

/** One value out of a closed list, with the texts the admin page shows for each value. */
export function select<const T extends readonly [string, ...string[]]>(
  section: string,
  values: T,
  defaultValue: T[number],
  text: SettingText,
  optionLabels: { [K in T[number]]: SettingOptionText },
) {
  return z
    .enum(values)
    .default(defaultValue as never)
    .meta({ ...settingMeta(section, 'select', text), optionLabels });
}

/** An integer within bounds. */
export function integer(
  section: string,
  defaultValue: number,
  bounds: { min: number; max: number },
  text: SettingText,
) {
  return z
    .int()
    .min(bounds.min)
    .max(bounds.max)
    .default(defaultValue)
    .meta(settingMeta(section, 'number', text));
}

/** Free text that may be left empty; empty or blank input is stored as `null`. */
export function optionalText(section: string, text: SettingText, item: z.ZodString = z.string().max(255)) {
  return z
    .preprocess(
      (value: string | null) => (typeof value === 'string' && value.trim() === '' ? null : value),
      item.nullable(),
    )
    .default(null)
    .meta(settingMeta(section, 'text', text));
}

/** An ISO calendar date (`2024-01-31`), or `null` for "no lower bound". */
export function optionalDate(section: string, text: SettingText) {
  return z
    .preprocess((value: string | null) => (value === '' ? null : value), z.iso.date().nullable())
    .default(null)
    .meta(settingMeta(section, 'date', text));
}

export function splitCsv(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * A list of strings. Input may also be one comma-separated string, as the commercial modules
 * stored it and as an admin types it (`10.0.0.0/8, 192.0.2.7`); each entry is trimmed and empty
 * ones are dropped before `item` validates them, so issues point at `path.<index>`.
 */
export function stringList<T extends z.ZodType<string, string>>(
  item: T,
  normalise: (entry: string) => string = (entry) => entry,
) {
  return z.preprocess((value: string | readonly string[]) => {
    if (typeof value === 'string') return splitCsv(value).map(normalise);
    if (Array.isArray(value))
      return value.map((entry) => (typeof entry === 'string' ? normalise(entry.trim()) : entry));
    return value;
  }, z.array(item));
}

/**
 * Metadata of a group of settings. An object whose path equals its `section` heads a section of
 * the admin page; a nested object (`access.hmac`) only groups fields inside its section.
 */
export function sectionMeta(section: string, text: SettingText) {
  return { ...text, section };
}
