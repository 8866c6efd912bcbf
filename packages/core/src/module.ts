import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { z } from 'zod';
import { type Capabilities, capabilitiesOf, type PlatformAdapter } from './adapter.js';
import { createAdminApp, DEFAULT_ADMIN_PATH } from './admin/admin-app.js';
import { ADMIN_PASSWORD_MIN_LENGTH } from './admin/admin-limits.js';
import { createAccessGuard } from './endpoint/access.js';
import { createEndpointApp, type GetClientAddress } from './endpoint/app.js';
import type { EndpointContext, RequestEnv, SyncHealth } from './endpoint/context.js';
import { createCursorCodec } from './endpoint/cursor.js';
import { ValidationError } from './errors/index.js';
import { createEventEmitter, type ModuleEventEmitter } from './events.js';
import { createJobs, type Jobs } from './jobs.js';
import {
  type ActivityLog,
  type ChangeDetector,
  createActivityLog,
  createChangeDetector,
  redactText,
} from './journal/index.js';
import { createSettingsRuntime, type SettingsRuntime } from './runtime/settings-runtime.js';
import { hashPassword, isPasswordHash, settingsSchema } from './settings/index.js';
import { type Clock, type Store, systemClock } from './state/index.js';

export const MODULE_VERSION = '0.1.0';
export const DEFAULT_BASE_PATH = '/passerelle/v1';

export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface CreateModuleOptions {
  adapter: PlatformAdapter;
  store: Store;
  /** Settings applied when the store has none yet (first start); validated like the admin page. */
  settings?: unknown;
  /** The settings schema, when a bridge extends it with its platform section. */
  settingsSchema?: z.ZodType;
  /** One process may serve several shops; each module serves one. @default 'default' */
  shopId?: string;
  clock?: Clock;
  /** For hosts that know the client address better than the socket (Express behind a proxy, serverless). */
  getClientAddress?: GetClientAddress;
  /** Resolves `access.allowedHosts` names; injectable for tests. */
  resolveHost?: (host: string) => Promise<string[]>;
  logger?: Logger;
  /** @default '/passerelle/v1' */
  basePath?: string;
  /**
   * The admin page's own password (examples pass `PASSERELLE_ADMIN_PASSWORD`), at least 12 characters,
   * or a hash made by `hashPassword()`. It is hashed on start and kept only in memory; without it the
   * admin page stays closed and says how to open it.
   */
  adminPassword?: string;
  /** Where the admin page is served. @default '/passerelle/admin' */
  adminPath?: string;
}

export interface ListenOptions {
  /** @default 8787 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

export interface RunningServer {
  /** The endpoint base URL. */
  url: string;
  /** The admin page's URL, to print on start. */
  adminUrl: string;
  port: number;
  close(): Promise<void>;
}

export interface PasserelleModule {
  /** Web-standard handler: mount it in any host (Node, Express, serverless, tests). */
  fetch(request: Request, env?: RequestEnv): Promise<Response>;
  listen(options?: ListenOptions): Promise<RunningServer>;
  events: ModuleEventEmitter;
  jobs: Jobs;
  settings: SettingsRuntime;
  store: Store;
  shopId: string;
  capabilities: Capabilities;
  detector: ChangeDetector;
  activity: ActivityLog;
  basePath: string;
  /** Where the admin page is served. */
  adminPath: string;
  close(): Promise<void>;
}

async function cursorSecret(store: Store, shopId: string): Promise<string> {
  const name = '__cursor_secret';
  const existing = await store.getCursor(shopId, name);
  if (existing) return existing;
  // Kept in the store so cursors handed out before a restart still open after it.
  const secret = randomBytes(32).toString('hex');
  await store.setCursor(shopId, name, secret);
  return secret;
}

/** Hashes the admin password once on start; a value that is already a hash is kept as it is. */
async function adminCredential(password: string | undefined): Promise<string | null> {
  if (password === undefined || password === '') return null;
  if (isPasswordHash(password)) return password;
  if (password.length < ADMIN_PASSWORD_MIN_LENGTH || password !== password.trim()) {
    const message = `The admin password (PASSERELLE_ADMIN_PASSWORD) must be at least ${ADMIN_PASSWORD_MIN_LENGTH} characters, without spaces at either end.`;
    throw new ValidationError(message, [{ path: 'adminPassword', message }]);
  }
  return hashPassword(password);
}

/**
 * Builds a module: the endpoint over an adapter, with settings, rules, journal, jobs and
 * events. Jobs are registered but not started: call `module.jobs.start()` (the examples
 * do) so tests and embedders decide when schedules run.
 */
export async function createModule(options: CreateModuleOptions): Promise<PasserelleModule> {
  const shopId = options.shopId ?? 'default';
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const basePath = options.basePath ?? DEFAULT_BASE_PATH;
  const adminPath = (options.adminPath ?? DEFAULT_ADMIN_PATH).replace(/\/+$/, '');
  const { adapter, store } = options;
  const adminPasswordHash = await adminCredential(options.adminPassword);
  const events = createEventEmitter();
  const settings = createSettingsRuntime({
    store,
    shopId,
    schema: options.settingsSchema ?? settingsSchema,
    clock,
    events,
    initial: options.settings,
  });
  const initial = await settings.current();
  const activity = createActivityLog(store, shopId, clock);
  const health: SyncHealth = {
    lastSweepAt: null,
    lastSweepOkAt: null,
    lastSweepError: null,
    errorCounts: {},
    highWaterMarks: {},
  };
  const detector = createChangeDetector({
    adapter,
    store,
    events,
    shopId,
    clock,
    overlapSeconds: initial.settings.sync.overlapSeconds,
  });
  const capabilities = capabilitiesOf(adapter);

  const guard = createAccessGuard({
    getAccess: async () => (await settings.current()).settings.access,
    store,
    clock,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  });

  const context: EndpointContext = {
    shopId,
    adapter,
    capabilities,
    store,
    events,
    clock,
    settings,
    cursors: createCursorCodec(await cursorSecret(store, shopId), { clock }),
    guard,
    activity,
    moduleVersion: MODULE_VERSION,
    health,
    basePath,
  };
  const app = createEndpointApp(
    context,
    options.getClientAddress ? { getClientAddress: options.getClientAddress } : {},
  );

  const jobs = createJobs(events);
  events.on('job-failed', ({ job, error }) => {
    health.errorCounts[job] = (health.errorCounts[job] ?? 0) + 1;
    logger.error(`job ${job} failed`, { error: redactText(error.message) });
  });
  jobs.register({
    name: 'sweep',
    schedule: initial.settings.sync.sweepCron,
    run: async () => {
      health.lastSweepAt = clock.now().toISOString();
      try {
        await detector.sweep();
        health.lastSweepOkAt = clock.now().toISOString();
        health.lastSweepError = null;
      } catch (error) {
        // Shown by GET /info and the admin page: a platform error may quote a credential.
        health.lastSweepError = error instanceof Error ? redactText(error.message) : 'sweep failed';
        throw error;
      }
    },
  });
  jobs.register({ name: 'reconcile', schedule: '17 3 * * *', run: async () => void (await detector.reconcile()) });
  jobs.register({
    name: 'purge',
    schedule: '41 * * * *',
    run: async () => {
      const { settings: current } = await settings.current();
      const now = clock.now().getTime();
      await store.purgeIdempotency(new Date(now - current.sync.idempotencyRetentionHours * 3_600_000));
      await store.purgeChanges(new Date(now - current.sync.journalRetentionDays * 86_400_000));
      await store.purgeActivity(new Date(now - current.sync.journalRetentionDays * 86_400_000));
    },
  });

  const admin = createAdminApp({
    shopId,
    adapter,
    store,
    settings,
    schema: options.settingsSchema ?? settingsSchema,
    clock,
    events,
    activity,
    detector,
    health,
    endpointPath: basePath,
    adminPath,
    adminPasswordHash,
    ...(options.getClientAddress ? { getClientAddress: options.getClientAddress } : {}),
  });
  const isAdminPath = (pathname: string) => pathname === adminPath || pathname.startsWith(`${adminPath}/`);
  const dispatch = (request: Request, env?: RequestEnv): Promise<Response> =>
    Promise.resolve(isAdminPath(new URL(request.url).pathname) ? admin.fetch(request, env) : app.fetch(request, env));

  const servers = new Set<RunningServer>();

  return {
    fetch: dispatch,
    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      const server = serve({ fetch: dispatch, port: listenOptions.port ?? 8787, hostname: host });
      await new Promise<void>((resolve, reject) => {
        if (server.listening) return resolve();
        server.once('listening', () => resolve());
        server.once('error', reject);
      });
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      const running: RunningServer = {
        url: `http://${urlHost}:${port}${basePath}`,
        adminUrl: `http://${urlHost}:${port}${adminPath}`,
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
    events,
    jobs,
    settings,
    store,
    shopId,
    capabilities,
    detector,
    activity,
    basePath,
    adminPath,
    async close() {
      await jobs.stop();
      await Promise.all([...servers].map((server) => server.close()));
      await adapter.close?.();
    },
  };
}
