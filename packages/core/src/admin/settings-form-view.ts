import type { SettingDescriptor } from '../settings/index.js';
import { getAt } from '../settings/schema-introspection.js';
import { html, type SafeHtml } from './html.js';
import type { Lang, Translate } from './i18n.js';
import {
  EMPTY_MAP_ROWS,
  type FieldError,
  type FormField,
  type FormSection,
  type FormValues,
  fixedMapName,
  mapKeyName,
  mapValueName,
  secretClearName,
} from './settings-form.js';

export interface SettingsFormView {
  sections: readonly FormSection[];
  values: FormValues;
  /** The settings in force, for what the form never echoes (whether a secret is set, read-only values). */
  settings: unknown;
  errors: readonly FieldError[];
  lang: Lang;
  t: Translate;
  /** Where the endpoint password is managed. */
  connectHref: string;
}

function labelOf(descriptor: SettingDescriptor, lang: Lang): string {
  return lang === 'fr' ? descriptor.labelFr : descriptor.label;
}

function helpOf(descriptor: SettingDescriptor, lang: Lang): string {
  return lang === 'fr' ? descriptor.descriptionFr : descriptor.description;
}

function optionLabel(descriptor: SettingDescriptor, option: string, lang: Lang): string {
  const text = descriptor.optionLabels?.[option];
  if (!text) return option;
  return lang === 'fr' ? text.labelFr : text.label;
}

/** `aria-describedby` naming the help and the error of a field, when they exist. */
function describedBy(field: FormField, hasHelp: boolean, hasError: boolean): SafeHtml {
  const ids = [hasHelp ? `${field.id}-help` : '', hasError ? `${field.id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : html``;
}

function invalid(hasError: boolean): SafeHtml {
  return hasError ? html` aria-invalid="true"` : html``;
}

function helpAndErrors(field: FormField, help: string, errors: readonly FieldError[], extra?: string): SafeHtml {
  return html`${help || extra ? html`<p class="help" id="${field.id}-help">${help}${help && extra ? ' ' : ''}${extra ?? ''}</p>` : ''}
${
  errors.length
    ? html`<p class="error" id="${field.id}-error">${errors.map(
        (error, index) => html`${index > 0 ? html`<br>` : ''}<code>${error.path}</code>: ${error.message}`,
      )}</p>`
    : ''
}`;
}

function renderField(view: SettingsFormView, field: FormField): SafeHtml {
  const { descriptor, id } = field;
  const { lang, t } = view;
  const name = descriptor.path;
  const label = labelOf(descriptor, lang);
  const help = helpOf(descriptor, lang);
  const errors = view.errors.filter((error) => error.field === field);
  const hasError = errors.length > 0;
  const value = view.values.get(name);
  const text = typeof value === 'string' ? value : '';
  const aria = html`${describedBy(field, help !== '', hasError)}${invalid(hasError)}`;

  switch (field.kind) {
    case 'toggle':
      return html`<div class="field field-toggle">
<input type="hidden" name="${name}" value="false">
<input type="checkbox" id="${id}" name="${name}" value="true"${value === true ? html` checked` : ''}${aria}>
<label for="${id}">${label}</label>
${helpAndErrors(field, help, errors)}
</div>`;
    case 'select':
      return html`<div class="field">
<label for="${id}">${label}</label>
<select id="${id}" name="${name}"${aria}>
${descriptor.nullable ? html`<option value=""${text === '' ? html` selected` : ''}>${t('notSet')}</option>` : ''}
${(descriptor.options ?? []).map(
  (option) =>
    html`<option value="${option}"${option === text ? html` selected` : ''}>${optionLabel(descriptor, option, lang)}</option>`,
)}
</select>
${helpAndErrors(field, help, errors)}
</div>`;
    case 'multi': {
      const chosen = Array.isArray(value) ? (value as unknown[]) : [];
      return html`<fieldset class="field" id="${id}"${aria}>
<legend>${label}</legend>
<input type="hidden" name="${name}" value="">
<div class="choices">
${(descriptor.options ?? []).map(
  (option) =>
    html`<label><input type="checkbox" name="${name}" value="${option}"${
      chosen.includes(option) ? html` checked` : ''
    }> ${optionLabel(descriptor, option, lang)}</label>`,
)}
</div>
${helpAndErrors(field, help, errors)}
</fieldset>`;
    }
    case 'list': {
      const rows = Math.min(12, Math.max(3, text.split('\n').length + 1));
      return html`<div class="field">
<label for="${id}">${label}</label>
<textarea id="${id}" name="${name}" rows="${rows}" spellcheck="false"${aria}>${text}</textarea>
${helpAndErrors(field, help, errors, t('listHelp'))}
</div>`;
    }
    case 'number':
      return html`<div class="field">
<label for="${id}">${label}</label>
<input type="number" id="${id}" name="${name}" value="${text}"${
        descriptor.min !== undefined ? html` min="${descriptor.min}"` : ''
      }${descriptor.max !== undefined ? html` max="${descriptor.max}"` : ''}${
        descriptor.type === 'integer' ? html` step="1" inputmode="numeric"` : html` step="any"`
      }${descriptor.nullable ? '' : html` required`}${aria}>
${helpAndErrors(field, help, errors)}
</div>`;
    case 'date':
      return html`<div class="field">
<label for="${id}">${label}</label>
<input type="date" id="${id}" name="${name}" value="${text}"${aria}>
${helpAndErrors(field, help, errors)}
</div>`;
    case 'text':
      return html`<div class="field">
<label for="${id}">${label}</label>
<input type="text" id="${id}" name="${name}" value="${text}" spellcheck="false"${aria}>
${helpAndErrors(field, help, errors)}
</div>`;
    case 'json':
      return html`<div class="field">
<label for="${id}">${label}</label>
<textarea id="${id}" name="${name}" rows="4" spellcheck="false"${aria}>${text}</textarea>
${helpAndErrors(field, help, errors)}
</div>`;
    case 'secret': {
      const stored = getAt(view.settings, name.split('.'));
      const isSet = stored !== null && stored !== undefined && stored !== '';
      return html`<div class="field">
<label for="${id}">${label}</label>
<input type="password" id="${id}" name="${name}" value="" autocomplete="new-password" spellcheck="false"${aria}>
${helpAndErrors(field, help, errors, t(isSet ? 'secretIsSet' : 'secretNotSet'))}
${
  isSet && descriptor.nullable
    ? html`<label class="inline"><input type="checkbox" name="${secretClearName(name)}" value="true"> ${t('secretClear')}</label>`
    : ''
}
</div>`;
    }
    case 'map-fixed':
    case 'map-free':
      return renderMap(view, field, label, help, errors);
    case 'readonly': {
      const shown = text === '' ? t('notSet') : text;
      return html`<div class="field">
<span class="label" id="${id}">${label}</span>
<span class="mono">${shown}</span>
${helpAndErrors(field, help, errors, t('readOnlyNote'))}
</div>`;
    }
    case 'managed': {
      const fingerprint = getAt(view.settings, ['access', 'passwordFingerprint']);
      const setAt = getAt(view.settings, ['access', 'passwordSetAt']);
      const hash = getAt(view.settings, name.split('.'));
      const status =
        hash === null || hash === undefined
          ? t('passwordNotSet')
          : t('passwordSetFingerprint', {
              fingerprint: typeof fingerprint === 'string' ? fingerprint : '?',
              date: typeof setAt === 'string' ? setAt.slice(0, 16).replace('T', ' ') : '?',
            });
      return html`<div class="field">
<span class="label" id="${id}">${label}</span>
<span>${status}</span> <a href="${view.connectHref}">${t('manageOnConnect')}</a>
${helpAndErrors(field, help, errors)}
</div>`;
    }
  }
}

function renderMap(
  view: SettingsFormView,
  field: FormField,
  label: string,
  help: string,
  errors: readonly FieldError[],
): SafeHtml {
  const { descriptor, id } = field;
  const { t, lang } = view;
  const name = descriptor.path;
  const rows = (view.values.get(name) as [string, string][] | undefined) ?? [];
  const hasError = errors.length > 0;
  const aria = html`${describedBy(field, true, hasError)}${invalid(hasError)}`;
  if (field.kind === 'map-fixed') {
    const byKey = new Map(rows);
    return html`<fieldset class="field" id="${id}"${aria}>
<legend>${label}</legend>
<table>
<thead><tr><th scope="col">${t('mapKey')}</th><th scope="col">${t('mapValue')}</th></tr></thead>
<tbody>
${(descriptor.options ?? []).map(
  (option, index) => html`<tr><td><label for="${id}-${index}">${optionLabel(descriptor, option, lang)}</label></td>
<td><input type="text" id="${id}-${index}" name="${fixedMapName(name, option)}" value="${byKey.get(option) ?? ''}"></td></tr>`,
)}
</tbody>
</table>
${helpAndErrors(field, help, errors, t('mapHelp'))}
</fieldset>`;
  }
  const shown: [string, string][] = [
    ...rows,
    ...Array.from({ length: EMPTY_MAP_ROWS }, (): [string, string] => ['', '']),
  ];
  return html`<fieldset class="field" id="${id}"${aria}>
<legend>${label}</legend>
<table>
<thead><tr><th scope="col">${t('mapKey')}</th><th scope="col">${t('mapValue')}</th></tr></thead>
<tbody>
${shown.map(
  ([key, value], index) => html`<tr>
<td><input type="text" name="${mapKeyName(name, index)}" value="${key}" aria-label="${label}: ${t('mapKey')} ${index + 1}"></td>
<td><input type="text" name="${mapValueName(name, index)}" value="${value}" aria-label="${label}: ${t('mapValue')} ${index + 1}"></td>
</tr>`,
)}
</tbody>
</table>
${helpAndErrors(field, help, errors, t('mapHelp'))}
</fieldset>`;
}

/** The sections' table of contents, for keyboard and screen-reader users of a long form. */
export function renderSectionsNav(view: Pick<SettingsFormView, 'sections' | 'lang' | 't'>): SafeHtml {
  return html`<nav class="toc" aria-label="${view.t('sectionsNav')}"><strong>${view.t('sectionsNav')}</strong><ul>
${view.sections.map(
  (entry) =>
    html`<li><a href="#${entry.id}">${view.lang === 'fr' ? entry.section.labelFr : entry.section.label}</a></li>`,
)}
</ul></nav>`;
}

/** Every section of the form, each a titled panel; subgroups (`access.hmac`) are fieldsets. */
export function renderSettingsSections(view: SettingsFormView): SafeHtml {
  return html`${view.sections.map((entry) => {
    const title = view.lang === 'fr' ? entry.section.labelFr : entry.section.label;
    const description = view.lang === 'fr' ? entry.section.descriptionFr : entry.section.description;
    return html`<section class="panel" id="${entry.id}" aria-labelledby="${entry.id}-title">
<h2 id="${entry.id}-title">${title}</h2>
${description ? html`<p class="help">${description}</p>` : ''}
${entry.groups.map((group) => {
  const fields = group.fields.map((field) => renderField(view, field));
  if (!group.isSubgroup) return html`${fields}`;
  return html`<fieldset><legend>${view.lang === 'fr' ? group.labelFr : group.label}</legend>${fields}</fieldset>`;
})}
</section>`;
  })}`;
}
