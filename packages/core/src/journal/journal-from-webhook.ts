import { ValidationError } from '../errors/index.js';
import type { ChangeDetector } from './change-detector.js';
import type { DetectedEntity } from './entity-feeds.js';
import type { WebhookHandler } from './inbox.js';

/** The item a webhook is about. */
export interface WebhookTarget {
  entity: DetectedEntity;
  id: string;
}

/** Reads the target(s) out of a platform's payload; null when the payload names no item (nothing to do). */
export type WebhookTargetResolver = (payload: unknown) => WebhookTarget | WebhookTarget[] | null;

/**
 * A webhook handler that re-reads the item the webhook is about and journals it through the detector's
 * hash comparison: the webhook only says "look now", the platform's current state is what gets journaled,
 * so a webhook and the next sweep never both journal one change.
 *
 * `target` is the entity of every payload of the topic (the item id is then the payload's `id`, as in
 * WooCommerce and Shopify REST payloads), or a resolver for other shapes; without it the payload must
 * be `{ entity, id }`.
 * @example handlers: { 'products/update': journalFromWebhook(detector, 'product') }
 */
export function journalFromWebhook(
  detector: Pick<ChangeDetector, 'refresh'>,
  target?: DetectedEntity | WebhookTargetResolver,
): WebhookHandler {
  const resolve: WebhookTargetResolver =
    typeof target === 'function'
      ? target
      : (payload) => {
          const record = isRecord(payload) ? payload : {};
          const entity = target ?? record.entity;
          const id = idOf(record.id);
          if (typeof entity !== 'string' || id === null) {
            throw new ValidationError('The webhook payload names no item.', [
              ...(typeof entity === 'string' ? [] : [{ path: 'entity', message: 'Expected an entity name.' }]),
              ...(id === null ? [{ path: 'id', message: 'Expected the id of the item.' }] : []),
            ]);
          }
          return { entity: entity as DetectedEntity, id };
        };
  return async (payload) => {
    const resolved = resolve(payload);
    const targets = resolved === null ? [] : Array.isArray(resolved) ? resolved : [resolved];
    for (const item of targets) await detector.refresh(item.entity, item.id);
  };
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
