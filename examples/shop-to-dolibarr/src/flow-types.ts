import type { CustomerWrite, Invoice, Order, OrderStatusWrite, Payment, Product, StockLevel } from '@passerelle/core';
import type { DefaultClientTypes } from '@passerelle/core/client';

/** The client's types with the contracts where the flows read or send them. */
export type FlowTypes = Omit<
  DefaultClientTypes,
  | 'order'
  | 'product'
  | 'stockLevel'
  | 'erpOrderInput'
  | 'invoiceInput'
  | 'paymentInput'
  | 'customerInput'
  | 'orderStatusUpdate'
> & {
  order: Order;
  product: Product;
  stockLevel: StockLevel;
  erpOrderInput: Order;
  invoiceInput: Invoice;
  paymentInput: Payment;
  customerInput: CustomerWrite;
  orderStatusUpdate: OrderStatusWrite;
};
