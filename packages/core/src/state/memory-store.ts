import { BindingConflictError, NotFoundError, StoreUnavailableError } from '../errors/index.js';
import { INBOX_LEASE_SECONDS, INBOX_MAX_ATTEMPTS } from './inbox-limits.js';
import type {
  Acknowledgement,
  ActivityEntry,
  Binding,
  ChangeRecord,
  Clock,
  IdempotencyRecord,
  InboxItem,
  Store,
  StoredSettingsRecord,
} from './store.types.js';
import { pageLimit, toInstant, toJson, windowMs } from './store-input.js';
import { systemClock } from './system-clock.js';

export interface MemoryStoreOptions {
  /** @default systemClock */
  clock?: Clock;
}

/** Settings and activity details are kept as JSON text, so they come back exactly as SQLite gives them. */
type SettingsRow = Omit<StoredSettingsRecord, 'data'> & { data: string };
type ActivityRow = Omit<ActivityEntry, 'details'> & { details: string | null };
type InboxRow = InboxItem & { claimedUntilMs: number | null };

/**
 * Code point order, which is what SQLite's BINARY collation gives on UTF-8 text. Plain `<` compares UTF-16
 * code units, which puts astral characters (surrogate pairs) before U+E000–U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x <= 0xdfff ? 0x2000 : -0x800;
      y += y <= 0xdfff ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

const key = (...parts: string[]): string => JSON.stringify(parts);

/**
 * The store for tests and throw-away demos: same semantics as the SQLite store (the conformance battery
 * runs against both), nothing survives the process.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  let closed = false;

  const settings = new Map<string, SettingsRow>();
  const bindings = new Map<string, Binding>();
  const bindingByPlatformId = new Map<string, string>();
  const acknowledgements = new Map<string, Acknowledgement>();
  const idempotency = new Map<string, IdempotencyRecord>();
  let changes: ChangeRecord[] = [];
  let lastSeq = 0;
  const changeHeads = new Map<string, number>();
  let activity: ActivityRow[] = [];
  let lastActivityId = 0;
  const cursors = new Map<string, string>();
  const authFailures = new Map<string, number[]>();
  const blocks = new Map<string, number>();
  const inbox = new Map<number, InboxRow>();
  const inboxByDelivery = new Map<string, number>();
  let lastInboxId = 0;

  const ensureOpen = (): void => {
    if (closed) throw new StoreUnavailableError('The state store is closed.');
  };
  const now = (): string => clock.now().toISOString();

  /** Binds one reference, or answers the conflict that kept it from being bound (and changes nothing). */
  const bind = (binding: Binding): BindingConflictError | null => {
    const platformKey = key(binding.shopId, binding.entity, binding.platformId);
    const holder = bindingByPlatformId.get(platformKey);
    if (holder !== undefined && holder !== binding.reference) return new BindingConflictError(binding, holder);
    const referenceKey = key(binding.shopId, binding.entity, binding.reference);
    const previous = bindings.get(referenceKey);
    if (previous !== undefined) {
      bindingByPlatformId.delete(key(previous.shopId, previous.entity, previous.platformId));
    }
    bindings.set(referenceKey, { ...binding });
    bindingByPlatformId.set(platformKey, binding.reference);
    return null;
  };
  const toSettings = (row: SettingsRow): StoredSettingsRecord => ({ ...row, data: JSON.parse(row.data) as unknown });
  const toActivity = (row: ActivityRow): ActivityEntry => ({
    ...row,
    details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
  });
  const toInboxItem = ({ claimedUntilMs: _lease, ...item }: InboxRow): InboxItem => ({ ...item });
  const inboxRow = (id: number): InboxRow => {
    const row = inbox.get(id);
    if (row === undefined) throw new NotFoundError(`Inbox item ${id} does not exist.`);
    return row;
  };

  return {
    async loadSettings(shopId) {
      ensureOpen();
      const row = settings.get(shopId);
      return row === undefined ? null : toSettings(row);
    },

    async saveSettings(shopId, schemaVersion, data, updatedBy) {
      ensureOpen();
      const row: SettingsRow = {
        shopId,
        schemaVersion,
        revision: (settings.get(shopId)?.revision ?? 0) + 1,
        data: toJson(data),
        updatedAt: now(),
        updatedBy,
      };
      settings.set(shopId, row);
      return toSettings(row);
    },

    async getBinding(shopId, entity, reference) {
      ensureOpen();
      const binding = bindings.get(key(shopId, entity, reference));
      return binding === undefined ? null : { ...binding };
    },

    async getBindingByPlatformId(shopId, entity, platformId) {
      ensureOpen();
      const reference = bindingByPlatformId.get(key(shopId, entity, platformId));
      const binding = reference === undefined ? undefined : bindings.get(key(shopId, entity, reference));
      return binding === undefined ? null : { ...binding };
    },

    async getBindings(shopId, entity, references) {
      ensureOpen();
      const found = new Map<string, Binding>();
      for (const reference of references) {
        const binding = bindings.get(key(shopId, entity, reference));
        if (binding !== undefined) found.set(reference, { ...binding });
      }
      return found;
    },

    async upsertBinding(binding) {
      ensureOpen();
      const conflict = bind(binding);
      if (conflict !== null) throw conflict;
    },

    async upsertBindings(input) {
      ensureOpen();
      return input.map(bind);
    },

    async listBindings(shopId, entity, { afterReference, limit }) {
      ensureOpen();
      const size = pageLimit(limit);
      return [...bindings.values()]
        .filter(
          (b) =>
            b.shopId === shopId &&
            b.entity === entity &&
            (afterReference === undefined || compareCodePoints(b.reference, afterReference) > 0),
        )
        .sort((a, b) => compareCodePoints(a.reference, b.reference))
        .slice(0, size)
        .map((b) => ({ ...b }));
    },

    async deleteBinding(shopId, entity, reference) {
      ensureOpen();
      const referenceKey = key(shopId, entity, reference);
      const binding = bindings.get(referenceKey);
      if (binding === undefined) return false;
      bindings.delete(referenceKey);
      bindingByPlatformId.delete(key(shopId, entity, binding.platformId));
      return true;
    },

    async acknowledge(shopId, items) {
      ensureOpen();
      const acknowledgedAt = now();
      return items.map(({ orderId, documentNumber }) => {
        const existing = acknowledgements.get(key(shopId, orderId));
        if (existing !== undefined) {
          if (documentNumber !== null) existing.documentNumber = documentNumber;
          return { orderId, alreadyAcknowledged: true };
        }
        acknowledgements.set(key(shopId, orderId), { shopId, orderId, documentNumber, acknowledgedAt });
        return { orderId, alreadyAcknowledged: false };
      });
    },

    async getAcknowledgements(shopId, orderIds) {
      ensureOpen();
      const found = new Map<string, Acknowledgement>();
      for (const orderId of orderIds) {
        const ack = acknowledgements.get(key(shopId, orderId));
        if (ack !== undefined) found.set(orderId, { ...ack });
      }
      return found;
    },

    async resetAcknowledgements(shopId, target) {
      ensureOpen();
      if ('all' in target) {
        const reset = [...acknowledgements.values()]
          .filter((ack) => ack.shopId === shopId)
          .sort(
            (a, b) => compareCodePoints(a.acknowledgedAt, b.acknowledgedAt) || compareCodePoints(a.orderId, b.orderId),
          )
          .map((ack) => ack.orderId);
        for (const orderId of reset) acknowledgements.delete(key(shopId, orderId));
        return reset;
      }
      const reset: string[] = [];
      for (const orderId of target.ids) {
        if (acknowledgements.delete(key(shopId, orderId))) reset.push(orderId);
      }
      return reset;
    },

    async getIdempotency(shopId, idempotencyKey) {
      ensureOpen();
      const record = idempotency.get(key(shopId, idempotencyKey));
      return record === undefined ? null : { ...record };
    },

    async saveIdempotency(record) {
      ensureOpen();
      const recordKey = key(record.shopId, record.key);
      if (!idempotency.has(recordKey)) idempotency.set(recordKey, { ...record, createdAt: now() });
    },

    async purgeIdempotency(olderThan) {
      ensureOpen();
      const horizon = olderThan.toISOString();
      let purged = 0;
      for (const [recordKey, record] of idempotency) {
        if (record.createdAt < horizon) {
          idempotency.delete(recordKey);
          purged++;
        }
      }
      return purged;
    },

    async appendChanges(input) {
      ensureOpen();
      const normalised = input.map((change, index) => ({ ...change, at: toInstant(change.at, `changes.${index}.at`) }));
      const appended = normalised.map((change): ChangeRecord => ({ ...change, seq: ++lastSeq }));
      for (const change of appended) changeHeads.set(change.shopId, change.seq);
      changes.push(...appended);
      return appended.map((change) => ({ ...change }));
    },

    async readChanges(shopId, { afterSeq, entities, limit }) {
      ensureOpen();
      const size = pageLimit(limit);
      const wanted = entities !== undefined && entities.length > 0 ? new Set<string>(entities) : null;
      const page: ChangeRecord[] = [];
      for (const change of changes) {
        if (page.length >= size) break;
        if (change.shopId === shopId && change.seq > afterSeq && (wanted === null || wanted.has(change.entity))) {
          page.push({ ...change });
        }
      }
      return page;
    },

    async lastChangeSeq(shopId) {
      ensureOpen();
      return changeHeads.get(shopId) ?? 0;
    },

    async purgeChanges(olderThan) {
      ensureOpen();
      const horizon = olderThan.toISOString();
      const before = changes.length;
      changes = changes.filter((change) => change.at >= horizon);
      return before - changes.length;
    },

    async appendActivity(entries) {
      ensureOpen();
      // Field by field, as the SQLite store keeps them (a batch write logs 500 entries at once).
      const rows = entries.map(
        (entry, index): ActivityRow => ({
          shopId: entry.shopId,
          at: toInstant(entry.at, `entries.${index}.at`),
          level: entry.level,
          kind: entry.kind,
          entity: entry.entity,
          reference: entry.reference,
          outcome: entry.outcome,
          message: entry.message,
          details: entry.details === null ? null : toJson(entry.details),
          id: 0,
        }),
      );
      for (const row of rows) {
        row.id = ++lastActivityId;
        activity.push(row);
      }
    },

    async readActivity(shopId, options) {
      ensureOpen();
      const size = pageLimit(options.limit);
      const { afterId, beforeId, level, kind, entity, outcome } = options;
      const matches = (row: ActivityRow): boolean =>
        row.shopId === shopId &&
        (afterId === undefined || row.id > afterId) &&
        (beforeId === undefined || row.id < beforeId) &&
        (level === undefined || row.level === level) &&
        (kind === undefined || row.kind === kind) &&
        (entity === undefined || row.entity === entity) &&
        (outcome === undefined || row.outcome === outcome);
      const ordered = afterId === undefined ? [...activity].reverse() : activity;
      const page: ActivityEntry[] = [];
      for (const row of ordered) {
        if (page.length >= size) break;
        if (matches(row)) page.push(toActivity(row));
      }
      return page;
    },

    async purgeActivity(olderThan) {
      ensureOpen();
      const horizon = olderThan.toISOString();
      const before = activity.length;
      activity = activity.filter((row) => row.at >= horizon);
      return before - activity.length;
    },

    async getCursor(shopId, name) {
      ensureOpen();
      return cursors.get(key(shopId, name)) ?? null;
    },

    async getCursors(shopId, names) {
      ensureOpen();
      const found = new Map<string, string>();
      for (const name of names) {
        const value = cursors.get(key(shopId, name));
        if (value !== undefined) found.set(name, value);
      }
      return found;
    },

    async setCursor(shopId, name, value) {
      ensureOpen();
      cursors.set(key(shopId, name), value);
    },

    async setCursors(shopId, entries) {
      ensureOpen();
      for (const { name, value } of entries) cursors.set(key(shopId, name), value);
    },

    async recordAuthFailure(address, windowSeconds) {
      ensureOpen();
      const at = clock.now().getTime();
      const since = at - windowMs(windowSeconds);
      for (const [failing, times] of authFailures) {
        const recent = times.filter((time) => time > since);
        if (recent.length === 0) authFailures.delete(failing);
        else authFailures.set(failing, recent);
      }
      const times = authFailures.get(address) ?? [];
      times.push(at);
      authFailures.set(address, times);
      return times.length;
    },

    async clearAuthFailures(address) {
      ensureOpen();
      authFailures.delete(address);
    },

    async getBlock(address) {
      ensureOpen();
      const until = blocks.get(address);
      return until !== undefined && until > clock.now().getTime() ? new Date(until) : null;
    },

    async setBlock(address, until) {
      ensureOpen();
      const at = clock.now().getTime();
      for (const [blocked, end] of blocks) if (end <= at) blocks.delete(blocked);
      blocks.set(address, until.getTime());
    },

    async inboxPut(item) {
      ensureOpen();
      const deliveryKey = key(item.shopId, item.source, item.deliveryId);
      const existing = inboxByDelivery.get(deliveryKey);
      if (existing !== undefined) return { inserted: false, id: existing };
      const id = ++lastInboxId;
      inbox.set(id, {
        ...item,
        id,
        receivedAt: now(),
        attempts: 0,
        processedAt: null,
        lastError: null,
        claimedUntilMs: null,
      });
      inboxByDelivery.set(deliveryKey, id);
      return { inserted: true, id };
    },

    async inboxClaim(limit, shopId) {
      ensureOpen();
      const size = pageLimit(limit);
      const at = clock.now().getTime();
      const claimed: InboxItem[] = [];
      // Map iteration follows insertion order, which is id order: oldest first.
      for (const row of inbox.values()) {
        if (claimed.length >= size) break;
        if (row.processedAt !== null || row.attempts >= INBOX_MAX_ATTEMPTS) continue;
        if (shopId !== undefined && row.shopId !== shopId) continue;
        if (row.claimedUntilMs !== null && row.claimedUntilMs > at) continue;
        row.attempts++;
        row.claimedUntilMs = at + INBOX_LEASE_SECONDS * 1000;
        claimed.push(toInboxItem(row));
      }
      return claimed;
    },

    async inboxComplete(id) {
      ensureOpen();
      const row = inboxRow(id);
      if (row.processedAt !== null) return;
      row.processedAt = now();
      row.claimedUntilMs = null;
    },

    async inboxFail(id, error) {
      ensureOpen();
      const row = inboxRow(id);
      if (row.processedAt !== null) return;
      row.lastError = error;
      row.claimedUntilMs = null;
    },

    async inboxBacklog(shopId) {
      ensureOpen();
      let backlog = 0;
      for (const row of inbox.values()) {
        if (row.processedAt === null && (shopId === undefined || row.shopId === shopId)) backlog++;
      }
      return backlog;
    },

    async inboxPurge(olderThan) {
      ensureOpen();
      const horizon = olderThan.toISOString();
      let purged = 0;
      for (const [id, row] of inbox) {
        if (row.processedAt !== null && row.processedAt < horizon) {
          inbox.delete(id);
          inboxByDelivery.delete(key(row.shopId, row.source, row.deliveryId));
          purged++;
        }
      }
      return purged;
    },

    async close() {
      closed = true;
    },
  };
}
