import { z } from 'zod';
import { settingsSchema } from './schema.js';
import { unwrap, walkSchema } from './schema-introspection.js';
import type { SettingControl, SettingOptionText } from './settings-meta.js';
import type { UpdateToggle } from './update-toggles.js';

/** What kind of value a setting holds, so a form knows how to read its input back. */
export type SettingValueType = 'boolean' | 'string' | 'number' | 'integer' | 'enum' | 'list' | 'map' | 'other';

/** One setting as the admin page and the docs render it. */
export interface SettingDescriptor {
  /** Dotted path in the settings object (`products.update.price`). */
  path: string;
  /** The admin-page section it belongs to (`products.update`). */
  section: string;
  label: string;
  labelFr: string;
  description: string;
  descriptionFr: string;
  control: SettingControl;
  type: SettingValueType;
  /** `null` is an accepted value ("not set"). */
  nullable: boolean;
  /** The value a fresh installation has; `undefined` only for a setting without default. */
  default: unknown;
  /** The allowed values of a select, of a list's items, or of a map's keys. */
  options?: string[];
  optionLabels?: Record<string, SettingOptionText>;
  min?: number;
  max?: number;
  /** Never shown, logged or exported. */
  secret: boolean;
  /** Maintained by Passerelle (shown, not edited). */
  readOnly: boolean;
  /** The update toggle this setting is, if it is one. */
  updateToggle?: UpdateToggle;
}

/** A section heading of the admin page, in display order. */
export interface SettingSectionDescriptor {
  section: string;
  label: string;
  labelFr: string;
  description: string;
  descriptionFr: string;
}

function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function enumValues(schema: z.ZodType): string[] | undefined {
  return schema instanceof z.ZodEnum ? (schema.options as string[]) : undefined;
}

function describeValue(core: z.ZodType): Pick<SettingDescriptor, 'type' | 'options' | 'min' | 'max'> {
  if (core instanceof z.ZodBoolean) return { type: 'boolean' };
  if (core instanceof z.ZodEnum) return { type: 'enum', options: enumValues(core) };
  if (core instanceof z.ZodNumber) {
    const bounds = {
      ...(Number.isFinite(core.minValue) ? { min: core.minValue as number } : {}),
      ...(Number.isFinite(core.maxValue) ? { max: core.maxValue as number } : {}),
    };
    return { type: core.isInt ? 'integer' : 'number', ...bounds };
  }
  if (core instanceof z.ZodString || core instanceof z.ZodStringFormat) return { type: 'string' };
  if (core instanceof z.ZodArray) {
    const item = unwrap(core.element as z.ZodType).core;
    return { type: 'list', options: enumValues(item) };
  }
  if (core instanceof z.ZodRecord) return { type: 'map', options: enumValues(core.keyType as z.ZodType) };
  return { type: 'other' };
}

const CONTROL_FOR: Record<SettingValueType, SettingControl> = {
  boolean: 'toggle',
  enum: 'select',
  number: 'number',
  integer: 'number',
  string: 'text',
  list: 'list',
  map: 'map',
  other: 'text',
};

/**
 * Every setting of `schema` as a flat list, in admin-page order, with its labels, help texts,
 * control, default and allowed values. The admin page and the docs render from it. A field
 * without metadata (a bridge that forgot it) still appears, labelled after its key.
 */
export function describeSettings(schema: z.ZodType = settingsSchema): SettingDescriptor[] {
  const out: SettingDescriptor[] = [];
  walkSchema(schema, {
    leaf: ({ path, schema: field, section }) => {
      const { core, meta, nullable, defaultValue } = unwrap(field);
      const value = describeValue(core);
      const key = path[path.length - 1] ?? '';
      const label = typeof meta.label === 'string' ? meta.label : humanise(key);
      const description = typeof meta.description === 'string' ? meta.description : '';
      const descriptor: SettingDescriptor = {
        path: path.join('.'),
        section,
        label,
        labelFr: typeof meta.labelFr === 'string' ? meta.labelFr : label,
        description,
        descriptionFr: typeof meta.descriptionFr === 'string' ? meta.descriptionFr : description,
        control: meta.control ?? CONTROL_FOR[value.type],
        type: value.type,
        nullable,
        default: defaultValue,
        secret: meta.secret === true,
        readOnly: meta.readOnly === true,
      };
      if (value.options) descriptor.options = value.options;
      if (meta.optionLabels) descriptor.optionLabels = meta.optionLabels;
      if (value.min !== undefined) descriptor.min = value.min;
      if (value.max !== undefined) descriptor.max = value.max;
      if (typeof meta.updateToggle === 'string') descriptor.updateToggle = meta.updateToggle as UpdateToggle;
      out.push(descriptor);
    },
  });
  return out;
}

/** The sections of `schema` in admin-page order: every object whose path is its own `section`. */
export function describeSettingsSections(schema: z.ZodType = settingsSchema): SettingSectionDescriptor[] {
  const out: SettingSectionDescriptor[] = [];
  walkSchema(schema, {
    object: ({ path, schema: node }) => {
      const { meta } = unwrap(node);
      if (typeof meta.section !== 'string' || meta.section !== path.join('.')) return;
      const label = typeof meta.label === 'string' ? meta.label : meta.section;
      const description = typeof meta.description === 'string' ? meta.description : '';
      out.push({
        section: meta.section,
        label,
        labelFr: typeof meta.labelFr === 'string' ? meta.labelFr : label,
        description,
        descriptionFr: typeof meta.descriptionFr === 'string' ? meta.descriptionFr : description,
      });
    },
  });
  return out;
}
