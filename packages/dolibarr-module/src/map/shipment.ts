import type { Shipment } from '@passerelle/core';
import { type DolibarrDocument, idOf, stringOf } from '../payloads.types.js';
import { isoFromUnix } from './dates.js';

/** A validated shipment with its tracking number; one without a number is no parcel to follow yet (null). */
export function shipmentFromDolibarr(
  raw: DolibarrDocument,
  methods: { id: number; code: string; label: string }[],
): Shipment | null {
  const trackingNumber = stringOf(raw.tracking_number);
  const orderId = idOf(raw.origin_id);
  const status = Number(raw.status ?? raw.statut ?? 0);
  if (!trackingNumber || orderId === null || status < 1) return null;
  const methodId = idOf(raw.shipping_method_id);
  const method = methods.find((entry) => entry.id === methodId);
  const shippedAt = isoFromUnix(raw.date_valid) ?? isoFromUnix(raw.date_creation) ?? new Date(0).toISOString();
  const trackingUrl = stringOf(raw.tracking_url);
  const updated = isoFromUnix(raw.date_modification);
  const lines = Array.isArray(raw.lines)
    ? (raw.lines as Record<string, unknown>[]).flatMap((line) => {
        const lineId = idOf(line.origin_line_id);
        const quantity = Math.trunc(Number(line.qty ?? 0));
        return lineId !== null && quantity >= 1 ? [{ lineId: String(lineId), quantity }] : [];
      })
    : [];
  return {
    id: String(raw.id),
    orderId: String(orderId),
    carrier: {
      ...(methodId !== null ? { id: String(methodId) } : {}),
      name: method?.label ?? stringOf(raw.shipping_method) ?? 'Carrier',
    },
    trackingNumber,
    ...(trackingUrl && /^https?:\/\//.test(trackingUrl) ? { trackingUrl } : {}),
    shippedAt,
    ...(lines.length ? { lines } : {}),
    ...(updated ? { sourceUpdatedAt: updated } : {}),
  };
}
