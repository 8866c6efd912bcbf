import type { Order } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import { shopOrder } from '../../../packages/dolibarr-module/test/shop-orders.js';
import { forwardStatus, statusUpdateFor } from '../src/shop-sync.js';

const map = { shipped: 'shipped', delivered: 'delivered' } as const;

function dolibarrOrder(status: Order['status']['status'], overrides: Partial<Order> = {}): Order {
  return shopOrder('7', { status: { status, rawStatus: '2' }, updatedAt: '2025-06-03T10:00:00Z', ...overrides });
}

describe('forwardStatus', () => {
  it('moves a shop order forward only', () => {
    expect(forwardStatus('paid', 'shipped')).toBe('shipped');
    expect(forwardStatus('processing', 'delivered')).toBe('delivered');
    expect(forwardStatus('delivered', 'shipped')).toBeNull();
    expect(forwardStatus('completed', 'delivered')).toBeNull();
    expect(forwardStatus('cancelled', 'shipped')).toBeNull();
    expect(forwardStatus('paid', undefined)).toBeNull();
    expect(forwardStatus('paid', 'cancelled')).toBe('cancelled');
    expect(forwardStatus('shipped', 'cancelled')).toBeNull();
  });
});

describe('statusUpdateFor', () => {
  it('sends the new status, a new tracking number and the invoice number', () => {
    const shop = shopOrder('42', {
      status: { status: 'paid', rawStatus: 'payment_accepted' },
      documentNumber: 'CO2506-0001',
    });
    const update = statusUpdateFor(
      dolibarrOrder('shipped', { trackingNumbers: ['6A1'], invoiceNumber: 'FA2506-0001' }),
      shop,
      { statusMap: map, notifyCustomer: true },
    );
    expect(update).toEqual({
      id: '42',
      status: 'shipped',
      trackingNumber: '6A1',
      documentNumber: 'FA2506-0001',
      notifyCustomer: true,
      at: '2025-06-03T10:00:00Z',
    });
  });

  it('keeps the shop status when only the invoice number is new, and says nothing when nothing is', () => {
    const shop = shopOrder('42', {
      status: { status: 'completed', rawStatus: 'completed' },
      trackingNumbers: ['6A1'],
      documentNumber: 'FA1',
    });
    expect(
      statusUpdateFor(dolibarrOrder('shipped', { trackingNumbers: ['6A1'], invoiceNumber: 'FA1' }), shop, {
        statusMap: map,
        notifyCustomer: false,
      }),
    ).toBeNull();
    const update = statusUpdateFor(dolibarrOrder('processing', { invoiceNumber: 'FA2' }), shop, {
      statusMap: map,
      notifyCustomer: false,
    });
    expect(update).toMatchObject({ status: 'completed', documentNumber: 'FA2' });
    expect(update?.trackingNumber).toBeUndefined();
  });
});
