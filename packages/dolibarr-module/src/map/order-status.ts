import type { OrderStatus } from '@passerelle/core';

/** Dolibarr's order states (`Commande::STATUS_*`) and the contract status each one reads as. */
export const DOLIBARR_ORDER_STATES: readonly { id: string; name: string; status: OrderStatus }[] = [
  { id: '-1', name: 'Cancelled', status: 'cancelled' },
  { id: '0', name: 'Draft', status: 'pending' },
  { id: '1', name: 'Validated', status: 'processing' },
  { id: '2', name: 'Shipment in progress', status: 'shipped' },
  { id: '3', name: 'Delivered', status: 'delivered' },
];

export function orderStatusFromDolibarr(value: unknown): { status: OrderStatus; rawStatus: string } {
  const raw = String(value ?? '0').trim() || '0';
  return { status: DOLIBARR_ORDER_STATES.find((state) => state.id === raw)?.status ?? 'unknown', rawStatus: raw };
}
