import type { FieldIssue } from '../errors/index.js';

/*
 * Structural types for what the endpoint sends and accepts (DESIGN §4). They are deliberately loose
 * (known members plus `Record<string, unknown>`) so the client does not depend on the contracts at
 * run time; `createClient<Types>()` takes the precise contract types through {@link ClientTypes}.
 */

export type { FieldIssue };

/** Members every entity carries (DESIGN §3); the rest of the record is the entity's own. */
export type Entity = Record<string, unknown> & {
  /** The platform's id, as a string. */
  id: string;
  /** SKU, order reference or customer code, where the platform has one. */
  reference?: string;
  shopId?: string;
  /** ISO 8601 UTC, the platform's own update date. */
  sourceUpdatedAt?: string;
};

/** The contract's order statuses: a closed set plus `unknown` (the platform's own is in `rawStatus`). */
export type OrderStatus =
  | 'pending'
  | 'awaiting_payment'
  | 'paid'
  | 'processing'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'on_hold'
  | 'cancelled'
  | 'refunded'
  | 'partially_refunded'
  | 'failed'
  | 'unknown';

export type Order = Entity & { status?: OrderStatus; rawStatus?: string; currency?: string };
export type Customer = Entity & { email?: string };
export type Product = Entity;
export type Category = Entity;
export type Invoice = Entity;
export type Payment = Entity;

/** Stock is absolute per location, with the quantity's meaning stated (`available` or `onHand`). */
export type StockLevel = Record<string, unknown> & {
  reference?: string;
  productId?: string;
  variantId?: string;
  quantity: number;
  location?: string;
  /** ISO 8601 UTC. */
  asOf?: string;
};

/** One row of the change journal (`GET /changes`): a create, update or delete the module saw. */
export type Change = Record<string, unknown> & {
  /** Monotonic: a later change always has a greater sequence number. */
  seq: number;
  entity: string;
  id: string;
  reference: string | null;
  op: 'created' | 'updated' | 'deleted';
  /** ISO 8601 UTC. */
  at: string;
};

export type JournalLevel = 'debug' | 'info' | 'warn' | 'error';

/** One row of the activity log (`GET /journal`): what was read, written, skipped and why, failed. */
export type JournalEntry = Record<string, unknown> & {
  at?: string;
  level?: JournalLevel;
  kind?: string;
  outcome?: string;
  message?: string;
};

/** A page of a read: `nextCursor` is `null` on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** `GET /changes` only: where to poll from next time, also once caught up (`nextCursor` null). */
  resumeCursor?: string;
}

export type ItemOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** The outcome of one item of a write batch, in request order. */
export interface ItemResult {
  /** The item's key: its `reference`, or its `id` for order operations. */
  key: string;
  outcome: ItemOutcome;
  /** The platform id the item has (or was given). */
  id?: string;
  /** Fields the write changed. */
  changed?: string[];
  /** Fields a sync rule kept back (their update toggle is off). */
  withheld?: string[];
  /** Why the item was skipped (`stale`, a rule id...). */
  reason?: string;
  /** Why the item failed. */
  error?: string | (Record<string, unknown> & { message?: string });
}

export interface WriteResult {
  results: ItemResult[];
}

/** An RFC 9457 problem document, as the endpoint sends it with every error status. */
export type Problem = Record<string, unknown> & {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field-level issues of a validation problem; paths are dotted (`items.3.price`). */
  errors?: FieldIssue[];
};

export type Health = Record<string, unknown> & { status: string };

export type ModuleInfo = Record<string, unknown> & {
  protocol?: string;
  module?: Record<string, unknown> & { name?: string; version?: string };
  platform?: Record<string, unknown> & { name?: string; version?: string; apiVersion?: string };
  capabilities?: Record<string, unknown>;
  settingsVersion?: number;
  health?: Record<string, unknown>;
};

type Lookup = Record<string, unknown>[];

/** The lookups the cloud maps against (`GET /configuration`). */
export type Configuration = Record<string, unknown> & {
  orderStates?: Lookup;
  paymentModules?: Lookup;
  carriers?: Lookup;
  taxes?: Lookup;
  currencies?: Lookup;
  countries?: Lookup;
  shops?: Lookup;
  languages?: Lookup;
  customerGroups?: Lookup;
  features?: Lookup;
  attributes?: Lookup;
  warehouses?: Lookup;
};

export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths?: Record<string, unknown> };

/** Items of the keyed writes: each is keyed by its `reference`. */
export type KeyedInput = Record<string, unknown> & { reference: string };

export type StockInput = Record<string, unknown> & {
  reference: string;
  quantity: number;
  location?: string;
  /** ISO 8601 UTC; a write older than what the module already applied is `skipped: stale`. */
  asOf?: string;
};

export type ActivationInput = Record<string, unknown> & { reference: string; active: boolean };

export interface AcknowledgeInput {
  id: string;
  /** The ERP document the order became, shown in the shop. */
  documentNumber?: string;
}

export interface OrderStatusUpdate {
  id: string;
  status: OrderStatus;
  trackingNumber?: string;
  carrier?: string;
  documentNumber?: string;
  notifyCustomer?: boolean;
  /** ISO 8601 UTC. */
  at?: string;
}

export type ResetRequest = { ids: string[] } | { all: true };

/** What `POST /orders/reset` answers: a result per id, or a count for `{ all: true }`. */
export type ResetResult = Record<string, unknown> & { results?: ItemResult[]; reset?: number };

/**
 * The entity types a client reads and writes, as one type parameter of `createClient`, so the
 * contract types (zod-inferred) can replace the loose defaults without touching the client.
 */
export interface ClientTypes {
  order: object;
  customer: object;
  product: object;
  stockLevel: object;
  category: object;
  invoice: object;
  payment: object;
  change: object;
  journalEntry: object;
  categoryInput: object;
  productInput: object;
  stockInput: object;
  priceInput: object;
  customerInput: object;
  customerGroupInput: object;
  activationInput: object;
  orderStatusUpdate: object;
  erpOrderInput: object;
  invoiceInput: object;
  paymentInput: object;
}

export interface DefaultClientTypes extends ClientTypes {
  order: Order;
  customer: Customer;
  product: Product;
  stockLevel: StockLevel;
  category: Category;
  invoice: Invoice;
  payment: Payment;
  change: Change;
  journalEntry: JournalEntry;
  categoryInput: KeyedInput;
  productInput: KeyedInput;
  stockInput: StockInput;
  priceInput: KeyedInput;
  customerInput: KeyedInput;
  customerGroupInput: KeyedInput;
  activationInput: ActivationInput;
  orderStatusUpdate: OrderStatusUpdate;
  erpOrderInput: KeyedInput;
  invoiceInput: KeyedInput;
  paymentInput: KeyedInput;
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call (and its retries); the abort error is thrown as is. */
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /**
   * Applies the write once however often it is sent. Default: a fresh `crypto.randomUUID()`. A write
   * split into several chunks uses `<key>.<chunk index>` per chunk, so re-sending the whole call with
   * the same key is still applied once.
   */
  idempotencyKey?: string;
}

export interface ListParams extends CallOptions {
  /** Where to resume: a `nextCursor` from an earlier page. */
  cursor?: string;
  /** Page size, 1..500; the module's default (100) when absent. */
  limit?: number;
}

export interface CustomerListParams extends ListParams {
  /** Customers created or updated since then (the module also applies `customers.exportSince`). */
  since?: Date | string;
  /** Only customers who never ordered (prospects). */
  withoutOrders?: boolean;
}

export interface ChangeListParams extends ListParams {
  /** Only these entities (`order`, `customer`...). */
  entities?: string[];
}

export interface JournalListParams extends ListParams {
  level?: string;
  kind?: string;
  outcome?: string;
}

/** Parameters of an iteration over every page: `limit` becomes `pageSize`, `cursor` is the start. */
export type IterateParams<P extends ListParams> = Omit<P, 'limit'> & {
  /** Items asked for per request, 1..500. */
  pageSize?: number;
};
