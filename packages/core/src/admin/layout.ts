import type { AdminSession, Flash } from './admin-sessions.js';
import { type HtmlValue, html, type SafeHtml } from './html.js';
import type { Lang, MessageKey, Translate } from './i18n.js';

export const CSRF_FIELD = '_csrf';

export type NavKey = 'settings' | 'connect' | 'orders' | 'sync' | 'activity' | 'changes';

const NAV: readonly { key: NavKey; path: string; label: MessageKey }[] = [
  { key: 'settings', path: '', label: 'navSettings' },
  { key: 'connect', path: '/connect', label: 'navConnect' },
  { key: 'orders', path: '/orders', label: 'navOrders' },
  { key: 'sync', path: '/sync', label: 'navSync' },
  { key: 'activity', path: '/activity', label: 'navActivity' },
  { key: 'changes', path: '/changes', label: 'navChanges' },
];

/** What every page needs to render its frame. */
export interface PageContext {
  t: Translate;
  lang: Lang;
  adminPath: string;
  session: AdminSession | null;
  /** The GET address of this page, for the language switch (`/passerelle/admin/activity?level=warn`). */
  selfUrl: URL;
}

export function csrfField(session: AdminSession | null): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${session?.csrf ?? ''}">`;
}

export function renderFlash(flash: Flash | null | undefined): SafeHtml {
  if (!flash) return html``;
  // An error must be announced at once; a confirmation politely.
  const role = flash.kind === 'error' ? 'alert' : 'status';
  return html`<div class="flash flash-${flash.kind}" role="${role}">
  <p class="flash-title">${flash.title}</p>
  ${flash.items?.length ? html`<ul>${flash.items.map((item) => html`<li>${item}</li>`)}</ul>` : ''}
</div>`;
}

function languageSwitch(context: PageContext): SafeHtml {
  const target = new URL(context.selfUrl.toString());
  const other: Lang = context.lang === 'en' ? 'fr' : 'en';
  target.searchParams.set('lang', other);
  return html`<a class="lang-switch" href="${target.pathname}${target.search}" hreflang="${other}" lang="${other}"
    aria-label="${context.t('otherLanguageLabel')}">${context.t('otherLanguage')}</a>`;
}

/** The whole document: head, skip link, header with navigation, language switch and sign-out. */
export function renderPage(
  context: PageContext,
  page: { title: string; body: HtmlValue; active?: NavKey; flash?: Flash | null },
): string {
  const { t, adminPath, session } = context;
  const nav = session
    ? html`<nav aria-label="${t('mainNavigation')}"><ul class="nav">
${NAV.map(
  (item) =>
    html`<li><a href="${adminPath}${item.path}"${page.active === item.key ? html` aria-current="page"` : ''}>${t(item.label)}</a></li>`,
)}
</ul></nav>`
    : '';
  const account = session
    ? html`<form class="signout" method="post" action="${adminPath}/logout">${csrfField(session)}
  <span class="who">${t('signedInAs', { label: session.label })}</span>
  <button type="submit" class="secondary">${t('signOut')}</button>
</form>`
    : '';
  return html`<!doctype html>
<html lang="${context.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} · ${t('appName')}</title>
<link rel="stylesheet" href="${adminPath}/assets/admin.css">
</head>
<body>
<a class="skip" href="#main">${t('skipToContent')}</a>
<header class="top">
  <div class="brand"><span class="logo" aria-hidden="true">⇄</span> ${t('appName')} <span class="muted">${t('adminTitle')}</span></div>
  <div class="top-actions">${languageSwitch(context)}${account}</div>
  ${nav}
</header>
<main id="main" tabindex="-1">
<h1>${page.title}</h1>
${renderFlash(page.flash)}
${page.body}
</main>
</body>
</html>`.value;
}
