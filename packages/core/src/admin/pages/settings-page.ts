import type { Flash } from '../admin-sessions.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, type PageContext, renderPage } from '../layout.js';
import type { FieldError } from '../settings-form.js';
import { renderSectionsNav, renderSettingsSections, type SettingsFormView } from '../settings-form-view.js';

export interface SettingsPageInput {
  form: Omit<SettingsFormView, 'lang' | 't' | 'connectHref'>;
  revision: number;
  endpointUrl: string;
  clientAddress: string;
  passwordFingerprint: string | null;
  flash: Flash | null;
}

function errorSummary(context: PageContext, errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  const { t } = context;
  // Focusable and announced at once, each problem linked to its field (GOV.UK error summary pattern).
  return html`<div class="flash flash-error" role="alert" tabindex="-1" id="error-summary">
<p class="flash-title">${t('errorsTitle', { count: errors.length })}</p>
<p>${t('errorsIntro')}</p>
<ul>${errors.map(
    (error) =>
      html`<li>${error.field ? html`<a href="#${error.field.id}">` : ''}<code>${error.path}</code>: ${error.message}${
        error.field ? html`</a>` : ''
      }</li>`,
  )}</ul>
</div>`;
}

export function renderSettingsPage(context: PageContext, input: SettingsPageInput): string {
  const { t, lang, adminPath, session } = context;
  const view: SettingsFormView = { ...input.form, lang, t, connectHref: `${adminPath}/connect` };
  return renderPage(context, {
    title: t('navSettings'),
    active: 'settings',
    flash: input.flash,
    body: html`<dl class="summary">
<div class="card"><dt>${t('summaryRevision')}</dt><dd>${input.revision}</dd></div>
<div class="card"><dt>${t('summaryEndpoint')}</dt><dd><code>${input.endpointUrl}</code></dd></div>
<div class="card"><dt>${t('summaryPassword')}</dt><dd>${
      input.passwordFingerprint === null
        ? html`<a href="${adminPath}/connect">${t('passwordNotSet')}</a>`
        : html`<code>${input.passwordFingerprint}</code>`
    }</dd></div>
<div class="card"><dt>${t('yourAddress')}</dt><dd><code>${input.clientAddress || '?'}</code></dd></div>
</dl>
${errorSummary(context, input.form.errors)}
<div class="layout">
${renderSectionsNav(view)}
<form method="post" action="${adminPath}/settings" novalidate>
${csrfField(session)}
${renderSettingsSections(view)}
<div class="savebar"><button type="submit">${t('save')}</button><span class="muted">${t('saveHint')}</span></div>
</form>
</div>`,
  });
}
