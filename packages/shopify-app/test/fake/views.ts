import type { MailingAddressNode } from '../../src/graphql/shopify.types.js';
import { type ConnectionArgs, connection, numericId } from './connection.js';
import { type FieldReader, matchesSearch, parseSearch } from './search.js';
import type {
  FakeBulkOperation,
  FakeCustomer,
  FakeInventoryItem,
  FakeLevel,
  FakeLocation,
  FakeMetafield,
  FakeOrder,
  FakeProduct,
  FakeShopState,
  FakeVariant,
} from './state.js';

/** What every resolver of one request sees. */
export interface FakeContext {
  shop: FakeShopState;
  /** Inside a bulk operation: connections are read whole. */
  bulk: boolean;
  now(): string;
  newId(type: string): string;
  bulkUrl(operation: FakeBulkOperation): string;
  bulkPollsToComplete: number;
}

type Args = Record<string, unknown> & ConnectionArgs & { query?: string | null; sortKey?: string | null };

const time = (iso: string) => Date.parse(iso);

function sortTuple(
  sortKey: string | null | undefined,
  item: { id: string; updatedAt?: string; createdAt?: string },
  extra?: Record<string, number | string>,
) {
  const id = numericId(item.id);
  switch (sortKey) {
    case 'UPDATED_AT':
      return [time(item.updatedAt ?? ''), id];
    case 'CREATED_AT':
    case 'PROCESSED_AT':
      return [time(item.createdAt ?? ''), id];
    case 'POSITION':
      return [Number(extra?.position ?? 0), id];
    case 'SKU':
      return [String(extra?.sku ?? ''), id];
    default:
      return [id];
  }
}

export function search<T>(items: readonly T[], query: string | null | undefined, read: (item: T) => FieldReader): T[] {
  if (!query) return [...items];
  const parsed = parseSearch(query);
  return items.filter((item) => matchesSearch(parsed, read(item)));
}

function metafieldView(field: FakeMetafield | undefined) {
  if (!field) return null;
  return { __typename: 'Metafield', ...field, jsonValue: field.value, compareDigest: field.id };
}

export function findMetafield(fields: FakeMetafield[], args: Args) {
  const namespace = (args.namespace as string | undefined) ?? '$app';
  return metafieldView(fields.find((field) => field.namespace === namespace && field.key === args.key));
}

export function addressView(address: MailingAddressNode) {
  return {
    __typename: 'MailingAddress',
    ...address,
    name: [address.firstName, address.lastName].filter(Boolean).join(' '),
  };
}

export function isDefaultOnly(shop: FakeShopState, product: FakeProduct): boolean {
  if (product.variantIds.length !== 1) return false;
  const variant = shop.variants.get(product.variantIds[0] as string);
  return variant?.selectedOptions.length === 1 && variant.selectedOptions[0]?.value === 'Default Title';
}

/** An item's levels, looked up per location (locations are few, levels many). */
export function levelsOfItem(shop: FakeShopState, itemId: string): FakeLevel[] {
  return shop.locations.flatMap((location) => {
    const level = shop.levels.get(`${itemId}@${location.id}`);
    return level ? [level] : [];
  });
}

export function productView(context: FakeContext, product: FakeProduct): Record<string, unknown> {
  const { shop } = context;
  const variants = () =>
    product.variantIds.map((id) => shop.variants.get(id)).filter((variant): variant is FakeVariant => Boolean(variant));
  return {
    __typename: 'Product',
    id: product.id,
    handle: product.handle,
    title: product.title,
    descriptionHtml: product.descriptionHtml,
    description: product.descriptionHtml.replace(/<[^>]+>/g, ''),
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: product.tags,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    legacyResourceId: String(numericId(product.id)),
    hasOnlyDefaultVariant: isDefaultOnly(shop, product),
    seo: product.seo,
    totalInventory: variants().reduce((sum, variant) => sum + inventoryQuantity(shop, variant), 0),
    tracksInventory: variants().some((variant) => shop.inventoryItems.get(variant.inventoryItemId)?.tracked),
    variantsCount: { count: product.variantIds.length, precision: 'EXACT' },
    metafield: (args: Args) => findMetafield(product.metafields, args),
    media: (args: Args) =>
      connection(product.media, args, {
        bulk: context.bulk,
        sort: (media) => [numericId(media.id)],
        view: (media) => ({
          __typename: 'MediaImage',
          id: media.id,
          alt: media.alt,
          mediaContentType: 'IMAGE',
          status: 'READY',
          image: { url: media.url, altText: media.alt, id: media.id },
        }),
      }),
    variants: (args: Args) =>
      connection(variants(), args, {
        bulk: context.bulk,
        sort: (variant) =>
          sortTuple(args.sortKey ?? 'POSITION', variant, { position: variant.position, sku: variant.sku ?? '' }),
        view: (variant) => variantView(context, variant),
      }),
    options: () =>
      product.options.map((option, index) => ({
        id: option.id,
        name: option.name,
        position: index + 1,
        values: option.values,
        optionValues: option.values.map((value, position) => ({
          id: `${option.id}-${position}`,
          name: value,
          hasVariants: true,
        })),
      })),
  };
}

export function inventoryQuantity(shop: FakeShopState, variant: FakeVariant): number {
  return levelsOfItem(shop, variant.inventoryItemId).reduce((sum, level) => sum + (level.quantities.available ?? 0), 0);
}

export function variantView(context: FakeContext, variant: FakeVariant): Record<string, unknown> {
  const { shop } = context;
  const item = shop.inventoryItems.get(variant.inventoryItemId) as FakeInventoryItem;
  return {
    __typename: 'ProductVariant',
    id: variant.id,
    sku: variant.sku,
    barcode: variant.barcode,
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    position: variant.position,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    title: variant.selectedOptions.map((option) => option.value).join(' / '),
    displayName: variant.selectedOptions.map((option) => option.value).join(' / '),
    legacyResourceId: String(numericId(variant.id)),
    inventoryQuantity: inventoryQuantity(shop, variant),
    selectedOptions: variant.selectedOptions.map((option) => ({
      ...option,
      optionValue: { id: `${variant.id}-${option.name}`, name: option.value },
    })),
    inventoryItem: inventoryItemView(context, item),
    product: () => {
      const product = shop.products.get(variant.productId);
      return product ? productView(context, product) : null;
    },
  };
}

export function inventoryItemView(context: FakeContext, item: FakeInventoryItem): Record<string, unknown> {
  const { shop } = context;
  const variant = shop.variants.get(item.variantId);
  return {
    __typename: 'InventoryItem',
    id: item.id,
    sku: variant?.sku ?? null,
    tracked: item.tracked,
    updatedAt: item.updatedAt,
    measurement: { id: `${item.id}/measurement`, weight: item.weight },
    inventoryLevel: (args: Args) => {
      const level = shop.levels.get(`${item.id}@${args.locationId as string}`);
      return level ? levelView(context, level) : null;
    },
    inventoryLevels: (args: Args) =>
      connection(
        search(levelsOfItem(shop, item.id), args.query, (level) => levelFields(level)),
        args,
        { bulk: context.bulk, sort: (level) => [numericId(level.id)], view: (level) => levelView(context, level) },
      ),
    variants: (args: Args) =>
      connection(variant ? [variant] : [], args, {
        bulk: context.bulk,
        sort: (entry) => [numericId(entry.id)],
        view: (entry) => variantView(context, entry),
      }),
  };
}

function levelFields(level: FakeLevel): FieldReader {
  return (field) => {
    if (field === 'updated_at') return [level.updatedAt];
    if (field === 'inventory_item_id') return [String(numericId(level.itemId))];
    return undefined;
  };
}

export function levelView(context: FakeContext, level: FakeLevel): Record<string, unknown> {
  const { shop } = context;
  return {
    __typename: 'InventoryLevel',
    id: level.id,
    isActive: true,
    updatedAt: level.updatedAt,
    createdAt: level.updatedAt,
    quantities: (args: Args) =>
      ((args.names as string[] | undefined) ?? []).map((name) => ({
        id: `${level.id}-${name}`,
        name,
        quantity: level.quantities[name] ?? 0,
        updatedAt: level.updatedAt,
      })),
    item: () => inventoryItemView(context, shop.inventoryItems.get(level.itemId) as FakeInventoryItem),
    location: () =>
      locationView(context, shop.locations.find((location) => location.id === level.locationId) as FakeLocation),
  };
}

export function locationView(context: FakeContext, location: FakeLocation): Record<string, unknown> {
  const { shop } = context;
  const levels = () => [...shop.levels.values()].filter((level) => level.locationId === location.id);
  return {
    __typename: 'Location',
    id: location.id,
    name: location.name,
    isActive: location.isActive,
    legacyResourceId: String(numericId(location.id)),
    inventoryLevels: (args: Args) =>
      connection(search(levels(), args.query, levelFields), args, {
        bulk: context.bulk,
        sort: (level) => [numericId(level.id)],
        view: (level) => levelView(context, level),
      }),
    inventoryLevel: (args: Args) => {
      const level = shop.levels.get(`${args.inventoryItemId as string}@${location.id}`);
      return level ? levelView(context, level) : null;
    },
  };
}

export function customerView(context: FakeContext, customer: FakeCustomer): Record<string, unknown> {
  const defaultAddress = customer.addresses.find((address) => address.id === customer.defaultAddressId) ?? null;
  return {
    __typename: 'Customer',
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: [customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.email || '',
    note: customer.note,
    tags: customer.tags,
    locale: customer.locale,
    state: customer.state,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    numberOfOrders: String(customer.numberOfOrders),
    legacyResourceId: String(numericId(customer.id)),
    defaultEmailAddress: customer.email
      ? { emailAddress: customer.email, marketingState: customer.marketingState }
      : null,
    defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
    defaultAddress: defaultAddress ? addressView(defaultAddress) : null,
    metafield: (args: Args) => findMetafield(customer.metafields, args),
    addressesV2: (args: Args) =>
      connection(customer.addresses, args, {
        bulk: context.bulk,
        sort: (address) => [numericId(address.id)],
        view: (address) => addressView(address),
      }),
  };
}

export function orderView(context: FakeContext, order: FakeOrder): Record<string, unknown> {
  const { shop } = context;
  const { customerId, lineItems, shippingLines, fulfillmentOrders, metafields, ...fields } = order;
  const listOf = <T>(items: T[], args: Args) => (typeof args.first === 'number' ? items.slice(0, args.first) : items);
  return {
    __typename: 'Order',
    ...fields,
    closed: order.closedAt !== null,
    legacyResourceId: String(numericId(order.id)),
    customer: () => {
      const customer = customerId ? shop.customers.get(customerId) : undefined;
      return customer ? customerView(context, customer) : null;
    },
    metafield: (args: Args) => findMetafield(metafields, args),
    lineItems: (args: Args) =>
      connection(lineItems, args, {
        bulk: context.bulk,
        sort: (line) => [lineItems.indexOf(line)],
        view: (line) => ({ __typename: 'LineItem', ...line }),
      }),
    shippingLines: (args: Args) =>
      connection(shippingLines, args, {
        bulk: context.bulk,
        sort: (line) => [shippingLines.indexOf(line)],
        view: (line) => ({ __typename: 'ShippingLine', ...line }),
      }),
    fulfillmentOrders: (args: Args) =>
      connection(fulfillmentOrders, args, {
        bulk: context.bulk,
        sort: (entry) => [numericId(entry.id)],
        view: (entry) => ({
          __typename: 'FulfillmentOrder',
          id: entry.id,
          status: entry.status,
          orderId: order.id,
          orderName: order.name,
        }),
      }),
    transactions: (args: Args) => listOf(order.transactions, args),
    fulfillments: (args: Args) =>
      listOf(order.fulfillments, args).map((fulfillment) => ({
        ...fulfillment,
        trackingInfo: (trackingArgs: Args) => listOf(fulfillment.trackingInfo, trackingArgs),
      })),
    refunds: (args: Args) => listOf(order.refunds, args),
  };
}

export function bulkOperationView(context: FakeContext, operation: FakeBulkOperation): Record<string, unknown> {
  const done = operation.status === 'COMPLETED';
  return {
    __typename: 'BulkOperation',
    id: operation.id,
    status: operation.status,
    errorCode: null,
    query: operation.query,
    type: 'QUERY',
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
    objectCount: String(done ? operation.objectCount : 0),
    rootObjectCount: String(done ? operation.rootObjectCount : 0),
    fileSize: done ? String(Buffer.byteLength(operation.file)) : null,
    url: done && operation.objectCount > 0 ? context.bulkUrl(operation) : null,
    partialDataUrl: null,
  };
}

/** Search fields per resource, as the Admin API documents them (those the bridge uses). */
export function productFields(shop: FakeShopState, product: FakeProduct): FieldReader {
  return (field) => {
    switch (field) {
      case 'sku':
        return product.variantIds.map((id) => shop.variants.get(id)?.sku ?? null);
      case 'handle':
        return product.handle.split(',');
      case 'updated_at':
        return [product.updatedAt];
      case 'created_at':
        return [product.createdAt];
      case 'id':
        return [numericId(product.id)];
      case 'title':
        return [product.title];
      case 'status':
        return [product.status.toLowerCase()];
      default:
        return undefined;
    }
  };
}

export function variantFields(variant: FakeVariant): FieldReader {
  return (field) => {
    if (field === 'sku') return [variant.sku];
    if (field === 'product_id') return [numericId(variant.productId)];
    if (field === 'updated_at') return [variant.updatedAt];
    if (field === 'barcode') return [variant.barcode];
    if (field === 'id') return [numericId(variant.id)];
    return undefined;
  };
}

export function customerFields(customer: FakeCustomer): FieldReader {
  return (field) => {
    if (field === 'email') return [customer.email];
    if (field === 'updated_at') return [customer.updatedAt];
    if (field === 'orders_count') return [customer.numberOfOrders];
    if (field === 'id') return [numericId(customer.id)];
    if (field === 'tag') return customer.tags;
    if (field === 'state') return [customer.state.toLowerCase()];
    return undefined;
  };
}

export function orderFields(order: FakeOrder): FieldReader {
  return (field) => {
    if (field === 'updated_at') return [order.updatedAt];
    if (field === 'created_at') return [order.createdAt];
    if (field === 'processed_at') return [order.processedAt];
    if (field === 'id') return [numericId(order.id)];
    if (field === 'name') return [order.name];
    if (field === 'financial_status') return [(order.displayFinancialStatus ?? '').toLowerCase()];
    if (field === 'fulfillment_status') return [order.displayFulfillmentStatus.toLowerCase()];
    return undefined;
  };
}

export type { Args };
export { sortTuple };
