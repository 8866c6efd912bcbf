import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_IDS_QUERY, CUSTOMERS_BY_IDS_QUERY, CUSTOMERS_QUERY } from '../src/graphql/customers.js';
import { LOCATION_LEVELS_QUERY, VARIANT_LEVELS_QUERY, VARIANTS_BY_SKU_QUERY } from '../src/graphql/inventory.js';
import { ORDER_IDS_QUERY, ORDER_LINE_ITEMS_QUERY, ORDERS_QUERY } from '../src/graphql/orders.js';
import { PRODUCT_IDS_QUERY, PRODUCT_VARIANTS_QUERY, PRODUCTS_QUERY } from '../src/graphql/products.js';
import { CUSTOMERS_PAGE_SIZE } from '../src/reads/customers.js';
import { ORDERS_PAGE_SIZE } from '../src/reads/orders.js';
import { PRODUCTS_PAGE_SIZE } from '../src/reads/products.js';
import { STOCK_PAGE_SIZE, VARIANT_LOOKUP_SIZE } from '../src/reads/stock.js';
import { loadAdminSchema } from './admin-schema.js';
import { MAX_QUERY_COST, requestedCost } from './fake/cost.js';

const schema = loadAdminSchema();

function cost(text: string, variables: Record<string, unknown>): number {
  const document = parse(text);
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return requestedCost(schema, operation, fragments, variables);
}

describe("page sizes stay under Shopify's 1,000-point ceiling per query", () => {
  const ids = (count: number) => Array.from({ length: count }, (_, index) => `gid://shopify/ProductVariant/${index}`);
  const cases: [string, string, Record<string, unknown>][] = [
    ['products page', PRODUCTS_QUERY, { first: PRODUCTS_PAGE_SIZE }],
    ['more variants of a product', PRODUCT_VARIANTS_QUERY, {}],
    ['product ids', PRODUCT_IDS_QUERY, { first: 250 }],
    ['stock levels of a location', LOCATION_LEVELS_QUERY, { first: STOCK_PAGE_SIZE }],
    ['variants by SKU', VARIANTS_BY_SKU_QUERY, { first: VARIANT_LOOKUP_SIZE }],
    ['variant levels', VARIANT_LEVELS_QUERY, { ids: ids(100) }],
    ['customers page', CUSTOMERS_QUERY, { first: CUSTOMERS_PAGE_SIZE }],
    ['customers by id', CUSTOMERS_BY_IDS_QUERY, { ids: ids(CUSTOMERS_PAGE_SIZE) }],
    ['customer ids', CUSTOMER_IDS_QUERY, { first: 250 }],
    ['orders page', ORDERS_QUERY, { first: ORDERS_PAGE_SIZE }],
    ['more lines of an order', ORDER_LINE_ITEMS_QUERY, {}],
    ['order ids', ORDER_IDS_QUERY, { first: 250 }],
  ];
  for (const [name, text, variables] of cases) {
    it(`${name}: at most ${MAX_QUERY_COST} points`, () => {
      const points = cost(text, variables);
      expect(points).toBeGreaterThan(0);
      expect(points).toBeLessThanOrEqual(MAX_QUERY_COST);
    });
  }

  it('one more product per page would cross the ceiling (the size is the largest that fits)', () => {
    expect(cost(PRODUCTS_QUERY, { first: PRODUCTS_PAGE_SIZE + 1 })).toBeGreaterThan(MAX_QUERY_COST);
    expect(cost(ORDERS_QUERY, { first: ORDERS_PAGE_SIZE + 1 })).toBeGreaterThan(MAX_QUERY_COST);
  });
});
