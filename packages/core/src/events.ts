import { EventEmitter } from 'node:events';
// typed-emitter is a CommonJS types-only package: under NodeNext its default export sits on `.default`.
import type TypedEmitterModule from 'typed-emitter';
import type { AuthFailure } from './errors/index.js';
import type { ChangeRecord } from './state/index.js';

export type WriteOutcomeKind = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ItemResult {
  key: string;
  outcome: WriteOutcomeKind;
  id?: string;
  changed?: string[];
  withheld?: string[];
  reason?: string;
  error?: string;
}

/** Every event the module emits; payloads never carry a secret. */
export type ModuleEvents = {
  read: (event: { shopId: string; route: string; entity: string; count: number; hasMore: boolean }) => void;
  acknowledge: (event: { shopId: string; results: ItemResult[] }) => void;
  reset: (event: { shopId: string; ids: string[]; all: boolean; by: 'endpoint' | 'admin' }) => void;
  write: (event: { shopId: string; entity: string; result: ItemResult }) => void;
  change: (change: ChangeRecord) => void;
  'auth-rejected': (event: {
    address: string;
    failure: AuthFailure | 'rate-limited' | 'not-configured';
    path: string;
  }) => void;
  'settings-changed': (event: { shopId: string; revision: number; paths: string[]; by: string | null }) => void;
  'job-started': (event: { job: string }) => void;
  'job-finished': (event: { job: string; durationMs: number }) => void;
  'job-failed': (event: { job: string; error: Error }) => void;
  'job-skipped': (event: { job: string; reason: 'already-running' }) => void;
};

export type ModuleEventEmitter = TypedEmitterModule.default<ModuleEvents>;

export function createEventEmitter(): ModuleEventEmitter {
  const emitter = new EventEmitter() as unknown as ModuleEventEmitter;
  // Several listeners per event are normal (admin page, logs, tests); don't warn at 10.
  emitter.setMaxListeners(100);
  return emitter;
}
