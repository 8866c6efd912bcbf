import type { ActivityEntry, ActivityLevel } from '../../state/index.js';
import { html } from '../html.js';
import { type PageContext, renderPage } from '../layout.js';

export const ACTIVITY_LEVELS: readonly ActivityLevel[] = ['debug', 'info', 'warn', 'error'];
export const ACTIVITY_OUTCOMES: readonly string[] = [
  'created',
  'updated',
  'unchanged',
  'skipped',
  'failed',
  'ok',
  'rejected',
];
/** Kinds core writes; a bridge's own kinds can still be typed in. */
export const ACTIVITY_KINDS: readonly string[] = [
  'read',
  'write',
  'ack',
  'reset',
  'auth',
  'job',
  'settings',
  'sweep',
  'reconcile',
  'resync',
  'admin',
  'endpoint',
];

export interface ActivityFilters {
  level?: ActivityLevel;
  kind?: string;
  entity?: string;
  outcome?: string;
}

export interface ActivityPageInput {
  filters: ActivityFilters;
  entries: ActivityEntry[];
  /** The `before` id of the next (older) page, or null on the last one. */
  olderBefore: number | null;
  /** Whether this is not the newest page. */
  paged: boolean;
}

function filterQuery(filters: ActivityFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function renderActivityPage(context: PageContext, input: ActivityPageInput): string {
  const { t, adminPath } = context;
  const { filters } = input;
  const select = (id: string, name: keyof ActivityFilters, label: string, options: readonly string[]) =>
    html`<div><label for="${id}">${label}</label><select id="${id}" name="${name}">
<option value="">${t('filterAny')}</option>
${options.map((option) => html`<option value="${option}"${filters[name] === option ? html` selected` : ''}>${option}</option>`)}
</select></div>`;
  return renderPage(context, {
    title: t('activityTitle'),
    active: 'activity',
    body: html`<form method="get" action="${adminPath}/activity" class="filters">
${select('filter-level', 'level', t('filterLevel'), ACTIVITY_LEVELS)}
<div><label for="filter-kind">${t('filterKind')}</label>
<input type="text" id="filter-kind" name="kind" list="known-kinds" value="${filters.kind ?? ''}" size="12">
<datalist id="known-kinds">${ACTIVITY_KINDS.map((kind) => html`<option value="${kind}"></option>`)}</datalist></div>
<div><label for="filter-entity">${t('filterEntity')}</label>
<input type="text" id="filter-entity" name="entity" value="${filters.entity ?? ''}" size="12"></div>
${select('filter-outcome', 'outcome', t('filterOutcome'), ACTIVITY_OUTCOMES)}
<div><button type="submit">${t('filterSubmit')}</button> <a href="${adminPath}/activity">${t('filterClear')}</a></div>
</form>
${
  input.entries.length === 0
    ? html`<p>${t('noEntries')}</p>`
    : html`<table>
<thead><tr><th scope="col">${t('colAt')}</th><th scope="col">${t('colLevel')}</th><th scope="col">${t('colKind')}</th>
<th scope="col">${t('colEntity')}</th><th scope="col">${t('colReference')}</th><th scope="col">${t('colOutcome')}</th>
<th scope="col">${t('colMessage')}</th></tr></thead>
<tbody>
${input.entries.map(
  (entry) => html`<tr><td class="mono">${entry.at}</td><td>${entry.level}</td><td>${entry.kind}</td>
<td>${entry.entity ?? ''}</td><td>${entry.reference ?? ''}</td><td>${entry.outcome ?? ''}</td>
<td class="message">${entry.message}${
    entry.details
      ? html`<details><summary>${t('colDetails')}</summary><pre>${JSON.stringify(entry.details, null, 2)}</pre></details>`
      : ''
  }</td></tr>`,
)}
</tbody>
</table>`
}
<nav class="pager" aria-label="${t('activityTitle')}">
${input.paged ? html`<a href="${adminPath}/activity${filterQuery(filters)}">${t('newest')}</a>` : ''}
${
  input.olderBefore !== null
    ? html`<a href="${adminPath}/activity${filterQuery(filters, { before: String(input.olderBefore) })}" rel="next">${t('older')}</a>`
    : ''
}
</nav>`,
  });
}
