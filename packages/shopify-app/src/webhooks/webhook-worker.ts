import {
  type Clock,
  createActivityLog,
  INBOX_MAX_ATTEMPTS,
  redactSecrets,
  type Store,
  systemClock,
} from '@passerelle/core';
import type { WebhookHandler } from './topic-handlers.js';

export interface WebhookRunSummary {
  claimed: number;
  processed: number;
  failed: number;
  ignored: number;
}

export interface WebhookWorkerOptions {
  store: Store;
  /** The handlers of a shop (installed or not: compliance topics arrive after an uninstall). */
  handlersFor(shop: string): Promise<Record<string, WebhookHandler>>;
  clock?: Clock;
  onExhausted?(error: Error): void;
}

/**
 * One worker for the webhook inbox of every shop sharing the store (core's `createInbox` processes one
 * shop and hands other shops' deliveries back, costing them attempts): it claims across shops and runs
 * each delivery with its own shop's handlers, one at a time, in arrival order.
 */
export function createWebhookWorker(options: WebhookWorkerOptions) {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  let running: Promise<WebhookRunSummary> | null = null;

  const run = async (limit: number): Promise<WebhookRunSummary> => {
    const summary: WebhookRunSummary = { claimed: 0, processed: 0, failed: 0, ignored: 0 };
    const items = await store.inboxClaim(limit);
    summary.claimed = items.length;
    for (const item of items) {
      const activity = createActivityLog(store, item.shopId, clock);
      const fields = { reference: item.deliveryId, details: { source: item.source, topic: item.topic } };
      const handlers = await options.handlersFor(item.shopId).catch(() => ({}) as Record<string, WebhookHandler>);
      const handler = Object.hasOwn(handlers, item.topic) ? handlers[item.topic] : undefined;
      if (!handler) {
        await store.inboxComplete(item.id);
        summary.ignored++;
        await activity.warn('webhook', `No handler for webhook topic "${item.topic}"; delivery ignored.`, {
          ...fields,
          outcome: 'skipped',
        });
        continue;
      }
      try {
        await handler(JSON.parse(item.payload) as unknown, {
          id: item.id,
          source: item.source,
          deliveryId: item.deliveryId,
          topic: item.topic,
          receivedAt: item.receivedAt,
          attempts: item.attempts,
        });
      } catch (error) {
        const message = String(redactSecrets(error instanceof Error ? error.message : String(error))).slice(0, 1000);
        await store.inboxFail(item.id, message || 'handler failed');
        summary.failed++;
        const exhausted = item.attempts >= INBOX_MAX_ATTEMPTS;
        const text = `Webhook "${item.topic}" failed (attempt ${item.attempts})${exhausted ? ' and will not be retried' : ''}: ${message}`;
        await (exhausted ? activity.error : activity.warn)('webhook', text, { ...fields, outcome: 'failed' });
        if (exhausted) options.onExhausted?.(new Error(text));
        continue;
      }
      await store.inboxComplete(item.id);
      summary.processed++;
    }
    return summary;
  };

  return {
    /** Runs up to `limit` stored deliveries; a call during a run joins it. */
    process(limit = 50): Promise<WebhookRunSummary> {
      if (running) return running;
      running = run(limit).finally(() => {
        running = null;
      });
      return running;
    },
    backlog: (shop?: string) => store.inboxBacklog(shop),
  };
}
