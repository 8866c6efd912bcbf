import type {
  LineItemNode,
  MailingAddressNode,
  MoneyBag,
  OrderNode,
  ShippingLineNode,
} from '../../src/graphql/shopify.types.js';

export interface FakeMetafield {
  id: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  updatedAt: string;
}

export interface FakeMedia {
  id: string;
  url: string;
  alt: string | null;
}

export interface FakeProduct {
  id: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT' | 'UNLISTED';
  tags: string[];
  createdAt: string;
  updatedAt: string;
  seo: { title: string | null; description: string | null };
  metafields: FakeMetafield[];
  media: FakeMedia[];
  options: { id: string; name: string; values: string[] }[];
  variantIds: string[];
}

export interface FakeVariant {
  id: string;
  productId: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  position: number;
  selectedOptions: { name: string; value: string }[];
  inventoryItemId: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeInventoryItem {
  id: string;
  variantId: string;
  tracked: boolean;
  weight: { unit: 'GRAMS' | 'KILOGRAMS' | 'OUNCES' | 'POUNDS'; value: number } | null;
  updatedAt: string;
}

export interface FakeLevel {
  id: string;
  itemId: string;
  locationId: string;
  quantities: Record<string, number>;
  updatedAt: string;
}

export interface FakeLocation {
  id: string;
  name: string;
  isActive: boolean;
}

export interface FakeCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  marketingState: string;
  phone: string | null;
  note: string | null;
  tags: string[];
  locale: string;
  state: 'DECLINED' | 'DISABLED' | 'ENABLED' | 'INVITED';
  createdAt: string;
  updatedAt: string;
  numberOfOrders: number;
  addresses: MailingAddressNode[];
  defaultAddressId: string | null;
  metafields: FakeMetafield[];
}

export interface FakeFulfillmentOrder {
  id: string;
  status: 'OPEN' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED' | 'ON_HOLD' | 'SCHEDULED' | 'INCOMPLETE';
  lineItemIds: string[];
}

/** An order kept in the shape the Admin API answers, plus what views and mutations need. */
export type FakeOrder = Omit<OrderNode, 'lineItems' | 'shippingLines' | 'customer' | 'documentNumber'> & {
  customerId: string | null;
  lineItems: LineItemNode[];
  shippingLines: ShippingLineNode[];
  fulfillmentOrders: FakeFulfillmentOrder[];
  metafields: FakeMetafield[];
  tags: string[];
  cancelReason: string | null;
};

export interface FakeBulkOperation {
  id: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED';
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  /** JSONL, built when the operation starts. */
  file: string;
  polls: number;
}

export interface FakeBucket {
  maximumAvailable: number;
  restoreRate: number;
  available: number;
  at: number;
}

export interface FakeShopState {
  domain: string;
  name: string;
  currency: string;
  presentmentCurrencies: string[];
  taxesIncluded: boolean;
  locale: string;
  timezone: string;
  locations: FakeLocation[];
  products: Map<string, FakeProduct>;
  variants: Map<string, FakeVariant>;
  inventoryItems: Map<string, FakeInventoryItem>;
  /** By `itemId@locationId`. */
  levels: Map<string, FakeLevel>;
  customers: Map<string, FakeCustomer>;
  orders: Map<string, FakeOrder>;
  bulkOperations: Map<string, FakeBulkOperation>;
  webhookSubscriptions: { id: string; topic: string; uri: string }[];
  /** `@idempotent` keys seen by inventory mutations: the request they came with and what was answered. */
  idempotency: Map<string, { request: string; answer: unknown }>;
  bucket: FakeBucket;
  nextId: number;
}

export function money(amount: string, currency: string, presentment?: { amount: string; currency: string }): MoneyBag {
  return {
    shopMoney: { amount, currencyCode: currency },
    presentmentMoney: presentment
      ? { amount: presentment.amount, currencyCode: presentment.currency }
      : { amount, currencyCode: currency },
  };
}

export function levelKey(itemId: string, locationId: string): string {
  return `${itemId}@${locationId}`;
}
