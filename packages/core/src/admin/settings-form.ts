import { z } from 'zod';
import type { FieldIssue } from '../errors/index.js';
import {
  describeSettings,
  describeSettingsSections,
  type SettingDescriptor,
  type SettingSectionDescriptor,
} from '../settings/index.js';
import { getAt, unwrap, walkSchema } from '../settings/schema-introspection.js';
import type { Translate } from './i18n.js';

/** How the form edits one setting (derived from its descriptor). */
export type FieldKind =
  | 'toggle'
  | 'select'
  | 'multi'
  | 'list'
  | 'number'
  | 'date'
  | 'text'
  | 'secret'
  | 'map-fixed'
  | 'map-free'
  | 'json'
  | 'readonly'
  | 'managed';

export interface FormField {
  descriptor: SettingDescriptor;
  kind: FieldKind;
  /** The HTML id of the control (`s-products-update-price`). */
  id: string;
}

export interface FormGroup {
  /** The object path the fields share, or the section itself. */
  path: string;
  label: string;
  labelFr: string;
  /** False for the section's own fields (no sub-heading). */
  isSubgroup: boolean;
  fields: FormField[];
}

export interface FormSection {
  section: SettingSectionDescriptor;
  id: string;
  groups: FormGroup[];
}

/** The endpoint password is only ever set through "generate a new password" (it is stored hashed). */
const MANAGED: ReadonlySet<string> = new Set(['access.passwordHash']);
/** Shown with the managed password (and on the connect page), not as fields of their own. */
const HIDDEN: ReadonlySet<string> = new Set([
  'access.previousPasswordHash',
  'access.passwordFingerprint',
  'access.passwordSetAt',
  'access.previousPasswordValidUntil',
]);

/** Fields of an empty map shown for new keys. */
export const EMPTY_MAP_ROWS = 2;

export function fieldId(path: string): string {
  return `s-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function holdsText(schema: z.ZodType): boolean {
  const { core } = unwrap(schema);
  return core instanceof z.ZodString || core instanceof z.ZodStringFormat || core instanceof z.ZodEnum;
}

/** Lists and maps of texts get their own controls; of anything else (objects, numbers), a JSON box. */
function textCollection(schema: z.ZodType): boolean {
  const { core } = unwrap(schema);
  if (core instanceof z.ZodArray) return holdsText(core.element as z.ZodType);
  if (core instanceof z.ZodRecord) return holdsText(core.valueType as z.ZodType);
  return true;
}

function kindOf(descriptor: SettingDescriptor, plainText: boolean): FieldKind {
  if (MANAGED.has(descriptor.path)) return 'managed';
  if (descriptor.readOnly) return 'readonly';
  if (descriptor.secret || descriptor.control === 'password') return 'secret';
  switch (descriptor.type) {
    case 'boolean':
      return 'toggle';
    case 'enum':
      return 'select';
    case 'list':
      if (!plainText) return 'json';
      return descriptor.options ? 'multi' : 'list';
    case 'map':
      if (!plainText) return 'json';
      return descriptor.options ? 'map-fixed' : 'map-free';
    case 'number':
    case 'integer':
      return 'number';
    case 'string':
      return descriptor.control === 'date' ? 'date' : 'text';
    default:
      return 'json';
  }
}

/**
 * The settings form of `schema`: its sections in admin-page order (DESIGN §5, then each bridge's
 * `platform.<name>` section), each with its fields grouped by the object that holds them.
 */
export function buildSettingsForm(schema: z.ZodType): FormSection[] {
  const groupText = new Map<string, { label: string; labelFr: string }>();
  const notText = new Set<string>();
  walkSchema(schema, {
    leaf: ({ path, schema: node }) => {
      if (!textCollection(node)) notText.add(path.join('.'));
    },
    object: ({ path, schema: node }) => {
      const { meta } = unwrap(node);
      const key = path.at(-1) ?? '';
      const label = typeof meta.label === 'string' ? meta.label : key;
      groupText.set(path.join('.'), { label, labelFr: typeof meta.labelFr === 'string' ? meta.labelFr : label });
    },
  });
  const sections = describeSettingsSections(schema).map(
    (section): FormSection => ({ section, id: `section-${fieldId(section.section).slice(2)}`, groups: [] }),
  );
  const bySection = new Map(sections.map((entry) => [entry.section.section, entry]));
  for (const descriptor of describeSettings(schema)) {
    if (HIDDEN.has(descriptor.path)) continue;
    const target = bySection.get(descriptor.section);
    // A field outside every section (a bridge that forgot `section`) still gets a place.
    const section = target ?? addLooseSection(sections, bySection, descriptor.section);
    const parent = descriptor.path.split('.').slice(0, -1).join('.');
    const isSubgroup = parent !== section.section.section && parent.startsWith(`${section.section.section}.`);
    const groupPath = isSubgroup ? parent : section.section.section;
    let group = section.groups.find((candidate) => candidate.path === groupPath);
    if (!group) {
      const text = groupText.get(groupPath) ?? { label: groupPath, labelFr: groupPath };
      group = { path: groupPath, ...text, isSubgroup, fields: [] };
      section.groups.push(group);
    }
    const kind = kindOf(descriptor, !notText.has(descriptor.path));
    group.fields.push({ descriptor, kind, id: fieldId(descriptor.path) });
  }
  return sections.filter((section) => section.groups.length > 0);
}

function addLooseSection(sections: FormSection[], bySection: Map<string, FormSection>, name: string): FormSection {
  const label = name === '' ? 'Other' : name;
  const section: FormSection = {
    section: { section: name, label, labelFr: name === '' ? 'Autres' : name, description: '', descriptionFr: '' },
    id: `section-${fieldId(name || 'other').slice(2)}`,
    groups: [],
  };
  sections.push(section);
  bySection.set(name, section);
  return section;
}

export function formFields(sections: readonly FormSection[]): FormField[] {
  return sections.flatMap((section) => section.groups.flatMap((group) => group.fields));
}

/**
 * What each control shows: the text of an input or textarea, whether a box is ticked, the chosen
 * values of a multiple choice, the rows of a map. Secrets are never among them.
 */
export type FieldValue = string | boolean | string[] | [string, string][];
export type FormValues = Map<string, FieldValue>;

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

/** The form as it shows `settings`. */
export function valuesFromSettings(fields: readonly FormField[], settings: unknown): FormValues {
  const values: FormValues = new Map();
  for (const field of fields) {
    const value = getAt(settings, field.descriptor.path.split('.'));
    switch (field.kind) {
      case 'toggle':
        values.set(field.descriptor.path, value === true);
        break;
      case 'multi':
        values.set(field.descriptor.path, Array.isArray(value) ? value.map(toText) : []);
        break;
      case 'list':
        values.set(field.descriptor.path, Array.isArray(value) ? value.map(toText).join('\n') : toText(value));
        break;
      case 'map-fixed':
      case 'map-free':
        values.set(
          field.descriptor.path,
          value !== null && typeof value === 'object'
            ? Object.entries(value as Record<string, unknown>).map(([key, item]): [string, string] => [
                key,
                toText(item),
              ])
            : [],
        );
        break;
      case 'secret':
      case 'managed':
        break;
      default:
        values.set(field.descriptor.path, toText(value));
    }
  }
  return values;
}

/** Splits a list textarea: one entry per line or comma, trimmed, empty ones dropped. */
export function splitListInput(text: string): string[] {
  return text
    .split(/[\n\r,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export interface ParsedSettingsForm {
  /** The settings change the form asks for, shaped like the settings object. */
  patch: Record<string, unknown>;
  /** What the admin typed, to show the form again after an error. */
  values: FormValues;
  /** Problems found before the schema sees the patch (a number that is not one, bad JSON). */
  issues: FieldIssue[];
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/** Form field names of a map's rows. */
export const mapKeyName = (path: string, row: number) => `${path}[k${row}]`;
export const mapValueName = (path: string, row: number) => `${path}[v${row}]`;
export const fixedMapName = (path: string, key: string) => `${path}[${key}]`;
export const secretClearName = (path: string) => `${path}[clear]`;

/**
 * Reads the submitted settings form into a patch. Every editable field present in the form is in
 * the patch (the schema then validates the whole result); a field absent from the form is left as
 * it is, and so is a secret left blank. Read-only and managed settings are never read from a form.
 */
export function parseSettingsForm(
  fields: readonly FormField[],
  form: URLSearchParams,
  t: Translate,
): ParsedSettingsForm {
  const patch: Record<string, unknown> = {};
  const values: FormValues = new Map();
  const issues: FieldIssue[] = [];
  for (const field of fields) {
    const { path, nullable, type } = field.descriptor;
    const keys = path.split('.');
    const all = form.getAll(path);
    const single = all.at(-1);
    switch (field.kind) {
      case 'toggle': {
        if (all.length === 0) break;
        // The hidden "false" comes first; a ticked box adds "true" after it.
        const on = single === 'true';
        values.set(path, on);
        setAt(patch, keys, on);
        break;
      }
      case 'select':
      case 'text':
      case 'date': {
        if (single === undefined) break;
        values.set(path, single);
        setAt(patch, keys, single === '' && nullable ? null : single);
        break;
      }
      case 'number': {
        if (single === undefined) break;
        const text = single.trim();
        values.set(path, single);
        if (text === '' && nullable) setAt(patch, keys, null);
        else if (type === 'integer' ? INTEGER.test(text) : DECIMAL.test(text)) setAt(patch, keys, Number(text));
        else issues.push({ path, message: t(type === 'integer' ? 'enterWholeNumber' : 'enterNumber') });
        break;
      }
      case 'list': {
        if (single === undefined) break;
        values.set(path, single);
        setAt(patch, keys, splitListInput(single));
        break;
      }
      case 'multi': {
        if (all.length === 0) break;
        // An empty hidden value marks the group as present, so "nothing ticked" is an empty list.
        const chosen = all.filter((value) => value !== '');
        values.set(path, chosen);
        setAt(patch, keys, chosen);
        break;
      }
      case 'map-fixed': {
        const options = field.descriptor.options ?? [];
        if (!options.some((option) => form.has(fixedMapName(path, option)))) break;
        const rows: [string, string][] = [];
        const map: Record<string, string> = {};
        for (const option of options) {
          const value = (form.get(fixedMapName(path, option)) ?? '').trim();
          if (value === '') continue;
          rows.push([option, value]);
          map[option] = value;
        }
        values.set(path, rows);
        setAt(patch, keys, map);
        break;
      }
      case 'map-free': {
        if (!form.has(mapKeyName(path, 0))) break;
        const rows: [string, string][] = [];
        const map: Record<string, string> = {};
        for (let row = 0; form.has(mapKeyName(path, row)); row++) {
          const key = (form.get(mapKeyName(path, row)) ?? '').trim();
          const value = (form.get(mapValueName(path, row)) ?? '').trim();
          if (key === '' && value === '') continue;
          rows.push([key, value]);
          if (key in map) issues.push({ path: `${path}.${key}`, message: t('keyValueDuplicate') });
          map[key] = value;
        }
        values.set(path, rows);
        setAt(patch, keys, map);
        break;
      }
      case 'json': {
        if (single === undefined) break;
        values.set(path, single);
        if (single.trim() === '' && nullable) {
          setAt(patch, keys, null);
          break;
        }
        try {
          setAt(patch, keys, JSON.parse(single) as unknown);
        } catch {
          issues.push({ path, message: t('notJson') });
        }
        break;
      }
      case 'secret': {
        if (form.get(secretClearName(path)) === 'true' && nullable) setAt(patch, keys, null);
        else if (single !== undefined && single !== '') setAt(patch, keys, single);
        break;
      }
      default:
        break;
    }
  }
  return { patch, values, issues };
}

export interface FieldError {
  /** The field the problem belongs to, or `null` when it names no field of the form. */
  field: FormField | null;
  path: string;
  message: string;
}

/**
 * Attributes each problem to the form field that holds its path (`access.allowedIps.1` belongs to
 * `access.allowedIps`), quoting the offending list entry so the admin sees which line is wrong.
 */
export function attributeIssues(
  fields: readonly FormField[],
  issues: readonly FieldIssue[],
  values: FormValues,
): FieldError[] {
  return issues.map((issue) => {
    const field =
      fields
        .filter(
          (candidate) =>
            issue.path === candidate.descriptor.path || issue.path.startsWith(`${candidate.descriptor.path}.`),
        )
        .sort((a, b) => b.descriptor.path.length - a.descriptor.path.length)[0] ?? null;
    let message = issue.message;
    if (field && field.kind === 'list') {
      const index = Number(issue.path.slice(field.descriptor.path.length + 1));
      const text = values.get(field.descriptor.path);
      const entry = typeof text === 'string' && Number.isInteger(index) ? splitListInput(text)[index] : undefined;
      if (entry !== undefined) message = `“${entry}”: ${message}`;
    }
    return { field, path: issue.path, message };
  });
}
