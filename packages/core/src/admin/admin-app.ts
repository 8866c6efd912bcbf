import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { PlatformAdapter } from '../adapter.js';
import type { GetClientAddress } from '../endpoint/app.js';
import { constantTimeEqual } from '../endpoint/constant-time-equal.js';
import type { RequestEnv, SyncHealth } from '../endpoint/context.js';
import { type FieldIssue, ValidationError } from '../errors/index.js';
import type { ModuleEventEmitter } from '../events.js';
import type { ActivityLog, ChangeDetector } from '../journal/index.js';
import type { SettingsRuntime } from '../runtime/settings-runtime.js';
import { applySettingsPatch, generatePassword, verifyPassword } from '../settings/index.js';
import type { ActivityLevel, ChangeEntity, Clock, Store } from '../state/index.js';
import { ADMIN_CSS } from './admin-css.js';
import { ADMIN_PAGE_SIZE, GRACE_CHOICES, MAX_FORM_BYTES, MAX_RESET_IDS, SESSION_MAX_AGE_MS } from './admin-limits.js';
import { type AdminSession, createAdminSessions, type Flash } from './admin-sessions.js';
import { type Lang, pickLanguage, translator } from './i18n.js';
import { CSRF_FIELD, type PageContext } from './layout.js';
import { createLoginThrottle } from './login-throttle.js';
import { ACTIVITY_LEVELS, type ActivityFilters, renderActivityPage } from './pages/activity-page.js';
import { CHANGE_ENTITIES, renderChangesPage } from './pages/changes-page.js';
import { type ConnectPageInput, renderConnectPage } from './pages/connect-page.js';
import { renderLoginPage } from './pages/login-page.js';
import { renderMessagePage } from './pages/message-page.js';
import { renderOrdersPage, renderResetConfirmPage } from './pages/orders-page.js';
import { renderSettingsPage } from './pages/settings-page.js';
import { renderSyncPage } from './pages/sync-page.js';
import { type RequestInfo, requestInfo } from './request-info.js';
import { applySecurityHeaders } from './security-headers.js';
import { runSelfTest } from './self-test.js';
import {
  attributeIssues,
  buildSettingsForm,
  type FormValues,
  formFields,
  parseSettingsForm,
  valuesFromSettings,
} from './settings-form.js';
import { readSyncHealth } from './sync-health.js';

/** Where `createModule` mounts the admin page. */
export const DEFAULT_ADMIN_PATH = '/passerelle/admin';
export const ADMIN_SESSION_COOKIE = 'passerelle_admin_session';
export const ADMIN_LOGIN_COOKIE = 'passerelle_admin_login';
export const ADMIN_LANG_COOKIE = 'passerelle_admin_lang';
export { CSRF_FIELD as ADMIN_CSRF_FIELD };

export interface AdminAppDeps {
  shopId: string;
  adapter: PlatformAdapter;
  store: Store;
  settings: SettingsRuntime;
  /** The schema the module was created with (core plus its bridge's platform section): the form renders from it. */
  schema: z.ZodType;
  clock: Clock;
  events: ModuleEventEmitter;
  activity: ActivityLog;
  detector: ChangeDetector;
  health: SyncHealth;
  /** Where the endpoint is mounted (`/passerelle/v1`), for the connect panel. */
  endpointPath: string;
  /** @default DEFAULT_ADMIN_PATH */
  adminPath?: string;
  /** scrypt hash of the admin password (`hashPassword`); `null` leaves the page closed with instructions. */
  adminPasswordHash: string | null;
  getClientAddress?: GetClientAddress;
}

type AdminEnv = {
  Bindings: RequestEnv;
  Variables: {
    lang: Lang;
    info: RequestInfo;
    session: AdminSession | null;
    sessionToken: string | undefined;
    form: URLSearchParams;
  };
};
type AdminContext = Context<AdminEnv>;

const PUBLIC_PATHS = new Set(['/login', '/assets/admin.css']);

function sanitizeName(raw: string | null): string {
  const name = (raw ?? '')
    .replace(/[^\p{L}\p{N} ._@-]/gu, '')
    .trim()
    .slice(0, 40);
  return name === '' ? 'admin' : `admin:${name}`;
}

function isoDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : date;
}

/**
 * The shop admin's settings page (DESIGN §5), server-rendered from the settings schema: its own
 * credential and throttled sign-in, an in-memory session with a CSRF token checked on every form,
 * and pages for the settings, connecting the cloud, resetting orders, sync health and the journals.
 * Works without JavaScript; English and French.
 */
export function createAdminApp(deps: AdminAppDeps) {
  const adminPath = deps.adminPath ?? DEFAULT_ADMIN_PATH;
  const { store, shopId, settings, clock, activity } = deps;
  const sections = buildSettingsForm(deps.schema);
  const fields = formFields(sections);
  const sessions = createAdminSessions(clock);
  const throttle = createLoginThrottle(store, clock);
  const app = new Hono<AdminEnv>({ strict: false }).basePath(adminPath);

  const pageContext = (c: AdminContext, selfPath?: string): PageContext => {
    const url = new URL(c.req.url);
    const selfUrl = selfPath === undefined ? url : new URL(`${adminPath}${selfPath}`, url);
    selfUrl.searchParams.delete('lang');
    return { t: translator(c.var.lang), lang: c.var.lang, adminPath, session: c.var.session, selfUrl };
  };

  const cookieOptions = (c: AdminContext, maxAgeSeconds: number) => ({
    path: adminPath,
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: c.var.info.https,
    maxAge: maxAgeSeconds,
  });

  const forbidden = (c: AdminContext) => {
    const context = pageContext(c, '');
    return c.html(
      renderMessagePage(context, 'forbiddenTitle', c.var.session ? 'forbiddenText' : 'sessionExpired', {
        href: c.var.session ? adminPath : `${adminPath}/login`,
        label: c.var.session ? 'backToSettings' : 'loginTitle',
      }),
      403,
    );
  };

  const takeFlash = (c: AdminContext): Flash | null => {
    const session = c.var.session;
    if (!session) return null;
    const flash = session.flash;
    session.flash = null;
    return flash;
  };

  const redirectWith = (c: AdminContext, path: string, flash: Flash) => {
    if (c.var.session) c.var.session.flash = flash;
    return c.redirect(`${adminPath}${path}`, 303);
  };

  // Outermost: every answer, errors and redirects included, leaves with the security headers.
  app.use('*', async (c, next) => {
    await next();
    applySecurityHeaders(c.res.headers);
  });

  app.onError((error, c) => {
    void activity.error('admin', 'unexpected error on the admin page', {
      details: { path: new URL(c.req.url).pathname, error: error instanceof Error ? error.name : 'unknown' },
    });
    const lang = c.var.lang ?? 'en';
    const context: PageContext = {
      t: translator(lang),
      lang,
      adminPath,
      session: null,
      selfUrl: new URL(`${adminPath}`, c.req.url),
    };
    return c.html(renderMessagePage(context, 'errorTitle', 'errorText'), 500);
  });

  app.notFound((c) => {
    const context = pageContext(c, '');
    return c.html(
      renderMessagePage(context, 'notFoundTitle', 'notFoundText', { href: adminPath, label: 'backToSettings' }),
      404,
    );
  });

  app.get('/assets/admin.css', (c) => c.body(ADMIN_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));

  // Language, client, session.
  app.use('*', async (c, next) => {
    const { settings: current } = await settings.current();
    c.set('info', requestInfo(c.req.raw, c.env, current.access.trustedProxies, deps.getClientAddress));
    const query = c.req.query('lang') ?? null;
    const lang = pickLanguage(query, getCookie(c, ADMIN_LANG_COOKIE), c.req.header('accept-language') ?? null);
    c.set('lang', lang);
    if (query === 'en' || query === 'fr') setCookie(c, ADMIN_LANG_COOKIE, query, cookieOptions(c, 365 * 86_400));
    const token = getCookie(c, ADMIN_SESSION_COOKIE);
    c.set('sessionToken', token);
    c.set('session', deps.adminPasswordHash === null ? null : sessions.get(token));
    await next();
  });

  // Closed until an admin password is configured; signed-in pages only; a form body read once.
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname.slice(adminPath.length).replace(/\/$/, '');
    if (path === '/assets/admin.css') return next();
    if (deps.adminPasswordHash === null) {
      return c.html(renderMessagePage(pageContext(c, ''), 'notConfiguredTitle', 'notConfiguredText'), 503);
    }
    if (c.req.method === 'POST') {
      const type = c.req.header('content-type') ?? '';
      const length = Number(c.req.header('content-length') ?? '0');
      if (!type.startsWith('application/x-www-form-urlencoded') || length > MAX_FORM_BYTES) {
        return c.html(renderMessagePage(pageContext(c, ''), 'forbiddenTitle', 'unsupportedForm'), 415);
      }
      const body = await c.req.text();
      if (body.length > MAX_FORM_BYTES) {
        return c.html(renderMessagePage(pageContext(c, ''), 'forbiddenTitle', 'unsupportedForm'), 413);
      }
      c.set('form', new URLSearchParams(body));
    }
    if (PUBLIC_PATHS.has(path)) return next();
    const session = c.var.session;
    if (c.req.method === 'POST') {
      const sent = c.var.form.get(CSRF_FIELD) ?? '';
      if (!session || sent === '' || !constantTimeEqual(sent, session.csrf)) return forbidden(c);
      return next();
    }
    if (!session) return c.redirect(`${adminPath}/login`, 303);
    return next();
  });

  // Sign-in and sign-out.

  const loginPage = (c: AdminContext, flash: Flash | null, status: 200 | 401 | 403 | 429, name = '') => {
    const loginToken = randomBytes(24).toString('base64url');
    setCookie(c, ADMIN_LOGIN_COOKIE, loginToken, cookieOptions(c, 3600));
    return c.html(renderLoginPage(pageContext(c, '/login'), { loginToken, name, flash }), status);
  };

  app.get('/login', (c) => {
    if (c.var.session) return c.redirect(adminPath, 303);
    const t = translator(c.var.lang);
    const note = c.req.query('signedOut') === '1' ? { kind: 'info' as const, title: t('signedOut') } : null;
    return loginPage(c, note, 200);
  });

  app.post('/login', async (c) => {
    const t = translator(c.var.lang);
    const form = c.var.form;
    const address = c.var.info.address;
    const blockedMs = await throttle.blockedFor(address);
    if (blockedMs > 0) {
      c.header('retry-after', String(Math.ceil(blockedMs / 1000)));
      return loginPage(c, { kind: 'error', title: t('loginBlocked', { minutes: Math.ceil(blockedMs / 60_000) }) }, 429);
    }
    // Sign-in has no session yet: its CSRF token is a double-submit of a SameSite=Strict cookie.
    const cookieToken = getCookie(c, ADMIN_LOGIN_COOKIE) ?? '';
    const sentToken = form.get(CSRF_FIELD) ?? '';
    if (cookieToken === '' || sentToken === '' || !constantTimeEqual(cookieToken, sentToken)) {
      return loginPage(c, { kind: 'error', title: t('forbiddenText') }, 403);
    }
    const password = form.get('password') ?? '';
    const label = sanitizeName(form.get('name'));
    const hash = deps.adminPasswordHash ?? '';
    const ok = password !== '' && password.length <= 1024 && (await verifyPassword(password, hash));
    if (!ok) {
      const { settings: current } = await settings.current();
      const nowBlocked = await throttle.fail(address, current.access.throttle);
      await activity.warn(
        'admin',
        nowBlocked > 0 ? 'admin sign-in refused; address blocked' : 'admin sign-in refused',
        {
          outcome: 'rejected',
          details: { address },
        },
      );
      if (nowBlocked > 0) {
        c.header('retry-after', String(Math.ceil(nowBlocked / 1000)));
        return loginPage(
          c,
          { kind: 'error', title: t('loginBlocked', { minutes: Math.ceil(nowBlocked / 60_000) }) },
          429,
        );
      }
      return loginPage(c, { kind: 'error', title: t('loginRefused') }, 401, label === 'admin' ? '' : label.slice(6));
    }
    await throttle.succeed(address);
    // A fresh token on every sign-in: a token planted before it (fixation) is never promoted.
    sessions.destroy(c.var.sessionToken);
    const { token } = sessions.create(label, address);
    setCookie(c, ADMIN_SESSION_COOKIE, token, cookieOptions(c, Math.floor(SESSION_MAX_AGE_MS / 1000)));
    deleteCookie(c, ADMIN_LOGIN_COOKIE, { path: adminPath, secure: c.var.info.https });
    await activity.info('admin', `${label} signed in`, { outcome: 'ok', details: { address, by: label } });
    return c.redirect(adminPath, 303);
  });

  app.post('/logout', async (c) => {
    const label = c.var.session?.label ?? 'admin';
    sessions.destroy(c.var.sessionToken);
    deleteCookie(c, ADMIN_SESSION_COOKIE, { path: adminPath, secure: c.var.info.https });
    await activity.info('admin', `${label} signed out`, { outcome: 'ok', details: { by: label } });
    return c.redirect(`${adminPath}/login?signedOut=1`, 303);
  });

  // Settings.

  const endpointUrl = (c: AdminContext) => `${c.var.info.origin}${deps.endpointPath}`;

  const settingsPage = async (
    c: AdminContext,
    state: { values?: FormValues; issues?: FieldIssue[]; flash?: Flash | null },
    status: 200 | 422,
  ) => {
    const snapshot = await settings.current();
    const values = state.values ?? valuesFromSettings(fields, snapshot.settings);
    return c.html(
      renderSettingsPage(pageContext(c, ''), {
        form: {
          sections,
          values,
          settings: snapshot.settings,
          errors: attributeIssues(fields, state.issues ?? [], values),
        },
        revision: snapshot.revision,
        endpointUrl: endpointUrl(c),
        clientAddress: c.var.info.address,
        passwordFingerprint:
          snapshot.settings.access.passwordHash === null ? null : snapshot.settings.access.passwordFingerprint,
        flash: state.flash ?? null,
      }),
      status,
    );
  };

  app.get('/', (c) => settingsPage(c, { flash: takeFlash(c) }, 200));

  app.post('/settings', async (c) => {
    const t = translator(c.var.lang);
    const session = c.var.session as AdminSession;
    const parsed = parseSettingsForm(fields, c.var.form, t);
    const issues = [...parsed.issues];
    const current = await settings.current();
    let changedPaths: string[] = [];
    try {
      changedPaths = applySettingsPatch(current.settings, parsed.patch, deps.schema).changedPaths;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
    // Validation is all or nothing: a form with any problem saves nothing, not even its valid fields.
    if (issues.length > 0) return settingsPage(c, { values: parsed.values, issues }, 422);
    if (changedPaths.length === 0) return redirectWith(c, '', { kind: 'info', title: t('savedNothing') });
    let saved: Awaited<ReturnType<SettingsRuntime['update']>>;
    try {
      saved = await settings.update(parsed.patch, session.label);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return settingsPage(c, { values: parsed.values, issues: error.issues }, 422);
    }
    const labels = new Map(fields.map((field) => [field.descriptor.path, field.descriptor]));
    return redirectWith(c, '', {
      kind: 'success',
      title: `${t('savedTitle', { revision: saved.revision })} ${t('savedChanged')}`,
      items: saved.changedPaths.map((path) => {
        const descriptor = labels.get(path);
        const label = descriptor ? (c.var.lang === 'fr' ? descriptor.labelFr : descriptor.label) : path;
        return `${label} (${path})`;
      }),
    });
  });

  // Connect your cloud: endpoint URL, the caller's address, the password, the self-test.

  const connectPage = async (c: AdminContext, extra: Partial<ConnectPageInput>) => {
    const { settings: current } = await settings.current();
    return c.html(
      renderConnectPage(pageContext(c, '/connect'), {
        endpointUrl: endpointUrl(c),
        clientAddress: c.var.info.address,
        access: current.access,
        flash: takeFlash(c),
        ...extra,
      }),
      200,
    );
  };

  app.get('/connect', (c) => connectPage(c, {}));

  app.post('/connect/password', async (c) => {
    const session = c.var.session as AdminSession;
    const grace = Number(c.var.form.get('grace') ?? '0');
    const graceSeconds = (GRACE_CHOICES as readonly number[]).includes(grace) ? grace : 0;
    const plain = generatePassword();
    const snapshot = await settings.setPassword(plain, session.label, graceSeconds);
    const access = snapshot.settings.access;
    // Rendered straight into this answer (no redirect, no flash): the password exists nowhere else.
    return connectPage(c, {
      newPassword: {
        plain,
        fingerprint: access.passwordFingerprint ?? '',
        graceUntil: access.previousPasswordHash === null ? null : access.previousPasswordValidUntil,
      },
    });
  });

  app.post('/connect/self-test', async (c) => {
    const t = translator(c.var.lang);
    const { settings: current } = await settings.current();
    const checks = await runSelfTest({
      access: current.access,
      adapter: deps.adapter,
      clientAddress: c.var.info.address,
      now: clock.now(),
      t,
    });
    const problems = checks.filter((check) => check.status === 'fail').length;
    await activity.info('admin', `self-test: ${problems === 0 ? 'every check passed' : `${problems} problem(s)`}`, {
      outcome: problems === 0 ? 'ok' : 'failed',
      details: {
        checks: checks.map((check) => ({ check: check.label, status: check.status })),
        by: c.var.session?.label,
      },
    });
    return connectPage(c, { selfTest: checks });
  });

  // Orders: reset transferred orders, with a confirmation step.

  app.get('/orders', (c) =>
    c.html(renderOrdersPage(pageContext(c), { idsText: '', error: null, flash: takeFlash(c) }), 200),
  );

  app.post('/orders/reset', async (c) => {
    const t = translator(c.var.lang);
    const session = c.var.session as AdminSession;
    const text = (c.var.form.get('ids') ?? '').trim();
    const context = pageContext(c, '/orders');
    const refuse = (error: string) => c.html(renderOrdersPage(context, { idsText: text, error, flash: null }), 422);
    const all = text.toUpperCase() === 'ALL';
    const ids = all ? [] : [...new Set(text.split(/[\s,;]+/).filter((id) => id !== ''))];
    if (!all && ids.length === 0) return refuse(t('resetEmpty'));
    if (ids.length > MAX_RESET_IDS) return refuse(t('resetTooMany'));
    const bad = ids.filter((id) => id.length > 64);
    if (bad.length > 0) return refuse(t('resetBadId', { ids: bad.map((id) => `${id.slice(0, 20)}…`).join(', ') }));
    if (c.var.form.get('confirm') !== 'yes') {
      return c.html(renderResetConfirmPage(context, { ids: all ? 'all' : ids }), 200);
    }
    const reset = await store.resetAcknowledgements(shopId, all ? { all: true } : { ids });
    deps.events.emit('reset', { shopId, ids: reset, all, by: 'admin' });
    await activity.info('reset', `${reset.length} order(s) reset by ${session.label}`, {
      entity: 'order',
      outcome: 'ok',
      details: { ids: reset.slice(0, 100), all, by: session.label },
    });
    const untouched = ids.filter((id) => !reset.includes(id));
    return redirectWith(c, '/orders', {
      kind: reset.length > 0 ? 'success' : 'info',
      title: reset.length > 0 ? t('resetDone', { count: reset.length, ids: reset.join(', ') }) : t('resetDoneNone'),
      ...(untouched.length > 0 ? { items: [t('resetNotFound', { ids: untouched.join(', ') })] } : {}),
    });
  });

  // Sync health and resync.

  const syncPage = async (c: AdminContext, resyncError: string | null, resyncDate: string, status: 200 | 422) => {
    const health = await readSyncHealth({ adapter: deps.adapter, store, shopId, health: deps.health, clock });
    return c.html(
      renderSyncPage(pageContext(c, '/sync'), { health, flash: takeFlash(c), resyncError, resyncDate }),
      status,
    );
  };

  app.get('/sync', (c) => syncPage(c, null, '', 200));

  app.post('/sync/resync', async (c) => {
    const t = translator(c.var.lang);
    const session = c.var.session as AdminSession;
    const entity = c.var.form.get('entity') ?? '';
    const dateText = (c.var.form.get('from') ?? '').trim();
    const known = deps.detector.entities();
    const chosen = known.find((candidate) => candidate === entity);
    if (!chosen) return syncPage(c, t('resyncBadEntity'), dateText, 422);
    const from = isoDate(dateText);
    if (!from) return syncPage(c, t('resyncBadDate'), dateText, 422);
    const summary = await deps.detector.resyncFrom(chosen, from);
    await activity.info('resync', `${chosen} resync from ${dateText} by ${session.label}`, {
      entity: chosen,
      outcome: 'ok',
      details: { from: summary.from, forgotten: summary.forgotten, by: session.label },
    });
    const params = { entity: chosen, date: dateText, count: summary.forgotten };
    return redirectWith(c, '/sync', {
      kind: 'success',
      title: summary.incremental ? t('resyncDone', params) : t('resyncWhole', params),
    });
  });

  // The activity log and the change journal.

  app.get('/activity', async (c) => {
    const query = (name: string, max = 40) => {
      const value = (c.req.query(name) ?? '').trim();
      return value === '' ? undefined : value.slice(0, max);
    };
    const level = query('level');
    const filters: ActivityFilters = {
      ...(level && (ACTIVITY_LEVELS as readonly string[]).includes(level) ? { level: level as ActivityLevel } : {}),
      ...(query('kind') ? { kind: query('kind') } : {}),
      ...(query('entity') ? { entity: query('entity') } : {}),
      ...(query('outcome') ? { outcome: query('outcome') } : {}),
    };
    const before = Number(c.req.query('before'));
    const beforeId = Number.isSafeInteger(before) && before > 0 ? before : undefined;
    const rows = await store.readActivity(shopId, {
      limit: ADMIN_PAGE_SIZE + 1,
      ...(beforeId === undefined ? {} : { beforeId }),
      ...filters,
    });
    const entries = rows.slice(0, ADMIN_PAGE_SIZE);
    const olderBefore = rows.length > ADMIN_PAGE_SIZE ? (entries.at(-1)?.id ?? null) : null;
    return c.html(
      renderActivityPage(pageContext(c), { filters, entries, olderBefore, paged: beforeId !== undefined }),
      200,
    );
  });

  app.get('/changes', async (c) => {
    const entityText = c.req.query('entity') ?? '';
    const entity = CHANGE_ENTITIES.find((candidate) => candidate === entityText) ?? null;
    const last = await store.lastChangeSeq(shopId);
    const afterParam = Number(c.req.query('after'));
    const explicit = c.req.query('after') !== undefined && Number.isSafeInteger(afterParam) && afterParam >= 0;
    // The store reads forwards from a sequence: the newest page is the window that ends at the last one.
    const start = explicit ? Math.min(afterParam, last) : Math.max(0, last - ADMIN_PAGE_SIZE);
    const changes = await store.readChanges(shopId, {
      afterSeq: start,
      limit: ADMIN_PAGE_SIZE,
      ...(entity ? { entities: [entity as ChangeEntity] } : {}),
    });
    const end = changes.at(-1)?.seq ?? start;
    return c.html(
      renderChangesPage(pageContext(c), {
        entity,
        changes: [...changes].reverse(),
        olderAfter: start > 0 ? Math.max(0, start - ADMIN_PAGE_SIZE) : null,
        newerAfter: end < last && changes.length === ADMIN_PAGE_SIZE ? end : null,
        paged: explicit,
      }),
      200,
    );
  });

  return app;
}

export type AdminApp = ReturnType<typeof createAdminApp>;
