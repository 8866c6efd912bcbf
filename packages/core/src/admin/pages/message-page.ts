import { html } from '../html.js';
import type { MessageKey } from '../i18n.js';
import { type PageContext, renderPage } from '../layout.js';

/** A page that only says something: refused, not found, not configured, failed. */
export function renderMessagePage(
  context: PageContext,
  title: MessageKey,
  text: MessageKey,
  link?: { href: string; label: MessageKey },
): string {
  const { t } = context;
  return renderPage(context, {
    title: t(title),
    body: html`<p>${t(text)}</p>${link ? html`<p><a href="${link.href}">${t(link.label)}</a></p>` : ''}`,
  });
}
