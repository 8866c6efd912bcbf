import { createHmac } from 'node:crypto';
import { createEventEmitter, createInbox, createMemoryStore } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { createWooWebhookReceiver } from '../src/webhooks/receiver.js';
import { verifyWebhookSignature, webhookSignature } from '../src/webhooks/signature.js';
import { moduleFor, startFake } from './harness.js';

const SECRET = 'whsec-test-0123456789';

function delivery(body: unknown, headers: Record<string, string> = {}, secret = SECRET): Request {
  const raw = JSON.stringify(body);
  return new Request('http://module.test/passerelle/v1/webhooks/woocommerce', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-signature': createHmac('sha256', secret).update(raw).digest('base64'),
      'x-wc-webhook-topic': 'product.updated',
      'x-wc-webhook-delivery-id': 'd-1',
      ...headers,
    },
    body: raw,
  });
}

function receiverWithInbox() {
  const store = createMemoryStore();
  const handled: unknown[] = [];
  const inbox = createInbox({
    store,
    shopId: 'default',
    events: createEventEmitter(),
    handlers: { 'product.updated': async (payload) => void handled.push(payload) },
  });
  return { store, inbox, handled, receive: createWooWebhookReceiver({ secret: SECRET, inbox }) };
}

describe('webhook signature', () => {
  it('is base64 HMAC-SHA256 of the raw body, and a changed body or secret does not verify', () => {
    const body = '{"id":794}';
    const signature = webhookSignature(body, SECRET);
    expect(signature).toBe(createHmac('sha256', SECRET).update(body).digest('base64'));
    expect(verifyWebhookSignature(body, SECRET, signature)).toBe(true);
    expect(verifyWebhookSignature('{"id":795}', SECRET, signature)).toBe(false);
    expect(verifyWebhookSignature(body, 'another-secret', signature)).toBe(false);
    expect(verifyWebhookSignature(body, SECRET, null)).toBe(false);
    expect(verifyWebhookSignature(body, SECRET, 'short')).toBe(false);
  });
});

describe('webhook receiver', () => {
  it('stores a signed delivery in the inbox and answers at once; the handler runs later', async () => {
    const { receive, inbox, handled } = receiverWithInbox();
    const response = await receive(delivery({ id: 794, name: 'Premium Quality' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, duplicate: false });
    expect(handled).toEqual([]);
    expect(await inbox.process()).toMatchObject({ processed: 1 });
    expect(handled).toEqual([{ id: 794, name: 'Premium Quality' }]);
  });

  it('a delivery sent twice is stored once', async () => {
    const { receive, inbox } = receiverWithInbox();
    await receive(delivery({ id: 1 }));
    const again = await receive(delivery({ id: 1 }));
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(await inbox.backlog()).toBe(1);
  });

  it('a bad signature is refused (401) and nothing is stored, and the answer quotes neither body nor secret', async () => {
    const { receive, inbox } = receiverWithInbox();
    const response = await receive(delivery({ id: 1, secretish: 'payload' }, {}, 'wrong-secret-000'));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('payload');
    expect(await inbox.backlog()).toBe(0);
  });

  it('WooCommerce’s unsigned ping (webhook_id=N) is accepted and not stored', async () => {
    const { receive, inbox } = receiverWithInbox();
    const response = await receive(
      new Request('http://module.test/hook', {
        method: 'POST',
        body: 'webhook_id=142',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(await response.json()).toEqual({ ok: true, ping: true });
    expect(await inbox.backlog()).toBe(0);
  });

  it('refuses GET (405), a body that is not JSON (400) and one above the size limit (413)', async () => {
    const { inbox } = receiverWithInbox();
    const small = createWooWebhookReceiver({ secret: SECRET, inbox, maxBodyBytes: 64 });
    expect((await small(new Request('http://module.test/hook'))).status).toBe(405);
    const raw = 'not json';
    const notJson = new Request('http://module.test/hook', {
      method: 'POST',
      body: raw,
      headers: { 'x-wc-webhook-signature': webhookSignature(raw, SECRET), 'x-wc-webhook-topic': 'order.updated' },
    });
    expect((await small(notJson)).status).toBe(400);
    expect((await small(delivery({ padding: 'x'.repeat(200) }))).status).toBe(413);
    expect(() => createWooWebhookReceiver({ secret: 'short', inbox })).toThrow(/at least 8/);
  });
});

describe('webhooks in the WooCommerce module', () => {
  it('a product webhook journals the product change through the detector (variation payloads refresh their parent)', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, {}, { webhooks: { secret: SECRET } });
    await module.detector.sweep('product');
    const product = fake.state.products.get(799);
    if (product) product.name = 'Ship Your Idea (renamed in WooCommerce)';
    const answer = await module.fetch(
      delivery({ id: 732, type: 'variation', parent_id: 799 }, { 'x-wc-webhook-delivery-id': 'var-1' }),
    );
    expect(answer.status).toBe(200);
    await module.jobs.run('woocommerce-webhook-inbox');
    const changes = (await module.call('GET', '/changes?entities=product')).body as {
      items: { id: string; op: string }[];
    };
    expect(changes.items.filter((change) => change.op === 'updated').map((change) => change.id)).toEqual(['799']);
  });

  it('an order.deleted webhook journals the delete', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, {}, { webhooks: { secret: SECRET } });
    await module.detector.sweep('order');
    fake.state.orders.delete(723);
    await module.fetch(
      delivery({ id: 723 }, { 'x-wc-webhook-topic': 'order.deleted', 'x-wc-webhook-delivery-id': 'del-1' }),
    );
    await module.inbox?.process();
    const changes = (await module.call('GET', '/changes?entities=order')).body as {
      items: { id: string; op: string }[];
    };
    expect(changes.items.filter((change) => change.op === 'deleted').map((change) => change.id)).toEqual(['723']);
  });

  it('the health job reports webhooks WooCommerce disabled, in the journal and as a job failure', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, {}, { webhooks: { secret: SECRET } });
    await expect(module.jobs.run('woocommerce-webhook-health')).resolves.toBeUndefined();
    (fake.state.webhooks[0] as { status: string }).status = 'disabled';
    await expect(module.jobs.run('woocommerce-webhook-health')).rejects.toThrow(
      /WooCommerce webhooks not delivering: #143 customer.created \(disabled\)/,
    );
    const journal = (await module.call('GET', '/journal?kind=webhook')).body as {
      items: { level: string; message: string }[];
    };
    expect(journal.items.some((entry) => entry.level === 'warn' && entry.message.includes('#143'))).toBe(true);
  });

  it('only the receiver path skips the password: other module routes still need it', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, {}, { webhooks: { secret: SECRET } });
    expect(module.webhookPath).toBe('/passerelle/v1/webhooks/woocommerce');
    const anonymous = await module.fetch(new Request('http://module.test/passerelle/v1/info'));
    expect(anonymous.status).toBe(401);
  });
});
