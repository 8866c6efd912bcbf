import { ADDRESS_FIELDS, CUSTOMER_FIELDS, PRODUCT_FIELDS, VARIANT_FIELDS } from './fragments.js';

/**
 * Bulk exports: Shopify runs the query server-side and hands back one JSONL file, children on their
 * own lines linked by `__parentId`. Nested connections select `__typename` so a line says what it is.
 * Limits honoured here: at most 5 connections, nesting depth at most 2, no pagination arguments.
 */
export const PRODUCTS_BULK_QUERY = `#graphql
  query PasserelleProductsBulk {
    products(sortKey: ID) {
      edges {
        node {
          ...ProductFields
          media { edges { node { __typename ... on MediaImage { id alt image { url } } } } }
          variants { edges { node { __typename ...VariantFields } } }
        }
      }
    }
  }
  ${PRODUCT_FIELDS}
  ${VARIANT_FIELDS}
`;

export const CUSTOMERS_BULK_QUERY = `#graphql
  query PasserelleCustomersBulk {
    customers(sortKey: ID) {
      edges {
        node {
          ...CustomerFields
          addressesV2 { edges { node { __typename ...AddressFields } } }
        }
      }
    }
  }
  ${CUSTOMER_FIELDS}
  ${ADDRESS_FIELDS}
`;

/** `groupObjects: true` keeps a parent's children right after it, so the file can be assembled line by line. */
export const BULK_RUN_QUERY_MUTATION = `#graphql
  mutation PasserelleBulkRun($query: String!, $groupObjects: Boolean!) {
    bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
      bulkOperation { id status }
      userErrors { code field message }
    }
  }
`;

export const BULK_OPERATION_QUERY = `#graphql
  query PasserelleBulkOperation($id: ID!) {
    bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl }
  }
`;

export const BULK_CANCEL_MUTATION = `#graphql
  mutation PasserelleBulkCancel($id: ID!) {
    bulkOperationCancel(id: $id) {
      bulkOperation { id status }
      userErrors { field message }
    }
  }
`;

/**
 * Every variant's inventory item and its level at each location: what a large stock push needs
 * (`inventoryItemId`, `locationId`, the quantity for `changeFromQuantity`), read in one operation.
 */
export const INVENTORY_BULK_QUERY = `#graphql
  query PasserelleInventoryBulk {
    productVariants {
      edges {
        node {
          id sku
          product { id }
          inventoryItem {
            id tracked
            inventoryLevels {
              edges { node { __typename location { id } quantities(names: ["available"]) { name quantity } } }
            }
          }
        }
      }
    }
  }
`;
