import type { Capabilities, PlatformAdapter } from '../adapter.js';
import type { ModuleEventEmitter } from '../events.js';
import type { ActivityLog } from '../journal/index.js';
import type { SettingsRuntime } from '../runtime/settings-runtime.js';
import type { Clock, Store } from '../state/index.js';
import type { AccessGuard } from './access.js';
import type { CursorCodec } from './cursor.js';

/** Everything a route needs, built once by `createModule`. */
export interface EndpointContext {
  shopId: string;
  adapter: PlatformAdapter;
  capabilities: Capabilities;
  store: Store;
  events: ModuleEventEmitter;
  clock: Clock;
  settings: SettingsRuntime;
  cursors: CursorCodec;
  guard: AccessGuard;
  activity: ActivityLog;
  moduleVersion: string;
  /** Sync health for `/info`: the sweep records its last run here. */
  health: SyncHealth;
  /** Where the endpoint is mounted, e.g. `/passerelle/v1`. */
  basePath: string;
}

export interface SyncHealth {
  lastSweepAt: string | null;
  lastSweepOkAt: string | null;
  lastSweepError: string | null;
  errorCounts: Record<string, number>;
  highWaterMarks: Record<string, string | null>;
}

/** Per-request environment the Node adapter passes (`@hono/node-server`), or nothing when embedded. */
export interface RequestEnv {
  incoming?: { socket?: { remoteAddress?: string | undefined } };
  /** An embedder may pass the client address directly. */
  clientAddress?: string;
}
