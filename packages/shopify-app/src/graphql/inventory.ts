/** The quantity name the bridge reads and writes: what can still be sold (DESIGN §3, lessons §11). */
export const QUANTITY_NAMES = ['available'] as const;

export const LOCATIONS_QUERY = `#graphql
  query PasserelleLocations {
    locations(first: 50, includeInactive: false) { nodes { id name isActive } }
  }
`;

/** One location's levels, in the location's own stable order: a page never holds more than `first` levels. */
export const LOCATION_LEVELS_QUERY = `#graphql
  query PasserelleLocationLevels($locationId: ID!, $first: Int!, $after: String, $query: String) {
    location(id: $locationId) {
      inventoryLevels(first: $first, after: $after, query: $query) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id updatedAt
          quantities(names: ["available"]) { name quantity }
          item { id sku tracked variants(first: 1) { nodes { id product { id } } } }
        }
      }
    }
  }
`;

/** Variants by SKU with their level at one location: stock, price and product lookups by reference. */
export const VARIANTS_BY_SKU_QUERY = `#graphql
  query PasserelleVariantsBySku($first: Int!, $query: String!, $locationId: ID!) {
    productVariants(first: $first, query: $query) {
      nodes {
        id sku price compareAtPrice updatedAt
        product { id hasOnlyDefaultVariant }
        inventoryItem {
          id tracked
          inventoryLevel(locationId: $locationId) { updatedAt quantities(names: ["available"]) { name quantity } }
        }
      }
    }
  }
`;

/** What `inventorySetQuantities` needs for each variant: its inventory item and current quantity at one location. */
export const VARIANT_LEVELS_QUERY = `#graphql
  query PasserelleVariantLevels($ids: [ID!]!, $locationId: ID!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id sku
        product { id }
        inventoryItem {
          id tracked
          inventoryLevel(locationId: $locationId) { updatedAt quantities(names: ["available"]) { name quantity } }
        }
      }
    }
  }
`;

export const INVENTORY_ITEM_VARIANT_QUERY = `#graphql
  query PasserelleInventoryItemVariant($id: ID!) {
    inventoryItem(id: $id) { id variants(first: 1) { nodes { id product { id } } } }
  }
`;

/**
 * Absolute quantities, at most 250 per call. From 2026-04 every quantity carries `changeFromQuantity`
 * (the compare-and-swap value, or null to opt out) and the mutation an `@idempotent` key.
 */
export const INVENTORY_SET_QUANTITIES_MUTATION = `#graphql
  mutation PasserelleInventorySet($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
      inventoryAdjustmentGroup { id }
      userErrors { code field message }
    }
  }
`;
