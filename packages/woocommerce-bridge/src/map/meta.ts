import type { WooMeta } from '../woo.types.js';

/**
 * The meta keys the bridge writes and reads back. Public keys (no leading underscore), so WooCommerce's
 * REST API returns them and other plug-ins may show them; Yoast's own keys are Yoast's.
 */
export const META = {
  customerCode: 'passerelle_customer_code',
  erpAccount: 'passerelle_erp_account',
  customerNote: 'passerelle_note',
  vatNumber: 'passerelle_vat_number',
  siret: 'passerelle_siret',
  ape: 'passerelle_ape',
  outstandingAllowed: 'passerelle_outstanding_allowed',
  maxPaymentDays: 'passerelle_max_payment_days',
  riskLevel: 'passerelle_risk_level',
  documentNumber: 'passerelle_document_number',
  trackingNumbers: 'passerelle_tracking_numbers',
  wholesalePrice: 'passerelle_wholesale_price',
  mpn: 'passerelle_mpn',
  yoastTitle: '_yoast_wpseo_title',
  yoastDescription: '_yoast_wpseo_metadesc',
  yoastKeyword: '_yoast_wpseo_focuskw',
  /** The Shipment Tracking extension's items, read when the REST answer includes them. */
  shipmentTracking: '_wc_shipment_tracking_items',
} as const;

/** The value of the last meta entry with that key (WooCommerce keeps several; the last one wins on read). */
export function metaValue(meta: readonly WooMeta[] | undefined, key: string): unknown {
  let found: unknown;
  for (const entry of meta ?? []) if (entry.key === key) found = entry.value;
  return found;
}

/** A meta value as non-empty text, else undefined. */
export function metaText(meta: readonly WooMeta[] | undefined, key: string): string | undefined {
  const value = metaValue(meta, key);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
