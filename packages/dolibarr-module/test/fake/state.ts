/**
 * What the fake Dolibarr holds, as rows close to its tables (llx_product, llx_societe, llx_commande…).
 * Amounts are decimal strings; dates are epoch milliseconds (the serialisers turn them into Dolibarr's
 * unix seconds or server-local strings).
 */
export interface ProductRow {
  id: number;
  entity: number;
  ref: string;
  ref_ext: string | null;
  label: string;
  description: string;
  /** 0 product, 1 service. */
  type: 0 | 1;
  tosell: 0 | 1;
  tobuy: 0 | 1;
  price: string;
  price_ttc: string;
  price_base_type: 'HT' | 'TTC';
  tva_tx: string;
  /** Price levels when PRODUIT_MULTIPRICES is on: level → price excl. tax. */
  multiprices: Record<string, string> | null;
  barcode: string | null;
  weight: string | null;
  /** 0 kg, -3 g. */
  weight_units: number | null;
  datec: number;
  tms: number;
  /** warehouse id → physical quantity. */
  stock: Map<number, number>;
}

export interface AttributeRow {
  id: number;
  ref: string;
  label: string;
  position: number;
}

export interface AttributeValueRow {
  id: number;
  fk_product_attribute: number;
  ref: string;
  value: string;
}

export interface CombinationRow {
  id: number;
  entity: number;
  fk_product_parent: number;
  fk_product_child: number;
  variation_price: string;
  variation_price_percentage: boolean;
  variation_weight: string;
  variation_ref_ext: string;
  /** attribute id → value id. */
  pairs: [number, number][];
}

export interface CategoryRow {
  id: number;
  entity: number;
  label: string;
  description: string;
  /** 0 product, 2 customer (Dolibarr's numbering). */
  type: number;
  fk_parent: number;
  ref_ext: string | null;
  visible: number;
  tms: number;
  products: Set<number>;
}

export interface WarehouseRow {
  id: number;
  entity: number;
  ref: string;
  /** 0 closed, 1 open. */
  statut: number;
}

export interface MovementRow {
  id: number;
  product_id: number;
  warehouse_id: number;
  qty: number;
  type: number;
  label: string;
  datem: number;
  origin: string | null;
}

export interface ThirdpartyRow {
  id: number;
  entity: number;
  name: string;
  name_alias: string;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  zip: string | null;
  town: string | null;
  country_id: number | null;
  client: number;
  code_client: string | null;
  status: number;
  tva_intra: string | null;
  idprof1: string | null;
  idprof2: string | null;
  idprof3: string | null;
  default_lang: string | null;
  note_private: string | null;
  note_public: string | null;
  datec: number;
  tms: number;
}

export interface ContactRow {
  id: number;
  entity: number;
  socid: number | null;
  firstname: string;
  lastname: string;
  email: string | null;
  address: string | null;
  zip: string | null;
  town: string | null;
  country_id: number | null;
  phone_pro: string | null;
  phone_mobile: string | null;
  statut: number;
  datec: number;
  tms: number;
}

export interface DocumentLine {
  id: number;
  fk_product: number | null;
  label: string | null;
  desc: string;
  product_type: number;
  qty: string;
  subprice: string;
  remise_percent: string;
  tva_tx: string;
  localtax1_tx: string;
  localtax2_tx: string;
  multicurrency_subprice: string | null;
  rang: number;
  special_code: number;
  /** Filled by the totals computation. */
  total_ht: string;
  total_tva: string;
  total_localtax1: string;
  total_localtax2: string;
  total_ttc: string;
  multicurrency_total_ht: string;
  multicurrency_total_tva: string;
  multicurrency_total_ttc: string;
}

export interface OrderRow {
  id: number;
  entity: number;
  ref: string;
  ref_client: string | null;
  ref_ext: string | null;
  socid: number;
  /** -1 cancelled, 0 draft, 1 validated, 2 shipment in progress, 3 delivered. */
  status: number;
  billed: number;
  date: number;
  datec: number;
  date_valid: number | null;
  tms: number;
  multicurrency_code: string;
  multicurrency_tx: string;
  mode_reglement_id: number | null;
  shipping_method_id: number | null;
  warehouse_id: number | null;
  note_public: string;
  note_private: string;
  lines: DocumentLine[];
  /** [contact id, type code]. */
  contacts: [number, string][];
  /** The warehouse whose stock the validation took, to give it back on cancel. */
  stockTakenFrom: number | null;
}

export interface InvoiceRow {
  id: number;
  entity: number;
  ref: string;
  ref_client: string | null;
  ref_ext: string | null;
  socid: number;
  /** 0 draft, 1 validated (unpaid), 2 paid / closed, 3 abandoned. */
  status: number;
  paye: number;
  date: number;
  datec: number;
  date_valid: number | null;
  tms: number;
  multicurrency_code: string;
  multicurrency_tx: string;
  mode_reglement_id: number | null;
  lines: DocumentLine[];
  fk_order: number | null;
}

export interface PaymentRow {
  id: number;
  entity: number;
  ref: string;
  ref_ext: string | null;
  datep: number;
  fk_paiement: number;
  num_payment: string;
  note_private: string;
  accountid: number | null;
  /** invoice id → amount. */
  amounts: Map<number, string>;
  multicurrency_amounts: Map<number, string>;
}

export interface ShipmentRow {
  id: number;
  entity: number;
  ref: string;
  socid: number;
  origin_id: number;
  /** 0 draft, 1 validated, 2 closed. */
  status: number;
  tracking_number: string | null;
  shipping_method_id: number | null;
  datec: number;
  date_valid: number | null;
  tms: number;
  lines: { id: number; origin_line_id: number; fk_product: number | null; qty: number; entrepot_id: number | null }[];
}

export interface DictionaryEntry {
  id: number;
  code: string;
  label: string;
}

export interface CountryEntry extends DictionaryEntry {
  code_iso: string;
}

export interface BankAccountRow {
  id: number;
  ref: string;
  label: string;
  currency_code: string;
  clos: number;
}
