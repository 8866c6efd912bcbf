import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  createEventEmitter,
  createInbox,
  createJobs,
  fingerprint,
  type ListenOptions,
  type RequestEnv,
  type RunningServer,
  systemClock,
  ValidationError,
} from '@passerelle/core';
import { requestAccessToken } from '../auth/access-token.js';
import { createOAuthState } from '../auth/oauth-state.js';
import { createSessionStorage, type SessionStorage, type ShopifySession } from '../auth/session-storage.js';
import { normaliseShopDomain } from '../auth/shop-domain.js';
import { createTokenProvider } from '../auth/token-provider.js';
import { createShopifyClient } from '../client.js';
import { WEBHOOK_SUBSCRIPTION_CREATE_MUTATION } from '../graphql/webhooks.js';
import { createHttp } from '../http.js';
import { createShopifyModule, type ShopifyModule } from '../shopify-module.js';
import { complianceHandlers } from '../webhooks/compliance.js';
import { readWebhook } from '../webhooks/receive-webhook.js';
import { CHANGE_TOPICS, changeTopicHandlers, type WebhookHandler } from '../webhooks/topic-handlers.js';
import { createWebhookWorker, type WebhookRunSummary } from '../webhooks/webhook-worker.js';
import {
  beginInstall,
  completeInstall,
  exchangeSessionToken,
  type InstallConfig,
  sessionOf,
} from './install-routes.js';
import { problem } from './problem.js';
import { type CreateShopifyAppOptions, DEFAULT_SCOPES, type OwnShop } from './shopify-app-options.js';

export interface ShopifyApp {
  /** Web-standard handler for every route: install, session exchange, webhooks, and each shop's endpoint. */
  fetch(request: Request, env?: RequestEnv): Promise<Response>;
  listen(options?: ListenOptions): Promise<RunningServer>;
  /** The module of an installed shop (created on first use), or null when the shop has no session. */
  module(shop: string): Promise<ShopifyModule | null>;
  /** Installs one of the merchant's own stores: a static token or the client-credentials grant. */
  addShop(shop: OwnShop): Promise<ShopifyModule>;
  /** Shops with a session. */
  shops(): Promise<string[]>;
  sessions: SessionStorage;
  /** Runs stored webhook deliveries of every shop once (the scheduled job does it every 5 s). */
  processWebhooks(limit?: number): Promise<WebhookRunSummary>;
  /** The endpoint URL path of a shop. */
  pathOf(shop: string): string;
  /** The admin page path of a shop. */
  adminPathOf(shop: string): string;
  /** Starts the schedules: each module's sweep, reconcile and purge, and the webhook inbox. */
  start(): void;
  close(): Promise<void>;
}

function configError(path: string, message: string): ValidationError {
  return new ValidationError(`${path}: ${message}`, [{ path, message }]);
}

/**
 * The multi-shop Shopify app: one process, one store, one module per shop mounted at
 * `{basePath}/{shop}`, each with its own settings, password, journal and bindings (records keyed by shop).
 */
export async function createShopifyApp(options: CreateShopifyAppOptions): Promise<ShopifyApp> {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  const basePath = (options.basePath ?? '/passerelle/v1/shops').replace(/\/$/, '');
  const adminBasePath = (options.adminBasePath ?? '/passerelle/admin/shops').replace(/\/$/, '');
  const authPath = options.authPath ?? '/shopify/auth';
  const webhookPath = options.webhookPath ?? '/shopify/webhooks';
  const sessionPath = options.sessionPath ?? '/shopify/session';
  const secrets = options.apiSecret ? [options.apiSecret, ...(options.previousSecrets ?? [])] : [];
  const credentials =
    options.apiKey && options.apiSecret ? { apiKey: options.apiKey, apiSecret: options.apiSecret } : undefined;
  if (options.appUrl && !/^https?:\/\//.test(options.appUrl))
    throw configError('appUrl', 'expected an absolute URL such as https://app.example.com');
  if ((options.apiKey && !options.apiSecret) || (!options.apiKey && options.apiSecret)) {
    throw configError(options.apiKey ? 'apiSecret' : 'apiKey', 'the client id and the client secret go together');
  }

  const http = createHttp(options.retry, options.fetch);
  const sessions = createSessionStorage(store, options.encryptionKey ? { encryptionKey: options.encryptionKey } : {});
  const modules = new Map<string, Promise<ShopifyModule>>();
  const servers = new Set<RunningServer>();
  let started = false;
  const logger = options.logger;

  const settingsFor = (shop: string) =>
    typeof options.settings === 'function' ? (options.settings as (shop: string) => unknown)(shop) : options.settings;

  const build = async (shop: string): Promise<ShopifyModule> => {
    const tokens = createTokenProvider({ shop, sessions, http, ...(credentials ? { credentials } : {}), now });
    const settings = settingsFor(shop);
    const adminPassword = options.adminPassword?.(shop);
    const module = await createShopifyModule({
      shop,
      accessToken: () => tokens.token(),
      onUnauthorized: () => tokens.renew(),
      store,
      basePath: `${basePath}/${shop}`,
      adminPath: `${adminBasePath}/${shop}`,
      ...(adminPassword ? { adminPassword } : {}),
      ...(settings !== undefined ? { settings } : {}),
      ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(logger ? { logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.getClientAddress ? { getClientAddress: options.getClientAddress } : {}),
      ...(options.bulk ? { bulk: options.bulk } : {}),
    });
    // The configured password wins on every start (PASSERELLE_PASSWORD "sets the endpoint password on start").
    const password = options.password?.(shop);
    const access = (await module.settings.current()).settings.access;
    if (password && access.passwordFingerprint !== fingerprint(password))
      await module.settings.setPassword(password, 'app configuration');
    if (started) module.jobs.start();
    return module;
  };

  const moduleOf = async (shop: string): Promise<ShopifyModule | null> => {
    const known = modules.get(shop);
    if (known) return known;
    const session = await sessions.load(shop);
    if (!session?.accessToken) return null;
    const created = build(shop);
    modules.set(shop, created);
    created.catch(() => modules.delete(shop));
    return created;
  };

  const drop = async (shop: string) => {
    const module = modules.get(shop);
    modules.delete(shop);
    if (module) await (await module).close().catch(() => undefined);
  };

  const subscribe = async (shop: string) => {
    if (!options.registerWebhooks || !options.appUrl) return;
    const session = await sessions.load(shop);
    if (!session) return;
    const client = createShopifyClient({
      shop,
      accessToken: session.accessToken,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    for (const topic of CHANGE_TOPICS) {
      await client.request(WEBHOOK_SUBSCRIPTION_CREATE_MUTATION, {
        topic: topic.toUpperCase().replace('/', '_'),
        webhookSubscription: { uri: `${options.appUrl.replace(/\/$/, '')}${webhookPath}`, format: 'JSON' },
      });
    }
  };

  const installed = async (shop: string) => {
    await drop(shop);
    await moduleOf(shop);
    await subscribe(shop);
    await options.onInstalled?.(shop);
  };

  const handlersFor = async (shop: string): Promise<Record<string, WebhookHandler>> => {
    const compliance = complianceHandlers(shop, {
      store,
      sessions,
      clock,
      ...(options.onDataRequest ? { onDataRequest: options.onDataRequest } : {}),
      onShopRedacted: (redacted) => drop(redacted),
    });
    const uninstalled: WebhookHandler = async () => {
      await sessions.delete(shop);
      await drop(shop);
    };
    const module = await moduleOf(shop);
    return {
      ...(module ? changeTopicHandlers(module.detector, module.client) : {}),
      ...compliance,
      'app/uninstalled': uninstalled,
    };
  };

  const worker = createWebhookWorker({
    store,
    clock,
    handlersFor,
    onExhausted: (error) => logger?.error('webhook delivery abandoned', { error: error.message }),
  });
  const events = createEventEmitter();
  const jobs = createJobs(events);
  jobs.register({
    name: 'webhook-inbox',
    schedule: '*/5 * * * * *',
    run: async () => void (await worker.process(100)),
  });

  const install: InstallConfig | null =
    credentials && options.appUrl
      ? {
          apiKey: credentials.apiKey,
          secrets,
          scopes: options.scopes ?? DEFAULT_SCOPES,
          appUrl: options.appUrl,
          authPath,
          http,
          sessions,
          state: createOAuthState(store, now),
          now,
          afterInstallUrl: options.afterInstallUrl ?? ((shop) => `https://${shop}/admin/apps/${credentials.apiKey}`),
          installed,
        }
      : null;

  const receiveWebhook = async (request: Request): Promise<Response> => {
    if (secrets.length === 0)
      return problem(503, 'Webhooks not configured', 'The app has no client secret to verify deliveries with.');
    const verified = await readWebhook(request, secrets);
    if ('status' in verified) return problem(verified.status, 'Webhook refused', verified.reason);
    // Stored first, processed later: Shopify gets its 200 within milliseconds (it waits 5 s at most).
    const inbox = createInbox({ store, shopId: verified.shop, handlers: {}, events, clock });
    const { duplicate } = await inbox.receive({
      source: 'shopify',
      deliveryId: verified.deliveryId,
      topic: verified.topic,
      payload: verified.payload,
    });
    return Response.json({ received: true, duplicate });
  };

  const addShop = async (own: OwnShop): Promise<ShopifyModule> => {
    const shop = normaliseShopDomain(own.shop);
    if (!shop) throw configError('shop', `expected a myshopify.com domain, got ${JSON.stringify(own.shop)}`);
    let session: ShopifySession;
    if ('accessToken' in own) {
      if (!own.accessToken) throw configError('accessToken', 'the access token is empty');
      session = {
        shop,
        accessToken: own.accessToken,
        scope: '',
        expiresAt: null,
        grant: 'static',
        installedAt: new Date(now()).toISOString(),
      };
    } else {
      if (!credentials) throw configError('apiKey', 'the client-credentials grant needs apiKey and apiSecret');
      const answer = await requestAccessToken(http, shop, {
        client_id: credentials.apiKey,
        client_secret: credentials.apiSecret,
        grant_type: 'client_credentials',
      });
      session = sessionOf(shop, answer, 'client-credentials', now());
    }
    await sessions.save(session);
    await drop(shop);
    return (await moduleOf(shop)) as ShopifyModule;
  };

  for (const own of options.shops ?? []) await addShop(own);

  const app: ShopifyApp = {
    async fetch(request, env) {
      const url = new URL(request.url);
      const path = url.pathname;
      if (path === authPath && request.method === 'GET')
        return install ? beginInstall(request, install) : problem(404, 'Not found', 'OAuth is not configured.');
      if (path === `${authPath}/callback` && request.method === 'GET') {
        return install ? completeInstall(request, install) : problem(404, 'Not found', 'OAuth is not configured.');
      }
      if (path === sessionPath && request.method === 'POST') {
        return install
          ? exchangeSessionToken(request, install)
          : problem(404, 'Not found', 'Token exchange is not configured.');
      }
      if (path === webhookPath && request.method === 'POST') return receiveWebhook(request);
      const mount = path.startsWith(`${basePath}/`)
        ? basePath
        : path.startsWith(`${adminBasePath}/`)
          ? adminBasePath
          : null;
      if (mount) {
        const segment = path.slice(mount.length + 1).split('/')[0] ?? '';
        const shop = normaliseShopDomain(segment);
        if (!shop || shop !== segment)
          return problem(404, 'Not found', 'Shops are addressed by their myshopify.com domain.');
        const module = await moduleOf(shop);
        if (!module) return problem(404, 'Not found', `The app is not installed on ${shop}.`);
        return module.fetch(request, env);
      }
      return problem(404, 'Not found', 'No such route.');
    },

    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      const server = serve({
        fetch: (request: Request, env: RequestEnv) => app.fetch(request, env),
        port: listenOptions.port ?? 8787,
        hostname: host,
      });
      await new Promise<void>((resolve, reject) => {
        if (server.listening) return resolve();
        server.once('listening', () => resolve());
        server.once('error', reject);
      });
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      const running: RunningServer = {
        url: `http://${urlHost}:${port}${basePath}`,
        adminUrl: `http://${urlHost}:${port}${adminBasePath}`,
        port,
        close: () =>
          new Promise<void>((resolve) => {
            servers.delete(running);
            server.close(() => resolve());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      };
      servers.add(running);
      return running;
    },

    module: moduleOf,
    addShop,
    shops: () => sessions.shops(),
    sessions,
    processWebhooks: (limit) => worker.process(limit),
    pathOf: (shop) => `${basePath}/${shop}`,
    adminPathOf: (shop) => `${adminBasePath}/${shop}`,

    start() {
      if (started) return;
      started = true;
      jobs.start();
      for (const module of modules.values()) void module.then((entry) => entry.jobs.start()).catch(() => undefined);
    },

    async close() {
      await jobs.stop();
      await Promise.all([...servers].map((server) => server.close()));
      for (const shop of [...modules.keys()]) await drop(shop);
    },
  };
  return app;
}
