import { type FieldIssue, ValidationError } from '../errors/index.js';
import type { ModuleEventEmitter } from '../events.js';
import type { Clock, InboxItem, Store } from '../state/index.js';
import { INBOX_MAX_ATTEMPTS, systemClock } from '../state/index.js';
import { createActivityLog } from './activity-log.js';
import { redactText } from './redact-secrets.js';

/** The stored delivery a handler is running for. */
export interface WebhookDelivery {
  id: number;
  source: string;
  deliveryId: string;
  topic: string;
  receivedAt: string;
  /** 1 on the first run. */
  attempts: number;
}

/** Handles one delivery; throwing leaves it in the inbox for the next run. Must be safe to run twice. */
export type WebhookHandler = (payload: unknown, delivery: WebhookDelivery) => Promise<void>;

export interface InboxOptions {
  store: Store;
  shopId: string;
  /** By topic, as the platform names it (`products/update`, `order.updated`…). */
  handlers: Record<string, WebhookHandler>;
  events: ModuleEventEmitter;
  /** @default the system clock */
  clock?: Clock;
  /** Unprocessed deliveries from which `process()` logs a backlog warning (webhooks piling up). @default 1000 */
  backlogWarnAt?: number;
}

export interface IncomingWebhook {
  /** Who sent it: `shopify`, `woocommerce`… */
  source: string;
  /** The platform's delivery or event id (`X-Shopify-Event-Id`, `X-WC-Webhook-Delivery-ID`): the dedupe key. */
  deliveryId: string;
  topic: string;
  payload: unknown;
}

export interface InboxRunSummary {
  claimed: number;
  processed: number;
  failed: number;
  /** Deliveries of a topic without a handler: completed and logged, since retrying cannot help. */
  ignored: number;
  /** Claimed deliveries of another shop, handed back (see `createInbox`). */
  released: number;
  /** Unprocessed deliveries of this shop after the run. */
  backlog: number;
}

export interface Inbox {
  /** Stores the delivery and answers; nothing else, so the platform gets its 200 fast. */
  receive(webhook: IncomingWebhook): Promise<{ duplicate: boolean }>;
  /**
   * Runs the handlers of up to `limit` stored deliveries, oldest first. A failed delivery is retried on a
   * later run until the store's attempt limit; after that it stays in the inbox (backlog) for a human.
   * Never overlaps itself: a call during a run joins it.
   */
  process(limit?: number): Promise<InboxRunSummary>;
  /** Unprocessed deliveries of this shop, including those that ran out of attempts. */
  backlog(): Promise<number>;
}

const maxErrorLength = 1000;

/**
 * The webhook inbox of one shop (lessons 1 and 5): store first, answer fast, dedupe on the delivery id,
 * process afterwards. `store.inboxClaim` claims across shops; a delivery of another shop that this worker
 * claims is handed back at once (it costs that delivery one attempt), so several shops sharing one store
 * should share one worker or a store that claims by shop.
 */
export function createInbox(options: InboxOptions): Inbox {
  const { store, shopId, handlers, events } = options;
  const clock = options.clock ?? systemClock;
  const backlogWarnAt = options.backlogWarnAt ?? 1000;
  const activity = createActivityLog(store, shopId, clock);
  let running: Promise<InboxRunSummary> | null = null;

  const handle = async (item: InboxItem, summary: InboxRunSummary) => {
    if (item.shopId !== shopId) {
      await store.inboxFail(item.id, `claimed by the worker of shop "${shopId}"; left for its own worker`);
      summary.released++;
      return;
    }
    const delivery: WebhookDelivery = {
      id: item.id,
      source: item.source,
      deliveryId: item.deliveryId,
      topic: item.topic,
      receivedAt: item.receivedAt,
      attempts: item.attempts,
    };
    const fields = { reference: item.deliveryId, details: { source: item.source, topic: item.topic } };
    const handler = Object.hasOwn(handlers, item.topic) ? handlers[item.topic] : undefined;
    if (!handler) {
      await store.inboxComplete(item.id);
      summary.ignored++;
      await activity.warn('webhook', `No handler for webhook topic "${item.topic}"; delivery ignored.`, {
        ...fields,
        outcome: 'skipped',
      });
      return;
    }
    try {
      await handler(JSON.parse(item.payload) as unknown, delivery);
    } catch (error) {
      const message = redactText(error instanceof Error ? error.message : String(error)).slice(0, maxErrorLength);
      await store.inboxFail(item.id, message || 'handler failed');
      summary.failed++;
      const exhausted = item.attempts >= INBOX_MAX_ATTEMPTS;
      const text = exhausted
        ? `Webhook "${item.topic}" failed ${item.attempts} times and will not be retried: ${message}`
        : `Webhook "${item.topic}" failed (attempt ${item.attempts}), retried on the next run: ${message}`;
      await (exhausted ? activity.error : activity.warn)('webhook', text, {
        ...fields,
        outcome: 'failed',
        details: { ...fields.details, attempts: item.attempts, error: message },
      });
      if (exhausted) {
        events.emit('job-failed', { job: 'webhook-inbox', error: new Error(text) });
      }
      return;
    }
    await store.inboxComplete(item.id);
    summary.processed++;
  };

  const run = async (limit: number): Promise<InboxRunSummary> => {
    const summary: InboxRunSummary = { claimed: 0, processed: 0, failed: 0, ignored: 0, released: 0, backlog: 0 };
    const items = await store.inboxClaim(limit);
    summary.claimed = items.length;
    // One at a time, in arrival order: handlers are upserts, but the platform's order is the best guess.
    for (const item of items) await handle(item, summary);
    summary.backlog = await store.inboxBacklog(shopId);
    if (summary.backlog >= backlogWarnAt) {
      await activity.warn('webhook', `${summary.backlog} webhook deliveries are waiting in the inbox.`, {
        details: { backlog: summary.backlog },
      });
    }
    return summary;
  };

  return {
    async receive(webhook) {
      const issues: FieldIssue[] = (['source', 'deliveryId', 'topic'] as const)
        .filter((field) => typeof webhook[field] !== 'string' || webhook[field].trim() === '')
        .map((field) => ({ path: field, message: 'Expected a non-empty string.' }));
      let payload: string | undefined;
      try {
        payload = JSON.stringify(webhook.payload) ?? 'null';
      } catch {
        issues.push({ path: 'payload', message: 'Expected a JSON-serialisable payload.' });
      }
      if (issues.length > 0 || payload === undefined) {
        throw new ValidationError('The webhook delivery is incomplete.', issues);
      }
      const { inserted } = await store.inboxPut({
        shopId,
        source: webhook.source,
        deliveryId: webhook.deliveryId,
        topic: webhook.topic,
        payload,
      });
      return { duplicate: !inserted };
    },

    process(limit = 50) {
      if (running) return running;
      const current = run(limit).finally(() => {
        running = null;
      });
      running = current;
      return current;
    },

    backlog: () => store.inboxBacklog(shopId),
  };
}
