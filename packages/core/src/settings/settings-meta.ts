/**
 * Metadata keys the settings schema attaches with `.meta()`. The admin page and the docs render
 * every setting from them (see `describeSettings`), so each field carries its label and help text
 * in English and in French. `contracts/meta.ts` augments the same interface with the sync keys
 * (`updateToggle`, `createOnly` …); interface merging combines both.
 */
/**
 * How the admin page edits a setting. `map` is a key -> value table (the order status map), which
 * none of the other controls can show.
 */
export type SettingControl = 'toggle' | 'select' | 'date' | 'list' | 'text' | 'number' | 'password' | 'map';

/** How an option of a select or list is shown in the admin page. */
export interface SettingOptionText {
  label: string;
  labelFr: string;
}

declare module 'zod' {
  interface GlobalMeta {
    label?: string;
    section?: string;
    labelFr?: string;
    descriptionFr?: string;
    /** The value must never be shown, logged or exported (`serializeSettings` drops it). */
    secret?: true;
    control?: SettingControl;
    /** Display texts for enum values, keyed by value. */
    optionLabels?: Record<string, SettingOptionText>;
  }
}

/** Label and help text of one setting or section, in both admin-page languages. */
export interface SettingText {
  label: string;
  labelFr: string;
  description: string;
  descriptionFr: string;
}
