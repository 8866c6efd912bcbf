import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  type CreateModuleOptions,
  createInbox,
  createModule,
  DEFAULT_BASE_PATH,
  type Inbox,
  type ListenOptions,
  type PasserelleModule,
  type RunningServer,
} from '@passerelle/core';
import { createWooCommerceAdapter, type WooCommerceAdapter, type WooCommerceAdapterOptions } from './adapter.js';
import { woocommerceCoreDefaults, woocommerceSettingsSchema } from './settings.js';
import { woocommerceWebhookHandlers } from './webhooks/handlers.js';
import { createWooWebhookReceiver } from './webhooks/receiver.js';

export interface WooCommerceWebhookOptions {
  /** The secret set on the shop's webhooks. */
  secret: string;
  /** Where WooCommerce delivers, under the module. @default `${basePath}/webhooks/woocommerce` */
  path?: string;
  /** Public URL of the receiver, as set on the webhooks: the health job then watches only those. */
  deliveryUrl?: string;
  /** node-cron schedule of the inbox job. @default every 10 seconds */
  processSchedule?: string;
  /** node-cron schedule of the job that reports disabled webhooks. @default hourly, at minute 7 */
  healthSchedule?: string;
}

export interface CreateWooCommerceModuleOptions extends Omit<CreateModuleOptions, 'adapter' | 'settingsSchema'> {
  /** The shop and its REST key; `settings` is wired by the module. */
  woocommerce: Omit<WooCommerceAdapterOptions, 'settings'>;
  /** The optional fast path: a webhook receiver feeding core's inbox. The sweep stays the source of truth. */
  webhooks?: WooCommerceWebhookOptions;
}

export interface WooCommerceModule extends PasserelleModule {
  adapter: WooCommerceAdapter;
  /** Present when `webhooks` is set. */
  inbox: Inbox | null;
  /** The receiver's path under the server, or null. */
  webhookPath: string | null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `base` with `patch` on top, section by section. */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch))
    out[key] =
      isPlainObject(out[key]) && isPlainObject(value) ? merge(out[key] as Record<string, unknown>, value) : value;
  return out;
}

/**
 * A Passerelle module for a WooCommerce shop: core's module over the WooCommerce adapter, with the
 * `platform.woocommerce` settings section and the WooCommerce plug-in's defaults on first start. With
 * `webhooks`, it also serves the webhook receiver, runs the inbox job, and a job that reports webhooks
 * WooCommerce has disabled (it does so after 5 failed deliveries, and never re-enables them).
 */
export async function createWooCommerceModule(options: CreateWooCommerceModuleOptions): Promise<WooCommerceModule> {
  const { woocommerce, webhooks, ...moduleOptions } = options;
  let module: PasserelleModule | null = null;
  const adapter = createWooCommerceAdapter({
    ...woocommerce,
    ...(moduleOptions.shopId && !woocommerce.shopId ? { shopId: moduleOptions.shopId } : {}),
    settings: async () => (module ? (await module.settings.current()).settings : {}),
  });
  const initial = merge(
    structuredClone(woocommerceCoreDefaults) as unknown as Record<string, unknown>,
    isPlainObject(moduleOptions.settings) ? moduleOptions.settings : {},
  );
  module = await createModule({
    ...moduleOptions,
    adapter,
    settings: initial,
    settingsSchema: woocommerceSettingsSchema,
  });
  const core = module;
  if (!webhooks) return Object.assign(core, { adapter, inbox: null, webhookPath: null });

  const basePath = moduleOptions.basePath ?? DEFAULT_BASE_PATH;
  const webhookPath = webhooks.path ?? `${basePath}/webhooks/woocommerce`;
  const inbox = createInbox({
    store: core.store,
    shopId: core.shopId,
    handlers: woocommerceWebhookHandlers(core.detector),
    events: core.events,
    ...(moduleOptions.clock ? { clock: moduleOptions.clock } : {}),
  });
  const receive = createWooWebhookReceiver({ secret: webhooks.secret, inbox });
  core.jobs.register({
    name: 'woocommerce-webhook-inbox',
    schedule: webhooks.processSchedule ?? '*/10 * * * * *',
    run: async () => void (await inbox.process()),
  });
  core.jobs.register({
    name: 'woocommerce-webhook-health',
    schedule: webhooks.healthSchedule ?? '7 * * * *',
    run: async () => {
      const health = await adapter.webhookHealth(webhooks.deliveryUrl);
      const down = [...health.disabled, ...health.paused];
      if (down.length === 0) return;
      const names = down.map((hook) => `#${hook.id} ${hook.topic} (${hook.status})`).join(', ');
      const message = `WooCommerce webhooks not delivering: ${names}. Re-enable them in WooCommerce > Settings > Advanced > Webhooks; the sweep keeps the journal complete meanwhile.`;
      await core.activity.warn('webhook', message, {
        outcome: 'failed',
        details: { webhooks: down.map((hook) => ({ id: hook.id, topic: hook.topic, status: hook.status })) },
      });
      // Thrown so the failure counts in /info and reaches the `job-failed` listeners (alerts).
      throw new Error(message);
    },
  });

  const coreFetch = core.fetch.bind(core);
  const fetch = (request: Request, env?: Parameters<PasserelleModule['fetch']>[1]) =>
    new URL(request.url).pathname === webhookPath ? receive(request) : coreFetch(request, env);
  const servers = new Set<RunningServer>();
  const close = core.close.bind(core);

  return Object.assign(core, {
    adapter,
    inbox,
    webhookPath,
    fetch,
    async listen(listenOptions: ListenOptions = {}): Promise<RunningServer> {
      const host = listenOptions.host ?? '127.0.0.1';
      const server = serve({
        fetch: (request: Request, env: unknown) => fetch(request, env as Parameters<PasserelleModule['fetch']>[1]),
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
        adminUrl: `http://${urlHost}:${port}${core.adminPath}`,
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
    async close() {
      await Promise.all([...servers].map((server) => server.close()));
      await close();
    },
  });
}
