import type { Flash } from '../admin-sessions.js';
import { html } from '../html.js';
import { csrfField, type PageContext, renderPage } from '../layout.js';

export interface OrdersPageInput {
  /** What the admin typed, shown again with the error. */
  idsText: string;
  error: string | null;
  flash: Flash | null;
}

export function renderOrdersPage(context: PageContext, input: OrdersPageInput): string {
  const { t, adminPath, session } = context;
  const invalid = input.error !== null;
  return renderPage(context, {
    title: t('ordersTitle'),
    active: 'orders',
    flash: input.flash,
    body: html`<p>${t('ordersIntro')}</p>
<section class="panel" aria-labelledby="reset-title">
<h2 id="reset-title">${t('resetTitle')}</h2>
<form method="post" action="${adminPath}/orders/reset" novalidate>
${csrfField(session)}
<div class="field">
<label for="reset-ids">${t('resetIds')}</label>
<input type="text" id="reset-ids" name="ids" value="${input.idsText}" spellcheck="false"
  aria-describedby="reset-ids-help${invalid ? ' reset-ids-error' : ''}"${invalid ? html` aria-invalid="true"` : ''}>
<p class="help" id="reset-ids-help">${t('resetIdsHelp')}</p>
${invalid ? html`<p class="error" id="reset-ids-error">${input.error}</p>` : ''}
</div>
<p><button type="submit">${t('resetSubmit')}</button></p>
</form>
</section>`,
  });
}

/** The confirmation step: nothing is reset until this form is sent. */
export function renderResetConfirmPage(context: PageContext, input: { ids: string[] | 'all' }): string {
  const { t, adminPath, session } = context;
  const idsValue = input.ids === 'all' ? 'ALL' : input.ids.join(',');
  return renderPage(context, {
    title: t('resetConfirmTitle'),
    active: 'orders',
    body: html`<section class="panel" aria-labelledby="confirm-title">
<h2 id="confirm-title">${t('resetConfirmTitle')}</h2>
<p>${input.ids === 'all' ? t('resetConfirmAll') : t('resetConfirmIds', { ids: input.ids.join(', ') })}</p>
<form method="post" action="${adminPath}/orders/reset">
${csrfField(session)}
<input type="hidden" name="ids" value="${idsValue}">
<input type="hidden" name="confirm" value="yes">
<p><button type="submit" class="danger">${t('resetConfirmSubmit')}</button>
<a class="button secondary" href="${adminPath}/orders">${t('resetCancel')}</a></p>
</form>
</section>`,
  });
}
