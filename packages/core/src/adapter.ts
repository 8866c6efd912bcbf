import type { z } from 'zod';
import type {
  Category,
  Customer,
  CustomerGroup,
  categoryWriteSchema,
  customerGroupWriteSchema,
  customerWriteSchema,
  Invoice,
  Order,
  orderStatusWriteSchema,
  Payment,
  Product,
  priceWriteSchema,
  productWriteSchema,
  Shipment,
  StockLevel,
} from './contracts/index.js';

export type ProductWrite = z.output<typeof productWriteSchema>;
export type CategoryWrite = z.output<typeof categoryWriteSchema>;
export type CustomerWrite = z.output<typeof customerWriteSchema>;
export type CustomerGroupWrite = z.output<typeof customerGroupWriteSchema>;
export type PriceWrite = z.output<typeof priceWriteSchema>;
export type OrderStatusWrite = z.output<typeof orderStatusWriteSchema>;

/** What `GET /info` reports about the platform behind the adapter. */
export interface PlatformDescription {
  /** `prestashop`, `woocommerce`, `shopify`, `dolibarr`, `demo-shop`… */
  platform: string;
  platformVersion: string | null;
  /** The platform API version the bridge pins (Shopify `2026-07`, WooCommerce `wc/v3`…). */
  apiVersion: string | null;
  /** The shop's own name or URL, for humans. */
  name?: string;
}

export interface LookupItem {
  id: string;
  name: string;
  [extra: string]: unknown;
}

/** Lookups the cloud maps against (`GET /configuration`). Every list is optional: a platform lacking one omits it. */
export interface PlatformConfiguration {
  orderStates?: (LookupItem & { status?: string })[];
  paymentModules?: { module: string; name: string; currencies: string[] }[];
  carriers?: LookupItem[];
  taxes?: (LookupItem & { rate: string; country?: string })[];
  currencies?: { default: string; items: { code: string; name?: string; conversionRate?: string }[] };
  countries?: { code: string; name: string; states?: { code: string; name: string }[] }[];
  shops?: LookupItem[];
  languages?: { code: string; name: string; default?: boolean }[];
  customerGroups?: LookupItem[];
  features?: LookupItem[];
  attributes?: (LookupItem & { values?: string[] })[];
  warehouses?: LookupItem[];
  [extra: string]: unknown;
}

/** A page read from the platform, in the adapter's own cursor. */
export interface AdapterPage<T> {
  items: T[];
  /** Opaque to core; `null` when the read is complete. */
  nextCursor: string | null;
}

export interface ListOptions {
  cursor: string | null;
  limit: number;
  /** ISO 8601 UTC: only entities the platform changed at or after this instant (the sweep adds its overlap). */
  updatedSince?: string;
  signal?: AbortSignal;
}

export interface OrderListOptions extends ListOptions {
  /** Contract statuses to keep (`orders.read.syncStatuses`); the adapter may filter at the source. */
  statuses?: string[];
  /** Which date orders the queue (`orders.read.findBy`). */
  sortBy?: 'createdAt' | 'updatedAt' | 'invoiceDate' | 'paidAt';
  /** Lower bound on the `sortBy` date (`orders.read.since`). */
  since?: string;
}

export interface CustomerListOptions extends ListOptions {
  /** Only customers who never ordered (prospects). */
  withoutOrders?: boolean;
}

/** Context handed to every adapter write: the module's settings and where the write comes from. */
export interface WriteContext {
  shopId: string;
  /** The whole validated settings object, platform section included; bridges read only their own section. */
  settings: unknown;
  signal?: AbortSignal;
}

/**
 * One write that core's rules decided to make. `data` holds only the fields to write
 * (everything on create, only toggled-on changed fields on update); bridges map it and
 * never re-decide what to write.
 */
export interface PlannedWrite<T> {
  key: string;
  action: 'create' | 'update';
  /** The platform id when the entity exists. */
  platformId: string | null;
  data: Partial<T>;
  /** The whole incoming item, for bridges that need context (e.g. keys of variants). */
  incoming: T;
  /** Platform directives from the rules (e.g. `parentCategories`, `deleteImagesFirst`, `reindex`). */
  directives: Record<string, unknown>;
}

export type WriteOutcome =
  | { key: string; ok: true; id: string; note?: string }
  | { key: string; ok: false; error: string; retryable?: boolean }
  | { key: string; ok: 'skipped'; reason: string; id?: string };

export interface StockWritePlan {
  key: string;
  reference: string;
  platformId: string | null;
  location: string | null;
  /** The quantity after the stock policy (never negative unless the shop allows it). */
  quantity: number;
  /** Set by the stock policy: deactivate at 0, reactivate when back in stock. */
  setActive?: boolean;
  /** Show the out-of-stock state at 0 (WooCommerce `stock_status`). */
  outOfStock?: boolean;
}

export interface ActivationWrite {
  key: string;
  platformId: string;
  active: boolean;
}

export interface StatusWritePlan {
  key: string;
  orderId: string;
  status: string;
  /** The platform's own state id or name, from `orders.statusUpdate.statusMap` when set. */
  rawStatus: string | null;
  trackingNumber: string | null;
  carrier: string | null;
  /** Replace the shop order reference with the ERP document number (`orders.statusUpdate.replaceReference`). */
  replaceReferenceWith: string | null;
  /** Keep the ERP document number on the order (meta/metafield/note). */
  documentNumber: string | null;
  notifyCustomer: boolean;
  at: string | null;
}

export interface EntityReads<T> {
  /** Pages in a stable order; with `updatedSince`, only what changed since. */
  list(options: ListOptions): Promise<AdapterPage<T>>;
  get?(id: string): Promise<T | null>;
  /** Bulk lookup by natural key (SKU, customer code…): what the rules compare against. */
  getByReferences?(references: string[]): Promise<Map<string, T>>;
  /** Every platform id, for delete detection by the sweep. */
  listIds?(options: ListOptions): Promise<AdapterPage<string>>;
}

export interface ProductOperations extends EntityReads<Product> {
  write?(plans: PlannedWrite<ProductWrite>[], context: WriteContext): Promise<WriteOutcome[]>;
  setActive?(items: ActivationWrite[], context: WriteContext): Promise<WriteOutcome[]>;
}

export interface CategoryOperations extends EntityReads<Category> {
  write?(plans: PlannedWrite<CategoryWrite>[], context: WriteContext): Promise<WriteOutcome[]>;
}

export interface StockOperations extends EntityReads<StockLevel> {
  write?(plans: StockWritePlan[], context: WriteContext): Promise<WriteOutcome[]>;
}

export interface PriceOperations {
  /** Current prices by product/variant reference, for `unchanged` detection and the stale guard. */
  getByReferences?(references: string[]): Promise<Map<string, PriceWrite>>;
  write(plans: PlannedWrite<PriceWrite>[], context: WriteContext): Promise<WriteOutcome[]>;
}

export interface CustomerOperations {
  list(options: CustomerListOptions): Promise<AdapterPage<Customer>>;
  get?(id: string): Promise<Customer | null>;
  getByReferences?(references: string[]): Promise<Map<string, Customer>>;
  /** Match keys beyond the reference: normalised email first (lessons §2). */
  getByEmails?(emails: string[]): Promise<Map<string, Customer>>;
  listIds?(options: ListOptions): Promise<AdapterPage<string>>;
  write?(plans: PlannedWrite<CustomerWrite>[], context: WriteContext): Promise<WriteOutcome[]>;
  setActive?(items: ActivationWrite[], context: WriteContext): Promise<WriteOutcome[]>;
}

export interface CustomerGroupOperations extends EntityReads<CustomerGroup> {
  write?(plans: PlannedWrite<CustomerGroupWrite>[], context: WriteContext): Promise<WriteOutcome[]>;
}

export interface OrderOperations {
  /** The queue source: orders in `sortBy` date then id order, from `since`. */
  list(options: OrderListOptions): Promise<AdapterPage<Order>>;
  get(id: string): Promise<Order | null>;
  listIds?(options: ListOptions): Promise<AdapterPage<string>>;
  setStatus?(plans: StatusWritePlan[], context: WriteContext): Promise<WriteOutcome[]>;
}

/** The ERP side (Dolibarr): what the shop module sends it. */
export interface ErpOperations {
  upsertOrders?(orders: Order[], context: WriteContext): Promise<WriteOutcome[]>;
  upsertInvoices?(invoices: Invoice[], context: WriteContext): Promise<WriteOutcome[]>;
  upsertPayments?(payments: Payment[], context: WriteContext): Promise<WriteOutcome[]>;
}

/**
 * What a bridge implements. Every entity is optional: core derives the capabilities from
 * what is present and answers 501 `not-supported` for the rest.
 */
export interface PlatformAdapter {
  describe(): Promise<PlatformDescription>;
  configuration(): Promise<PlatformConfiguration>;
  products?: ProductOperations;
  categories?: CategoryOperations;
  stock?: StockOperations;
  prices?: PriceOperations;
  customers?: CustomerOperations;
  customerGroups?: CustomerGroupOperations;
  orders?: OrderOperations;
  invoices?: EntityReads<Invoice>;
  payments?: EntityReads<Payment>;
  shipments?: EntityReads<Shipment>;
  erp?: ErpOperations;
  close?(): Promise<void>;
}

export interface Capabilities {
  read: Record<
    | 'products'
    | 'categories'
    | 'stock'
    | 'customers'
    | 'customerGroups'
    | 'orders'
    | 'invoices'
    | 'payments'
    | 'shipments',
    boolean
  >;
  write: Record<
    | 'products'
    | 'categories'
    | 'stock'
    | 'prices'
    | 'customers'
    | 'customerGroups'
    | 'productActivation'
    | 'customerActivation'
    | 'orderStatus'
    | 'erpOrders'
    | 'erpInvoices'
    | 'erpPayments',
    boolean
  >;
  /** Entities whose ids the sweep can list, so deletes are journaled. */
  deletes: string[];
}

/** Capabilities follow from the operations an adapter provides, never from a second declaration. */
export function capabilitiesOf(adapter: PlatformAdapter): Capabilities {
  const deletes: string[] = [];
  if (adapter.products?.listIds) deletes.push('product');
  if (adapter.categories?.listIds) deletes.push('category');
  if (adapter.customers?.listIds) deletes.push('customer');
  if (adapter.orders?.listIds) deletes.push('order');
  return {
    read: {
      products: Boolean(adapter.products),
      categories: Boolean(adapter.categories),
      stock: Boolean(adapter.stock),
      customers: Boolean(adapter.customers),
      customerGroups: Boolean(adapter.customerGroups),
      orders: Boolean(adapter.orders),
      invoices: Boolean(adapter.invoices),
      payments: Boolean(adapter.payments),
      shipments: Boolean(adapter.shipments),
    },
    write: {
      products: Boolean(adapter.products?.write),
      categories: Boolean(adapter.categories?.write),
      stock: Boolean(adapter.stock?.write),
      prices: Boolean(adapter.prices?.write),
      customers: Boolean(adapter.customers?.write),
      customerGroups: Boolean(adapter.customerGroups?.write),
      productActivation: Boolean(adapter.products?.setActive),
      customerActivation: Boolean(adapter.customers?.setActive),
      orderStatus: Boolean(adapter.orders?.setStatus),
      erpOrders: Boolean(adapter.erp?.upsertOrders),
      erpInvoices: Boolean(adapter.erp?.upsertInvoices),
      erpPayments: Boolean(adapter.erp?.upsertPayments),
    },
    deletes,
  };
}
