import type { Flash } from '../admin-sessions.js';
import { html } from '../html.js';
import { CSRF_FIELD, type PageContext, renderPage } from '../layout.js';

export function renderLoginPage(
  context: PageContext,
  input: { loginToken: string; name: string; flash: Flash | null },
): string {
  const { t, adminPath } = context;
  const error = input.flash?.kind === 'error';
  return renderPage(context, {
    title: t('loginTitle'),
    flash: input.flash,
    body: html`<div class="login">
<p>${t('loginIntro')}</p>
<form method="post" action="${adminPath}/login">
<input type="hidden" name="${CSRF_FIELD}" value="${input.loginToken}">
<div class="field">
<label for="login-password">${t('loginPassword')}</label>
<input type="password" id="login-password" name="password" required autocomplete="current-password" autofocus${
      error ? html` aria-invalid="true"` : ''
    }>
</div>
<div class="field">
<label for="login-name">${t('loginName')}</label>
<input type="text" id="login-name" name="name" maxlength="40" autocomplete="name" value="${input.name}" aria-describedby="login-name-help">
<p class="help" id="login-name-help">${t('loginNameHelp')}</p>
</div>
<p><button type="submit">${t('loginSubmit')}</button></p>
</form>
</div>`,
  });
}
