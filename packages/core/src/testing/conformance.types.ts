import type { z } from 'zod';
import type { PlannedWrite, PlatformAdapter, ProductWrite } from '../adapter.js';

/** The entities an adapter may read; each has a paged `list` and a contract schema. */
export const readEntities = [
  'products',
  'categories',
  'stock',
  'customers',
  'customerGroups',
  'orders',
  'invoices',
  'payments',
  'shipments',
] as const;

export type ReadEntity = (typeof readEntities)[number];

/** What the adapter suite checks; a bridge names one of these (alone or as `entity.feature`) to skip it. */
export const adapterFeatures = [
  'describe',
  'configuration',
  'read',
  'cursorStability',
  'updatedSince',
  'get',
  'getByReferences',
  'deletes',
  'write',
  'partialUpdate',
  'variants',
  'guestOrder',
  'multiTax',
  'orderStatus',
  'stockWrite',
] as const;

export type AdapterFeature = (typeof adapterFeatures)[number];

/**
 * A skip key: a whole entity (`'customerGroups'`), a feature everywhere (`'updatedSince'`), or one feature of
 * one entity (`'stock.updatedSince'`).
 */
export type AdapterCheckKey = ReadEntity | AdapterFeature | `${ReadEntity}.${AdapterFeature}`;

/** What the module suite checks through the endpoint. */
export const moduleFeatures = ['access', 'queue', 'acknowledge', 'reset', 'withheld', 'batch'] as const;

export type ModuleCheckKey = (typeof moduleFeatures)[number];

/**
 * What the platform fake holds, so the suite knows where to look. Every field is optional because not every
 * platform has every entity; a check that needs a missing fixture fails and names it, so a gap is never silent.
 */
export interface ConformanceFixtures {
  /** Reference (SKU) of a product without variants, writable. */
  simpleProduct?: string;
  /** Reference (SKU) of a product with at least two variants, at least one of them ordered in some order. */
  productWithVariants?: string;
  /** An order placed without an account. */
  guestOrderId?: string;
  /** An order with at least two tax lines on one line and a non-zero rounding delta. */
  multiTaxOrderId?: string;
  /** An order whose status can be written. */
  statusOrderId?: string;
  /** SKU whose stock the suite writes; default: the first stock level read that has a reference. */
  stockReference?: string;
  /** A reference the platform does not hold. @default 'conformance-unknown-reference' */
  unknownReference?: string;
  /** Platform-shaped ids that do not exist (Shopify needs a `gid://`). @default '999999999' for every entity */
  unknownIds?: Partial<Record<ReadEntity, string>>;
  /**
   * A product write the platform refuses while the others of the batch succeed.
   * @default an update of the product `unknownIds.products`, which no longer exists
   */
  refusedProductPlan?: PlannedWrite<ProductWrite>;
}

/** Changes made on the platform's side (its back office), as if a merchant did them while the cloud reads. */
export interface ConformanceMutations {
  /** Marks the product (or the product of a variant SKU) as updated now, changing nothing else. */
  touchProduct(reference: string): Promise<void>;
  /** Creates a simple product with that reference; resolves to its platform id. */
  createProduct?(reference: string): Promise<string>;
  /** Places a new order now, in a status the queue reads; resolves to its id. */
  placeOrder?(): Promise<string>;
}

/** One adapter under test, created fresh for every check so that checks never see each other's writes. */
export interface ConformanceSubject {
  adapter: PlatformAdapter;
  fixtures: ConformanceFixtures;
  mutate?: ConformanceMutations;
  /** The fake's clock, when it is not the system clock (touched items are dated by it). */
  now?(): Date;
  cleanup?(): Promise<void>;
}

export type MakeConformanceSubject = () => Promise<ConformanceSubject> | ConformanceSubject;

export interface AdapterConformanceOptions {
  /**
   * Checks this platform cannot pass, each with its reason, printed as the skipped test's title.
   * @example { 'stock.updatedSince': 'WooCommerce cannot filter stock by modification date' }
   */
  skip?: Partial<Record<AdapterCheckKey, string>>;
  /**
   * The whole settings object handed to writes (`WriteContext.settings`): a bridge passes the defaults with
   * its platform section. @default defaultSettings()
   */
  settings?: unknown;
  /** @default 'default' */
  shopId?: string;
  /** The `limit` of paged reads: small, so that the fixtures span several pages. @default 2 */
  pageSize?: number;
}

export interface ModuleConformanceOptions {
  skip?: Partial<Record<ModuleCheckKey, string>>;
  /** Settings applied when each module is created; the suite layers its own changes on top. */
  settings?: Record<string, unknown>;
  /** The bridge's extended settings schema, when it has a platform section. */
  settingsSchema?: z.ZodType;
}
