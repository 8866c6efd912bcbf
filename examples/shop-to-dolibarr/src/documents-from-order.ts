import {
  type CustomerWrite,
  type Invoice,
  normaliseEmail,
  type Order,
  type OrderStatus,
  type Payment,
} from '@passerelle/core';

/**
 * The Dolibarr customer of an order: the shop's customer code when it has one, else a code derived
 * from the shop customer id (`WEB-42`), or for a guest from the order (`WEB-G1005`). Dolibarr finds
 * the third party by email first, so a guest who ordered before lands on the same third party.
 */
export function customerFromOrder(order: Order, prefix: string): CustomerWrite {
  const { customer } = order;
  const reference =
    customer.reference ?? (customer.isGuest || !customer.id ? `${prefix}G${order.id}` : `${prefix}${customer.id}`);
  const address = { ...order.billingAddress, type: 'billing' as const };
  const shipping = order.shippingDestinations[0]?.address;
  const sameAsBilling =
    shipping &&
    shipping.address1 === address.address1 &&
    shipping.postcode === address.postcode &&
    shipping.city === address.city &&
    shipping.country === address.country;
  return {
    reference,
    email: normaliseEmail(customer.email),
    firstName: customer.firstName,
    lastName: customer.lastName,
    ...(customer.company ? { company: customer.company } : {}),
    ...(address.vatNumber ? { vatNumber: address.vatNumber } : {}),
    addresses:
      shipping && !sameAsBilling ? [address, { ...shipping, type: 'shipping' }] : [{ ...address, type: 'both' }],
    ...(order.language ? { language: order.language } : {}),
  };
}

/**
 * The shop's invoice of an order, as Dolibarr will make it from the order: one invoice per order,
 * numbered like the shop's (the order reference when the shop has not invoiced it yet).
 */
export function invoiceFromOrder(order: Order): Invoice {
  const paid = order.totals.paid === order.totals.totalIncl;
  return {
    id: order.id,
    number: order.invoiceNumber ?? order.reference,
    orderId: order.id,
    ...(order.shopId ? { shopId: order.shopId } : {}),
    date: order.invoiceDate ?? order.createdAt,
    totalExcl: order.totals.totalExcl,
    totalIncl: order.totals.totalIncl,
    currency: order.currency,
    status: paid ? 'paid' : 'issued',
  };
}

/** The payments to record: completed ones, of an order in a status that triggers payment sync (CyberOffice v8). */
export function paymentsFromOrder(order: Order, paymentStatuses: readonly OrderStatus[]): Payment[] {
  if (!paymentStatuses.includes(order.status.status)) return [];
  return order.payments
    .filter((payment) => payment.status === 'completed')
    .map((payment) => ({ ...payment, orderId: order.id, ...(order.shopId ? { shopId: order.shopId } : {}) }));
}
