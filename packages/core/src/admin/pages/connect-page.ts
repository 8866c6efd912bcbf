import type { AccessSettings } from '../../settings/index.js';
import { GRACE_CHOICES } from '../admin-limits.js';
import type { Flash } from '../admin-sessions.js';
import { html, type SafeHtml } from '../html.js';
import type { MessageKey } from '../i18n.js';
import { csrfField, type PageContext, renderPage } from '../layout.js';
import type { SelfTestCheck } from '../self-test.js';

export interface ConnectPageInput {
  endpointUrl: string;
  clientAddress: string;
  access: AccessSettings;
  /** Shown once, right after it was generated; never stored anywhere it could be shown again. */
  newPassword?: { plain: string; fingerprint: string; graceUntil: string | null };
  selfTest?: SelfTestCheck[];
  flash: Flash | null;
}

const GRACE_LABELS: Record<(typeof GRACE_CHOICES)[number], MessageKey> = {
  0: 'grace0',
  3600: 'grace1h',
  86400: 'grace24h',
};
const STATUS_LABELS: Record<SelfTestCheck['status'], MessageKey> = {
  pass: 'selfTestPass',
  warn: 'selfTestWarn',
  fail: 'selfTestFail',
};

function newPasswordBox(context: PageContext, input: NonNullable<ConnectPageInput['newPassword']>): SafeHtml {
  const { t } = context;
  return html`<section class="panel flash-success" aria-labelledby="new-password-title" role="status">
<h2 id="new-password-title">${t('newPasswordTitle')}</h2>
<p>${t('newPasswordText', { fingerprint: input.fingerprint })}</p>
<p><label for="new-password">${t('newPasswordLabel')}</label><br>
<input type="text" id="new-password" class="secret-once mono" readonly value="${input.plain}" autocomplete="off" spellcheck="false"></p>
<p>${input.graceUntil ? t('newPasswordGrace', { until: input.graceUntil }) : t('newPasswordNoGrace')}</p>
</section>`;
}

function selfTestResults(context: PageContext, checks: readonly SelfTestCheck[]): SafeHtml {
  const { t } = context;
  const problems = checks.filter((check) => check.status !== 'pass').length;
  return html`<div role="status">
<p><strong>${problems === 0 ? t('selfTestAllGood') : t('selfTestProblems', { count: problems })}</strong></p>
<table>
<tbody>
${checks.map(
  (check) => html`<tr><th scope="row">${t(check.label)}</th>
<td><span class="status status-${check.status}">${t(STATUS_LABELS[check.status])}</span></td>
<td>${check.detail}</td></tr>`,
)}
</tbody>
</table>
</div>`;
}

export function renderConnectPage(context: PageContext, input: ConnectPageInput): string {
  const { t, adminPath, session } = context;
  const { access } = input;
  const curl = `curl -H "Authorization: Bearer $PASSERELLE_PASSWORD" ${input.endpointUrl}/info`;
  return renderPage(context, {
    title: t('connectTitle'),
    active: 'connect',
    flash: input.flash,
    body: html`${input.newPassword ? newPasswordBox(context, input.newPassword) : ''}
<p>${t('connectIntro')}</p>
<section class="panel" aria-labelledby="endpoint-title">
<h2 id="endpoint-title">${t('summaryEndpoint')}</h2>
<p><label for="endpoint-url" class="muted">${t('endpointUrl')}</label><br>
<input type="text" id="endpoint-url" readonly value="${input.endpointUrl}" class="mono"></p>
<p><strong>${t('yourAddress')}:</strong> <code>${input.clientAddress || '?'}</code></p>
<p class="help">${t('yourAddressHelp')}</p>
<p class="help">${t('curlExample')}</p>
<pre><code>${curl}</code></pre>
</section>
<section class="panel" aria-labelledby="password-title">
<h2 id="password-title">${t('passwordTitle')}</h2>
${
  access.passwordHash === null
    ? html`<p class="flash flash-error">${t('passwordNone')}</p>`
    : html`<dl class="facts">
<dt>${t('passwordFingerprint')}</dt><dd><code>${access.passwordFingerprint ?? '?'}</code></dd>
<dt>${t('passwordSetAt')}</dt><dd>${access.passwordSetAt ?? t('notSet')}</dd>
${
  access.previousPasswordValidUntil
    ? html`<dt>${t('passwordPreviousUntil')}</dt><dd>${access.previousPasswordValidUntil}</dd>`
    : ''
}
</dl>`
}
<h3>${t('generateTitle')}</h3>
<p class="help">${t('generateHelp')}</p>
<form method="post" action="${adminPath}/connect/password">
${csrfField(session)}
<fieldset>
<legend>${t('graceLegend')}</legend>
${GRACE_CHOICES.map(
  (seconds) =>
    html`<label class="choice"><input type="radio" name="grace" value="${seconds}"${
      seconds === 3600 ? html` checked` : ''
    }> ${t(GRACE_LABELS[seconds])}</label><br>`,
)}
</fieldset>
<p><button type="submit">${t('generateSubmit')}</button></p>
</form>
</section>
<section class="panel" aria-labelledby="selftest-title">
<h2 id="selftest-title">${t('selfTestTitle')}</h2>
<p class="help">${t('selfTestHelp')}</p>
${input.selfTest ? selfTestResults(context, input.selfTest) : ''}
<form method="post" action="${adminPath}/connect/self-test">
${csrfField(session)}
<p><button type="submit" class="secondary">${t('selfTestSubmit')}</button></p>
</form>
</section>`,
  });
}
