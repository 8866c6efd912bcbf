import type { Flash } from '../admin-sessions.js';
import { html } from '../html.js';
import { csrfField, type PageContext, renderPage } from '../layout.js';
import type { SyncHealthView } from '../sync-health.js';

export function renderSyncPage(
  context: PageContext,
  input: { health: SyncHealthView; flash: Flash | null; resyncError: string | null; resyncDate: string },
): string {
  const { t, adminPath, session } = context;
  const { health } = input;
  const never = t('healthNever');
  const counts = Object.entries(health.errorCounts);
  const entities = health.cursors.map((cursor) => cursor.entity);
  const invalid = input.resyncError !== null;
  return renderPage(context, {
    title: t('syncTitle'),
    active: 'sync',
    flash: input.flash,
    body: html`<dl class="summary">
<div class="card"><dt>${t('healthLastSweep')}</dt><dd>${health.lastSweepAt ?? never}</dd></div>
<div class="card"><dt>${t('healthLastSuccess')}</dt><dd>${health.lastSweepOkAt ?? never}</dd></div>
<div class="card"><dt>${t('healthLastError')}</dt><dd>${health.lastSweepError ?? t('healthNone')}</dd></div>
<div class="card"><dt>${t('healthErrorCounts')}</dt><dd>${
      counts.length ? counts.map(([job, count]) => `${job}: ${count}`).join(', ') : t('healthNone')
    }</dd></div>
<div class="card"><dt>${t('healthBacklog')}</dt><dd>${health.inboxBacklog}</dd></div>
<div class="card"><dt>${t('healthLastChange')}</dt><dd>${health.lastChangeSeq}</dd></div>
</dl>
<section class="panel" aria-labelledby="cursors-title">
<h2 id="cursors-title">${t('cursorsTitle')}</h2>
<table>
<thead><tr><th scope="col">${t('cursorEntity')}</th><th scope="col">${t('cursorReadUpTo')}</th><th scope="col">${t('cursorLag')}</th></tr></thead>
<tbody>
${health.cursors.map(
  (cursor) => html`<tr><th scope="row">${cursor.entity}</th>
<td>${cursor.incremental ? (cursor.highWaterMark ?? t('cursorNotYet')) : t('cursorWhole')}</td>
<td>${cursor.lag ?? '—'}</td></tr>`,
)}
</tbody>
</table>
</section>
<section class="panel" aria-labelledby="resync-title">
<h2 id="resync-title">${t('resyncTitle')}</h2>
<p class="help">${t('resyncHelp')}</p>
${
  entities.length === 0
    ? html`<p>${t('resyncNone')}</p>`
    : html`<form method="post" action="${adminPath}/sync/resync" class="filters" novalidate>
${csrfField(session)}
<div><label for="resync-entity">${t('resyncEntity')}</label>
<select id="resync-entity" name="entity">${entities.map((entity) => html`<option value="${entity}">${entity}</option>`)}</select></div>
<div><label for="resync-date">${t('resyncDate')}</label>
<input type="date" id="resync-date" name="from" value="${input.resyncDate}" required${
        invalid ? html` aria-invalid="true" aria-describedby="resync-error"` : ''
      }></div>
<div><button type="submit">${t('resyncSubmit')}</button></div>
</form>
${invalid ? html`<p class="error" id="resync-error">${input.resyncError}</p>` : ''}`
}
</section>`,
  });
}
