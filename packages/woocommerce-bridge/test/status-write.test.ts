import { defaultSettings, type StatusWritePlan } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { adapterFor, lastBatch, moduleFor, startFake } from './harness.js';

const context = { shopId: 'default', settings: defaultSettings() };

function plan(overrides: Partial<StatusWritePlan> = {}): StatusWritePlan {
  return {
    key: '727',
    orderId: '727',
    status: 'shipped',
    rawStatus: null,
    trackingNumber: null,
    carrier: null,
    replaceReferenceWith: null,
    documentNumber: null,
    notifyCustomer: false,
    at: null,
    ...overrides,
  };
}

describe('order status writes', () => {
  it('writes the status, keeps the ERP document and tracking number in meta, and notes them for the customer', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const [outcome] = await adapter.orders.setStatus(
      [plan({ trackingNumber: '1Z999', carrier: 'UPS', documentNumber: 'BL-0042', notifyCustomer: true })],
      context,
    );
    expect(outcome).toEqual({ key: '727', ok: true, id: '727' });
    expect(lastBatch(fake, 'orders').update).toEqual([
      {
        id: 727,
        status: 'shipped',
        meta_data: [
          { key: 'passerelle_document_number', value: 'BL-0042' },
          { key: 'passerelle_tracking_numbers', value: ['1Z999'] },
        ],
      },
    ]);
    const note = fake.calls.find((call) => call.method === 'POST' && call.path === 'orders/727/notes');
    expect(note?.body).toEqual({ note: 'Tracking number: 1Z999 (UPS). ERP document: BL-0042.', customer_note: true });
    const order = await adapter.orders.get('727');
    expect(order).toMatchObject({
      status: { status: 'shipped', rawStatus: 'shipped' },
      trackingNumbers: ['1Z999'],
      documentNumber: 'BL-0042',
    });
  });

  it('a shop without a "shipped" status gets "completed", and the outcome says so', async () => {
    const fake = startFake({ customStatuses: [] });
    const adapter = adapterFor(fake);
    const [outcome] = await adapter.orders.setStatus([plan()], context);
    expect(outcome).toMatchObject({ ok: true, note: 'the shop has no "shipped" status: written as "completed"' });
    expect(fake.state.orders.get(727)?.status).toBe('completed');
  });

  it('the admin’s status map (rawStatus) wins; a second tracking number is added, not replacing the first', async () => {
    const fake = startFake({ customStatuses: [{ slug: 'sent', name: 'Sent' }] });
    const adapter = adapterFor(fake);
    await adapter.orders.setStatus([plan({ rawStatus: 'wc-sent', trackingNumber: 'A1' })], context);
    await adapter.orders.setStatus([plan({ rawStatus: 'wc-sent', trackingNumber: 'B2' })], context);
    expect(fake.state.orders.get(727)?.status).toBe('sent');
    expect((await adapter.orders.get('727'))?.trackingNumbers).toEqual(['A1', 'B2']);
  });

  it('replacing the reference keeps the ERP number in meta: WooCommerce order numbers are ids', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const [outcome] = await adapter.orders.setStatus(
      [plan({ status: 'processing', replaceReferenceWith: 'CO-2025-7' })],
      context,
    );
    expect(outcome).toMatchObject({
      ok: true,
      note: expect.stringMatching(/order numbers are ids: the ERP number CO-2025-7 is kept in order meta/),
    });
    expect((await adapter.orders.get('727'))?.documentNumber).toBe('CO-2025-7');
  });

  it('partially_refunded, or an unknown order, fail alone with the reason', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    const outcomes = await adapter.orders.setStatus(
      [
        plan({ status: 'partially_refunded' }),
        plan({ key: '999', orderId: '999' }),
        plan({ key: '723', orderId: '723', status: 'cancelled' }),
      ],
      context,
    );
    expect(outcomes[0]).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/no "partially_refunded" status/),
    });
    expect(outcomes[1]).toMatchObject({ ok: false, error: 'no WooCommerce order with id 999' });
    expect(outcomes[2]).toMatchObject({ ok: true, id: '723' });
  });

  it('a failed note leaves the status written, and the outcome says the note was not', async () => {
    const fake = startFake();
    const adapter = adapterFor(fake);
    fake.fault(
      { status: 500 },
      { match: ({ method, path }) => method === 'POST' && path === 'orders/727/notes', times: 5 },
    );
    const [outcome] = await adapter.orders.setStatus([plan({ trackingNumber: 'T-1' })], context);
    expect(outcome).toMatchObject({
      ok: true,
      note: expect.stringMatching(/the status was written but its note was not/),
    });
    expect(fake.calls.filter((call) => call.path === 'orders/727/notes')).toHaveLength(1);
  });

  it('through the endpoint: POST /orders/status then GET /orders/{id} reads the new status and tracking', async () => {
    const fake = startFake();
    const module = await moduleFor(fake);
    const answer = await module.call('POST', '/orders/status', {
      items: [{ id: '800', status: 'shipped', trackingNumber: 'QC-1', carrier: 'Postes Canada' }],
    });
    expect((answer.body as { results: unknown[] }).results).toEqual([
      { key: '800', outcome: 'updated', id: '800', changed: ['status', 'trackingNumber'] },
    ]);
    const order = (await module.call('GET', '/orders/800')).body as {
      status: { status: string };
      trackingNumbers: string[];
    };
    expect(order.status.status).toBe('shipped');
    expect(order.trackingNumbers).toEqual(['QC-1']);
  });
});
