import { createHmac } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { moduleFor, PASSWORD, startFake } from './harness.js';

describe('createWooCommerceModule', () => {
  it('listens on a real port: the endpoint, the admin URL and the webhook receiver are served', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, {}, { webhooks: { secret: 'whsec-listen-000' } });
    const server = await module.listen({ port: 0 });
    onTestFinished(() => server.close());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/passerelle\/v1$/);
    expect(server.adminUrl).toMatch(/\/passerelle\/admin$/);
    const info = await fetch(`${server.url}/info`, { headers: { authorization: `Bearer ${PASSWORD}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      platform: { platform: 'woocommerce', apiVersion: 'wc/v3', platformVersion: '9.8.0' },
    });
    const body = JSON.stringify({ id: 794 });
    const hook = await fetch(`${server.url}/webhooks/woocommerce`, {
      method: 'POST',
      headers: {
        'x-wc-webhook-signature': createHmac('sha256', 'whsec-listen-000').update(body).digest('base64'),
        'x-wc-webhook-topic': 'product.updated',
        'x-wc-webhook-delivery-id': 'l-1',
      },
      body,
    });
    expect(hook.status).toBe(200);
    expect(await module.inbox?.backlog()).toBe(1);
  });

  it('GET /configuration: statuses with plug-in ones, enabled gateways by technical id, taxes, countries, one currency', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const configuration = (await module.call('GET', '/configuration')).body as Record<string, unknown>;
    expect(configuration.orderStates).toEqual(
      expect.arrayContaining([
        { id: 'processing', name: 'Processing', status: 'processing' },
        { id: 'shipped', name: 'Shipped', status: 'shipped' },
      ]),
    );
    expect(configuration.paymentModules).toEqual([
      { module: 'bacs', name: 'Direct bank transfer', currencies: ['USD'] },
      { module: 'paypal', name: 'PayPal', currencies: ['USD'] },
    ]);
    expect(configuration.currencies).toEqual({
      default: 'USD',
      items: [{ code: 'USD', name: 'United States (US) dollar', conversionRate: '1' }],
    });
    expect(configuration.taxes).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: '72', rate: '4', country: 'US', taxClass: 'standard' })]),
    );
    expect((configuration.countries as { code: string; states: unknown[] }[])[0]).toMatchObject({
      code: 'US',
      states: expect.arrayContaining([{ code: 'CA', name: 'California' }]),
    });
    expect(configuration.languages).toEqual([{ code: 'en', name: 'en', default: true }]);
  });

  it('order notes are read only when the ERP reads messages (orders.read.messages)', async () => {
    const withoutMessages = startFake();
    const quiet = await moduleFor(withoutMessages);
    const order = (await quiet.call('GET', '/orders/723')).body as { messages: unknown[] };
    expect(order.messages).toEqual([]);
    expect(withoutMessages.calls.some((call) => call.path.endsWith('/notes'))).toBe(false);

    const withMessages = startFake();
    const chatty = await moduleFor(withMessages, { orders: { read: { messages: 'all' } } });
    const full = (await chatty.call('GET', '/orders/723')).body as {
      messages: { body: string }[];
      statusHistory: { status: string }[];
    };
    expect(full.messages.map((message) => message.body)).toContain('Order status changed from On hold to Completed.');
    expect(full.statusHistory.at(-1)?.status).toBe('completed');
  });

  it('GET /orders: the queue reads only synchronised statuses at the source', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const queue = (await module.call('GET', '/orders')).body as { items: { id: string }[] };
    expect(queue.items.map((order) => order.id).sort()).toEqual(['723', '727', '800']);
    const listing = fake.calls.find((call) => call.path === 'orders');
    expect(listing?.query.status?.split(',').sort()).toEqual(['completed', 'delivered', 'processing', 'shipped']);
  });

  it('GET /customers?since=: WooCommerce cannot filter customers by date, the bridge does', async () => {
    const fake = startFake();
    const module = await moduleFor(fake, { customers: { export: { onlyWithoutOrders: false } } });
    const customer = fake.state.customers.get(26);
    if (customer) customer.date_modified_gmt = '2030-01-02T00:00:00';
    const answer = (await module.call('GET', '/customers?since=2030-01-01T00:00:00Z')).body as {
      items: { id: string }[];
    };
    expect(answer.items.map((item) => item.id)).toEqual(['26']);
    expect(fake.calls.find((call) => call.path === 'customers')?.query.modified_after).toBeUndefined();
  });

  it('a shop that refuses the key: describe() says so plainly, without the secret', async () => {
    const fake = startFake();
    const module = await moduleFor(
      fake,
      {},
      {
        woocommerce: {
          url: fake.baseUrl,
          consumerKey: fake.consumerKey,
          consumerSecret: 'cs_not_the_right_one_000000',
          retry: { limit: 0 },
        },
      },
    );
    const error = (await module.adapter.describe().catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(/HTTP 401: woocommerce_rest_authentication_error: Consumer secret is invalid/);
    expect(error.message).not.toContain('cs_not_the_right_one_000000');
  });
});
