import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { createEventEmitter } from '../events.js';
import { createMemoryStore, INBOX_MAX_ATTEMPTS } from '../state/index.js';
import { createManualClock } from '../state/testing.js';
import { createChangeDetector } from './change-detector.js';
import { createFakeShop } from './fake-shop.js';
import type { WebhookHandler } from './inbox.js';
import { createInbox } from './inbox.js';
import { journalFromWebhook } from './journal-from-webhook.js';

const shopId = 'default';
const minute = 60_000;

function setup(handlers: Record<string, WebhookHandler> = {}) {
  const clock = createManualClock('2025-02-01T00:00:00.000Z');
  const store = createMemoryStore({ clock });
  const events = createEventEmitter();
  const inbox = createInbox({ store, shopId, handlers, events, clock });
  return { clock, store, events, inbox };
}

const delivery = (deliveryId: string, payload: unknown = { id: 1 }) => ({
  source: 'shopify',
  deliveryId,
  topic: 'orders/updated',
  payload,
});

describe('webhook inbox', () => {
  it('stores a delivery once and processes it once when the platform sends it twice', async () => {
    const seen: unknown[] = [];
    const { inbox, store } = setup({ 'orders/updated': async (payload) => void seen.push(payload) });
    expect(await inbox.receive(delivery('evt-1', { id: 7, note: 'first' }))).toEqual({ duplicate: false });
    expect(await inbox.receive(delivery('evt-1', { id: 7, note: 'resent' }))).toEqual({ duplicate: true });
    expect(await inbox.backlog()).toBe(1);
    const summary = await inbox.process();
    expect(summary).toMatchObject({ claimed: 1, processed: 1, failed: 0, backlog: 0 });
    expect(seen).toEqual([{ id: 7, note: 'first' }]);
    expect(await inbox.process()).toMatchObject({ claimed: 0, processed: 0 });
    expect(await store.inboxBacklog(shopId)).toBe(0);
  });

  it('keeps a failed delivery and retries it on the next run until it succeeds', async () => {
    let calls = 0;
    const { inbox, store } = setup({
      'orders/updated': async (_payload, meta) => {
        calls++;
        if (meta.attempts === 1) throw new Error('platform timeout (token=abc123)');
      },
    });
    await inbox.receive(delivery('evt-2'));
    expect(await inbox.process()).toMatchObject({ processed: 0, failed: 1, backlog: 1 });
    const [warning] = await store.readActivity(shopId, { limit: 1, kind: 'webhook' });
    expect(warning).toMatchObject({ level: 'warn', outcome: 'failed', reference: 'evt-2' });
    expect(warning?.message).toContain('token=[redacted]');
    expect(JSON.stringify(warning)).not.toContain('abc123');
    expect(await inbox.process()).toMatchObject({ processed: 1, failed: 0, backlog: 0 });
    expect(calls).toBe(2);
  });

  it('keeps a delivery that keeps failing, reports it once it runs out of attempts', async () => {
    const { inbox, events, store } = setup({
      'orders/updated': async () => {
        throw new Error('always');
      },
    });
    const failures: string[] = [];
    events.on('job-failed', (event) => failures.push(event.job));
    await inbox.receive(delivery('evt-3'));
    for (let run = 0; run < INBOX_MAX_ATTEMPTS + 2; run++) await inbox.process();
    expect(failures).toEqual(['webhook-inbox']);
    expect(await inbox.backlog()).toBe(1);
    const [last] = await store.readActivity(shopId, { limit: 1, kind: 'webhook' });
    expect(last).toMatchObject({ level: 'error', details: { attempts: INBOX_MAX_ATTEMPTS } });
  });

  it('completes and logs a delivery whose topic has no handler', async () => {
    const { inbox, store } = setup({});
    await inbox.receive({ ...delivery('evt-4'), topic: 'app/uninstalled' });
    expect(await inbox.process()).toMatchObject({ ignored: 1, backlog: 0 });
    const [entry] = await store.readActivity(shopId, { limit: 1 });
    expect(entry).toMatchObject({ outcome: 'skipped', details: { topic: 'app/uninstalled' } });
  });

  it('refuses a delivery without a delivery id or with an unserialisable payload', async () => {
    const { inbox } = setup();
    const missing = await inbox.receive({ ...delivery(''), topic: '' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).issues.map((issue) => issue.path)).toEqual(['deliveryId', 'topic']);
    await expect(inbox.receive(delivery('evt-5', { n: 1n }))).rejects.toBeInstanceOf(ValidationError);
    expect(await inbox.backlog()).toBe(0);
  });

  it('never overlaps itself: a second process() during a run joins it', async () => {
    let calls = 0;
    const { inbox } = setup({ 'orders/updated': async () => void calls++ });
    await inbox.receive(delivery('evt-6'));
    const [first, second] = await Promise.all([inbox.process(), inbox.process()]);
    expect(second).toBe(first);
    expect(calls).toBe(1);
  });

  it('warns when deliveries pile up', async () => {
    const clock = createManualClock();
    const store = createMemoryStore({ clock });
    const inbox = createInbox({ store, shopId, handlers: {}, events: createEventEmitter(), clock, backlogWarnAt: 2 });
    for (const id of ['a', 'b', 'c']) await inbox.receive(delivery(id));
    await inbox.process(0);
    const [entry] = await store.readActivity(shopId, { limit: 1, level: 'warn' });
    expect(entry?.message).toBe('3 webhook deliveries are waiting in the inbox.');
  });
});

describe('journalFromWebhook', () => {
  function wired() {
    const clock = createManualClock('2025-02-01T00:00:00.000Z');
    const store = createMemoryStore({ clock });
    const events = createEventEmitter();
    const shop = createFakeShop(clock);
    const detector = createChangeDetector({ adapter: shop.adapter, store, events, shopId, clock });
    const inbox = createInbox({
      store,
      shopId,
      events,
      clock,
      handlers: {
        'orders/updated': journalFromWebhook(detector, 'order'),
        'products/update': journalFromWebhook(detector, (payload) => ({
          entity: 'product',
          id: String((payload as { product_id: number }).product_id),
        })),
        generic: journalFromWebhook(detector),
      },
    });
    const changes = async () =>
      (await store.readChanges(shopId, { afterSeq: 0, limit: 100 })).map((c) => `${c.entity}:${c.id}:${c.op}`);
    return { clock, shop, detector, inbox, changes };
  }

  it('journals a change once when the webhook comes before the sweep', async () => {
    const { clock, shop, detector, inbox, changes } = wired();
    shop.put('orders', { id: '5', reference: 'ORD-5', status: 'paid' });
    await detector.sweep();
    clock.advance(minute);
    shop.update('orders', '5', { status: 'cancelled' });
    await inbox.receive({ source: 'shopify', deliveryId: 'e1', topic: 'orders/updated', payload: { id: 5 } });
    expect(await inbox.process()).toMatchObject({ processed: 1 });
    clock.advance(minute);
    await detector.sweep();
    expect(await changes()).toEqual(['order:5:created', 'order:5:updated']);
  });

  it('journals a change once when the webhook comes after the sweep', async () => {
    const { clock, shop, detector, inbox, changes } = wired();
    shop.put('products', { id: '9', reference: 'P9', price: '1.00' });
    await detector.sweep();
    clock.advance(minute);
    shop.update('products', '9', { price: '2.00' });
    await detector.sweep();
    await inbox.receive({ source: 'shopify', deliveryId: 'e2', topic: 'products/update', payload: { product_id: 9 } });
    await inbox.process();
    expect(await changes()).toEqual(['product:9:created', 'product:9:updated']);
  });

  it('reads { entity, id } payloads by default and fails (for a retry) on a payload naming no item', async () => {
    const { shop, inbox, changes } = wired();
    shop.put('customers', { id: '3', reference: 'C3', email: 'c@example.com' });
    await inbox.receive({
      source: 'test',
      deliveryId: 'g1',
      topic: 'generic',
      payload: { entity: 'customer', id: '3' },
    });
    await inbox.receive({ source: 'test', deliveryId: 'g2', topic: 'generic', payload: { entity: 'customer' } });
    expect(await inbox.process()).toMatchObject({ processed: 1, failed: 1 });
    expect(await changes()).toEqual(['customer:3:created']);
  });
});
