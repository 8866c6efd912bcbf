/**
 * Dolibarr's JSON as the API classes emit it (`_cleanObjectDatas` of Product, Societe, Commande…).
 * Ids and amounts are mostly strings, dates unix seconds or server-local strings; every field is
 * `unknown` until `map/` has looked at it.
 */
export type DolibarrObject = Record<string, unknown> & { id?: unknown };

export interface DolibarrProduct extends DolibarrObject {
  ref?: unknown;
  label?: unknown;
  description?: unknown;
  type?: unknown;
  status?: unknown;
  price?: unknown;
  price_ttc?: unknown;
  tva_tx?: unknown;
  multiprices?: unknown;
  barcode?: unknown;
  weight?: unknown;
  weight_units?: unknown;
  stock_reel?: unknown;
  stock_theorique?: unknown;
  stock_warehouse?: unknown;
  date_modification?: unknown;
}

export interface DolibarrCombination extends DolibarrObject {
  fk_product_parent?: unknown;
  fk_product_child?: unknown;
  variation_price?: unknown;
  variation_price_percentage?: unknown;
  variation_weight?: unknown;
  attributes?: unknown;
}

export interface DolibarrLine extends DolibarrObject {
  fk_product?: unknown;
  product_ref?: unknown;
  product_label?: unknown;
  product_type?: unknown;
  label?: unknown;
  desc?: unknown;
  qty?: unknown;
  subprice?: unknown;
  remise_percent?: unknown;
  tva_tx?: unknown;
  localtax1_tx?: unknown;
  localtax2_tx?: unknown;
  total_ht?: unknown;
  total_tva?: unknown;
  total_localtax1?: unknown;
  total_localtax2?: unknown;
  total_ttc?: unknown;
  multicurrency_total_ht?: unknown;
  multicurrency_total_ttc?: unknown;
}

export interface DolibarrDocument extends DolibarrObject {
  ref?: unknown;
  ref_client?: unknown;
  ref_ext?: unknown;
  socid?: unknown;
  status?: unknown;
  statut?: unknown;
  lines?: unknown;
  linkedObjectsIds?: unknown;
  multicurrency_code?: unknown;
  multicurrency_tx?: unknown;
  date?: unknown;
  date_creation?: unknown;
  date_modification?: unknown;
}

export interface DolibarrThirdparty extends DolibarrObject {
  name?: unknown;
  name_alias?: unknown;
  firstname?: unknown;
  lastname?: unknown;
  email?: unknown;
  code_client?: unknown;
  address?: unknown;
  zip?: unknown;
  town?: unknown;
  country_code?: unknown;
  phone?: unknown;
}

export interface DolibarrInvoicePayment {
  amount?: unknown;
  multicurrency_amount?: unknown;
  type?: unknown;
  date?: unknown;
  num?: unknown;
  ref?: unknown;
  ref_ext?: unknown;
}

/** `"12"`, `12` → 12; anything else → null. */
export function idOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    const number = Number(value);
    return number > 0 ? number : null;
  }
  return null;
}

export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `linkedObjectsIds.facture` → the linked invoice ids. */
export function linkedIds(document: DolibarrDocument, type: string): number[] {
  const links = document.linkedObjectsIds;
  if (!links || typeof links !== 'object') return [];
  const group = (links as Record<string, unknown>)[type];
  if (!group || typeof group !== 'object') return [];
  return Object.values(group as Record<string, unknown>).flatMap((value) => {
    const id = idOf(value);
    return id === null ? [] : [id];
  });
}

export function linesOf(document: DolibarrDocument): DolibarrLine[] {
  return Array.isArray(document.lines) ? (document.lines as DolibarrLine[]) : [];
}
