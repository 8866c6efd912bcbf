import { z } from 'zod';
import { settingsSchema } from './schema.js';
import { sectionMeta } from './setting-field.js';
import { settingsValidationError, toFieldIssues } from './settings-issues.js';
import type { SettingText } from './settings-meta.js';

/** A bridge's own settings, shown as the `platform.<name>` section of the admin page. */
export interface PlatformSection<N extends string = string, S extends z.ZodObject = z.ZodObject> {
  readonly name: N;
  readonly schema: S;
  readonly text: SettingText;
}

type PlatformShape<T extends readonly PlatformSection[]> = {
  [P in T[number] as P['name']]: z.ZodPrefault<P['schema']>;
};

/** The settings schema with the `platform` sections of `T` added. */
export type ExtendedSettingsSchema<T extends readonly PlatformSection[]> = z.ZodObject<
  (typeof settingsSchema)['shape'] & { platform: z.ZodPrefault<z.ZodObject<PlatformShape<T>, z.core.$strict>> },
  z.core.$strict
>;

/** The settings type of a module whose bridges added the sections `T`. */
export type ExtendedSettings<T extends readonly PlatformSection[]> = z.output<ExtendedSettingsSchema<T>>;

const NAME = /^[a-z][a-zA-Z0-9]{0,39}$/;

/**
 * Declares a bridge's settings section. Every field needs a default (the section must parse from
 * `{}`) and should carry `.meta({ label, labelFr, description, descriptionFr })` like core
 * settings; fields holding credentials carry `secret: true` so they are never exported. Use
 * `z.strictObject` so a misspelt key is refused.
 *
 * @example
 * ```ts
 * export const woocommerceSettings = definePlatformSection(
 *   'woocommerce',
 *   z.strictObject({
 *     relinkBrokenImages: z.boolean().default(false).meta({
 *       label: 'Re-associate images', labelFr: 'Réassocier les images',
 *       description: 'Repair media-library links that are broken.', descriptionFr: 'Répare les liens cassés.',
 *     }),
 *   }),
 *   { label: 'WooCommerce', labelFr: 'WooCommerce', description: 'Woo only.', descriptionFr: 'Propre à Woo.' },
 * );
 * const schema = extendSettings([woocommerceSettings]);
 * type WooModuleSettings = z.output<typeof schema>; // settings.platform.woocommerce.relinkBrokenImages
 * ```
 * @throws ValidationError when the name is not camelCase or a field has no default.
 */
export function definePlatformSection<const N extends string, S extends z.ZodObject>(
  name: N,
  schema: S,
  text?: Partial<SettingText>,
): PlatformSection<N, S> {
  if (!NAME.test(name)) {
    throw settingsValidationError(
      [{ path: 'platform', message: 'A platform section name is camelCase letters and digits (e.g. woocommerce).' }],
      'Invalid platform section',
    );
  }
  const defaults = schema.safeParse({});
  if (!defaults.success) {
    throw settingsValidationError(
      toFieldIssues(defaults.error.issues, ['platform', name]).map((issue) => ({
        ...issue,
        message: `Every platform setting needs a default (${issue.message})`,
      })),
      `Invalid platform section "${name}"`,
    );
  }
  return {
    name,
    schema,
    text: {
      label: text?.label ?? name,
      labelFr: text?.labelFr ?? text?.label ?? name,
      description: text?.description ?? '',
      descriptionFr: text?.descriptionFr ?? text?.description ?? '',
    },
  };
}

/**
 * The core settings schema plus `platform: { <name>: section }` for each bridge section. Core
 * fields and defaults are untouched; each platform section fills in its own defaults, so the
 * result still parses from `{}`.
 * @throws ValidationError when two sections share a name.
 */
export function extendSettings<const T extends readonly PlatformSection[]>(sections: T): ExtendedSettingsSchema<T> {
  const shape: Record<string, z.ZodType> = {};
  for (const section of sections) {
    if (section.name in shape) {
      throw settingsValidationError(
        [{ path: `platform.${section.name}`, message: 'Two platform sections have this name.' }],
        'Invalid platform sections',
      );
    }
    shape[section.name] = section.schema.prefault({}).meta(sectionMeta(`platform.${section.name}`, section.text));
  }
  const platform = z
    .strictObject(shape)
    .prefault({})
    // No `section` here: each bridge's object is a section of its own (`platform.<name>`).
    .meta({
      label: 'Platform',
      labelFr: 'Plateforme',
      description: 'Settings specific to the connected platforms.',
      descriptionFr: 'Réglages propres aux plateformes connectées.',
    });
  return settingsSchema.extend({ platform }) as unknown as ExtendedSettingsSchema<T>;
}
