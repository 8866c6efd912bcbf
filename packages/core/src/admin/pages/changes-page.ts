import type { ChangeEntity, ChangeRecord } from '../../state/store.types.js';
import { html } from '../html.js';
import { type PageContext, renderPage } from '../layout.js';

export const CHANGE_ENTITIES: readonly ChangeEntity[] = [
  'product',
  'variant',
  'category',
  'stock',
  'price',
  'customer',
  'customer-group',
  'order',
  'payment',
  'invoice',
  'shipment',
];

export interface ChangesPageInput {
  entity: ChangeEntity | null;
  /** Newest first. */
  changes: ChangeRecord[];
  /** `after` of the older and newer windows, or null when there is none. */
  olderAfter: number | null;
  newerAfter: number | null;
  paged: boolean;
}

export function renderChangesPage(context: PageContext, input: ChangesPageInput): string {
  const { t, adminPath } = context;
  const link = (after: number | null) => {
    const params = new URLSearchParams();
    if (input.entity) params.set('entity', input.entity);
    if (after !== null) params.set('after', String(after));
    const query = params.toString();
    return `${adminPath}/changes${query ? `?${query}` : ''}`;
  };
  return renderPage(context, {
    title: t('changesTitle'),
    active: 'changes',
    body: html`<p>${t('changesIntro')}</p>
<form method="get" action="${adminPath}/changes" class="filters">
<div><label for="changes-entity">${t('filterEntity')}</label>
<select id="changes-entity" name="entity"><option value="">${t('filterAny')}</option>
${CHANGE_ENTITIES.map((entity) => html`<option value="${entity}"${input.entity === entity ? html` selected` : ''}>${entity}</option>`)}
</select></div>
<div><button type="submit">${t('filterSubmit')}</button></div>
</form>
${
  input.changes.length === 0
    ? html`<p>${t('noEntries')}</p>`
    : html`<table>
<thead><tr><th scope="col">${t('colSeq')}</th><th scope="col">${t('colAt')}</th><th scope="col">${t('colEntity')}</th>
<th scope="col">${t('colId')}</th><th scope="col">${t('colReference')}</th><th scope="col">${t('colOp')}</th></tr></thead>
<tbody>
${input.changes.map(
  (change) => html`<tr><td>${change.seq}</td><td class="mono">${change.at}</td><td>${change.entity}</td>
<td class="mono">${change.id}</td><td>${change.reference ?? ''}</td><td>${change.op}</td></tr>`,
)}
</tbody>
</table>`
}
<nav class="pager" aria-label="${t('changesTitle')}">
${input.paged ? html`<a href="${link(null)}">${t('newest')}</a>` : ''}
${input.newerAfter !== null ? html`<a href="${link(input.newerAfter)}">${t('newer')}</a>` : ''}
${input.olderAfter !== null ? html`<a href="${link(input.olderAfter)}">${t('older')}</a>` : ''}
</nav>`,
  });
}
