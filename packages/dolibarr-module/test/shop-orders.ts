import {
  type Address,
  computeRoundingDelta,
  type Order,
  type OrderLine,
  orderSchema,
  type Payment,
  sumDecimals,
} from '@passerelle/core';

const address: Address = {
  type: 'both',
  firstName: 'Marie',
  lastName: 'Durand',
  address1: '12 rue des Lilas',
  postcode: '69003',
  city: 'Lyon',
  country: 'FR',
};

export function line(id: string, reference: string | null, quantity: number, unitExcl: string, rate = '20'): OrderLine {
  const totalExcl = (Number(unitExcl) * quantity).toFixed(2);
  const tax = ((Number(totalExcl) * Number(rate)) / 100).toFixed(2);
  const totalIncl = (Number(totalExcl) + Number(tax)).toFixed(2);
  return {
    id,
    productId: reference ? '1' : null,
    variantId: null,
    reference,
    name: reference ?? 'Engraving',
    quantity,
    unitPriceExcl: unitExcl,
    unitPriceIncl: ((Number(unitExcl) * (100 + Number(rate))) / 100).toFixed(2),
    taxLines: [{ name: `VAT ${rate}%`, rate, amount: tax }],
    discounts: [],
    totalExcl,
    totalIncl,
  };
}

export function payment(id: string, orderId: string, amount: string, overrides: Partial<Payment> = {}): Payment {
  return {
    id,
    orderId,
    module: 'stripe_official',
    name: 'Credit card',
    amount: { amount, currency: 'EUR' },
    transactionId: `ch_${id}`,
    paidAt: '2025-06-01T10:00:00Z',
    status: 'completed',
    ...overrides,
  };
}

/** A valid shop order (as a shop module's queue serves it); amounts follow the lines unless overridden. */
export function shopOrder(id: string, overrides: Partial<Order> = {}): Order {
  const lines = overrides.lines ?? [
    line(`${id}-1`, 'MUG-STONE', 2, '12.50'),
    line(`${id}-2`, 'TEA-SENCHA', 1, '8.90', '5.5'),
  ];
  const shipping = overrides.shipping ?? [
    {
      name: 'Colissimo',
      carrier: { id: '2', name: 'Colissimo' },
      totalExcl: '5.75',
      totalIncl: '6.90',
      taxLines: [{ name: 'VAT 20%', rate: '20', amount: '1.15' }],
    },
  ];
  const discounts = overrides.discounts ?? [];
  const wrapping = overrides.wrapping ?? null;
  const productsIncl = sumDecimals(lines.map((entry) => entry.totalIncl));
  const totalIncl = sumDecimals([
    productsIncl,
    ...shipping.map((charge) => charge.totalIncl),
    wrapping?.totalIncl ?? '0',
    ...discounts.map((discount) => `-${discount.totalIncl}`),
  ]);
  const base: Order = {
    id,
    reference: `REF${id}`,
    createdAt: '2025-06-01T09:00:00Z',
    updatedAt: '2025-06-01T09:30:00Z',
    invoiceDate: '2025-06-01T09:30:00Z',
    status: { status: 'paid', rawStatus: 'payment_accepted' },
    statusHistory: [],
    customer: { id: '501', email: 'marie.durand@example.org', firstName: 'Marie', lastName: 'Durand', isGuest: false },
    guest: false,
    billingAddress: { ...address, type: 'billing' },
    shippingDestinations: [{ address: { ...address, type: 'shipping' }, carrier: { id: '2', name: 'Colissimo' } }],
    lines,
    shipping,
    wrapping,
    discounts,
    totals: {
      productsExcl: sumDecimals(lines.map((entry) => entry.totalExcl)),
      productsIncl,
      shippingExcl: sumDecimals(shipping.map((charge) => charge.totalExcl)),
      shippingIncl: sumDecimals(shipping.map((charge) => charge.totalIncl)),
      discountsExcl: sumDecimals(discounts.map((discount) => discount.totalExcl)),
      discountsIncl: sumDecimals(discounts.map((discount) => discount.totalIncl)),
      wrappingExcl: wrapping?.totalExcl ?? '0',
      wrappingIncl: wrapping?.totalIncl ?? '0',
      taxTotal: '0',
      totalExcl: '0',
      totalIncl,
      paid: totalIncl,
    },
    taxInclusive: false,
    currency: 'EUR',
    conversionRate: '1',
    roundingDelta: '0',
    paymentMethod: { module: 'stripe_official', name: 'Credit card' },
    payments: [],
    messages: [],
    invoiceNumber: `INV-${id}`,
    documentNumber: null,
    ...overrides,
  };
  base.roundingDelta = overrides.roundingDelta ?? computeRoundingDelta(base);
  return orderSchema.parse(base) as Order;
}
