import type { Invoice, InvoiceStatus } from '@passerelle/core';
import { compareDecimals } from '@passerelle/core';
import { type DolibarrDocument, linkedIds, stringOf } from '../payloads.types.js';
import { isoFromUnix } from './dates.js';
import { amountOf } from './decimal.js';

/** Facture states: 0 draft, 1 validated (unpaid), 2 closed (paid, or abandoned when `paye` is 0), 3 abandoned. */
export function invoiceStatusOf(raw: DolibarrDocument): InvoiceStatus {
  const status = String(raw.status ?? raw.statut ?? '0');
  const paid = String(raw.paye ?? '0') === '1';
  if (status === '0') return 'draft';
  if (status === '3') return 'cancelled';
  if (paid) return 'paid';
  if (status === '2') return 'cancelled';
  return compareDecimals(amountOf(raw.totalpaid), '0') > 0 ? 'partially_paid' : 'issued';
}

/** An invoice of an order; one not made from an order is not the contract's (null). */
export function invoiceFromDolibarr(raw: DolibarrDocument, mainCurrency: string): Invoice | null {
  const [orderId] = linkedIds(raw, 'commande');
  if (orderId === undefined) return null;
  const currency = stringOf(raw.multicurrency_code) ?? mainCurrency;
  const foreign = currency !== mainCurrency;
  const date = isoFromUnix(raw.date) ?? isoFromUnix(raw.date_creation) ?? new Date(0).toISOString();
  const updated = isoFromUnix(raw.date_modification);
  return {
    id: String(raw.id),
    number: stringOf(raw.ref) ?? String(raw.id),
    orderId: String(orderId),
    date,
    totalExcl: amountOf(foreign ? raw.multicurrency_total_ht : raw.total_ht),
    totalIncl: amountOf(foreign ? raw.multicurrency_total_ttc : raw.total_ttc),
    currency,
    status: invoiceStatusOf(raw),
    rawStatus: String(raw.status ?? raw.statut ?? '0'),
    ...(updated ? { sourceUpdatedAt: updated } : {}),
  };
}
