import { connection, numericId } from './connection.js';
import type { FakeCustomer, FakeOrder, FakeProduct, FakeVariant } from './state.js';
import {
  type Args,
  bulkOperationView,
  customerFields,
  customerView,
  type FakeContext,
  inventoryItemView,
  locationView,
  orderFields,
  orderView,
  productFields,
  productView,
  search,
  sortTuple,
  variantFields,
  variantView,
} from './views.js';

/** Resolves any GID the fake holds to its view (for `nodes(ids:)` and payloads naming a node). */
export function nodeView(context: FakeContext, id: string): Record<string, unknown> | null {
  const { shop } = context;
  const product = shop.products.get(id);
  if (product) return productView(context, product);
  const variant = shop.variants.get(id);
  if (variant) return variantView(context, variant);
  const customer = shop.customers.get(id);
  if (customer) return customerView(context, customer);
  const order = shop.orders.get(id);
  if (order) return orderView(context, order);
  const item = shop.inventoryItems.get(id);
  if (item) return inventoryItemView(context, item);
  const location = shop.locations.find((entry) => entry.id === id);
  if (location) return locationView(context, location);
  return null;
}

/** The query root of one request over one shop's state. */
export function queryRoot(context: FakeContext): Record<string, unknown> {
  const { shop } = context;
  return {
    shop: () => ({
      __typename: 'Shop',
      id: 'gid://shopify/Shop/1',
      name: shop.name,
      myshopifyDomain: shop.domain,
      currencyCode: shop.currency,
      enabledPresentmentCurrencies: shop.presentmentCurrencies,
      taxesIncluded: shop.taxesIncluded,
      ianaTimezone: shop.timezone,
      primaryDomain: {
        id: 'gid://shopify/Domain/1',
        host: shop.domain,
        url: `https://${shop.domain}`,
        sslEnabled: true,
      },
      customerTags: (args: Args) => {
        const tags = [...new Set([...shop.customers.values()].flatMap((customer) => customer.tags))].sort();
        const page = typeof args.first === 'number' ? tags.slice(0, args.first) : tags;
        return {
          nodes: page,
          edges: page.map((tag) => ({ cursor: tag, node: tag })),
          pageInfo: {
            hasNextPage: page.length < tags.length,
            hasPreviousPage: false,
            startCursor: null,
            endCursor: null,
          },
        };
      },
    }),
    shopLocales: () => [
      { locale: shop.locale, name: 'English', primary: true, published: true, marketWebPresences: [] },
    ],
    locations: (args: Args) =>
      connection(
        shop.locations.filter((location) => location.isActive || args.includeInactive),
        args,
        {
          bulk: context.bulk,
          sort: (location) => [numericId(location.id)],
          view: (location) => locationView(context, location),
        },
      ),
    location: (args: Args) => {
      const location = args.id ? shop.locations.find((entry) => entry.id === args.id) : shop.locations[0];
      return location ? locationView(context, location) : null;
    },
    products: (args: Args) =>
      connection(
        search([...shop.products.values()], args.query, (product: FakeProduct) => productFields(shop, product)),
        args,
        {
          bulk: context.bulk,
          sort: (product) => sortTuple(args.sortKey, product),
          view: (product) => productView(context, product),
        },
      ),
    product: (args: Args) => {
      const product = shop.products.get(args.id as string);
      return product ? productView(context, product) : null;
    },
    productByIdentifier: (args: Args) => {
      const identifier = args.identifier as { id?: string; handle?: string; customId?: unknown };
      const product = identifier.id
        ? shop.products.get(identifier.id)
        : identifier.handle !== undefined
          ? [...shop.products.values()].find((entry) => entry.handle === identifier.handle)
          : undefined;
      return product ? productView(context, product) : null;
    },
    productsCount: (args: Args) => ({
      count: search([...shop.products.values()], args.query, (product: FakeProduct) => productFields(shop, product))
        .length,
      precision: 'EXACT',
    }),
    productVariants: (args: Args) =>
      connection(
        search([...shop.variants.values()], args.query, (variant: FakeVariant) => variantFields(variant)),
        args,
        {
          bulk: context.bulk,
          sort: (variant) => sortTuple(args.sortKey, variant, { position: variant.position, sku: variant.sku ?? '' }),
          view: (variant) => variantView(context, variant),
        },
      ),
    nodes: (args: Args) => {
      const ids = (args.ids as string[]) ?? [];
      if (ids.length > 250) throw new Error('The ids argument may hold at most 250 ids.');
      return ids.map((id) => nodeView(context, id));
    },
    inventoryItem: (args: Args) => {
      const item = shop.inventoryItems.get(args.id as string);
      return item ? inventoryItemView(context, item) : null;
    },
    customers: (args: Args) =>
      connection(
        search([...shop.customers.values()], args.query, (customer: FakeCustomer) => customerFields(customer)),
        args,
        {
          bulk: context.bulk,
          sort: (customer) => sortTuple(args.sortKey, customer),
          view: (customer) => customerView(context, customer),
        },
      ),
    customer: (args: Args) => {
      const customer = shop.customers.get(args.id as string);
      return customer ? customerView(context, customer) : null;
    },
    customersCount: (args: Args) => ({
      count: search([...shop.customers.values()], args.query, (customer: FakeCustomer) => customerFields(customer))
        .length,
      precision: 'EXACT',
    }),
    orders: (args: Args) =>
      connection(
        search([...shop.orders.values()], args.query, (order: FakeOrder) => orderFields(order)),
        args,
        {
          bulk: context.bulk,
          sort: (order) => sortTuple(args.sortKey, order),
          view: (order) => orderView(context, order),
        },
      ),
    order: (args: Args) => {
      const order = shop.orders.get(args.id as string);
      return order ? orderView(context, order) : null;
    },
    bulkOperation: (args: Args) => {
      const operation = shop.bulkOperations.get(args.id as string);
      if (!operation) return null;
      // Each poll moves the operation on: CREATED -> RUNNING -> COMPLETED after `bulkPollsToComplete` polls.
      operation.polls++;
      if (operation.status === 'CREATED' || operation.status === 'RUNNING') {
        operation.status = operation.polls >= context.bulkPollsToComplete ? 'COMPLETED' : 'RUNNING';
        if (operation.status === 'COMPLETED') operation.completedAt = context.now();
      }
      return bulkOperationView(context, operation);
    },
  };
}
