import { PRODUCT_FIELDS, VARIANT_FIELDS } from './fragments.js';

/** Variants read with each product; a product with more is completed by `PRODUCT_VARIANTS_QUERY`. */
export const VARIANTS_PER_PRODUCT = 25;
export const VARIANTS_PER_PAGE = 100;

export const PRODUCTS_QUERY = `#graphql
  query PasserelleProducts($first: Int!, $after: String, $query: String, $sortKey: ProductSortKeys) {
    products(first: $first, after: $after, query: $query, sortKey: $sortKey) {
      pageInfo { hasNextPage endCursor }
      nodes {
        ...ProductFields
        media(first: 5) { nodes { ... on MediaImage { id alt image { url } } } }
        variants(first: 25) { pageInfo { hasNextPage endCursor } nodes { ...VariantFields } }
      }
    }
  }
  ${PRODUCT_FIELDS}
  ${VARIANT_FIELDS}
`;

export const PRODUCT_QUERY = `#graphql
  query PasserelleProduct($id: ID!) {
    product(id: $id) {
      ...ProductFields
      media(first: 5) { nodes { ... on MediaImage { id alt image { url } } } }
      variants(first: 25) { pageInfo { hasNextPage endCursor } nodes { ...VariantFields } }
    }
  }
  ${PRODUCT_FIELDS}
  ${VARIANT_FIELDS}
`;

export const PRODUCT_VARIANTS_QUERY = `#graphql
  query PasserelleProductVariants($id: ID!, $after: String) {
    product(id: $id) {
      variants(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...VariantFields } }
    }
  }
  ${VARIANT_FIELDS}
`;

export const PRODUCT_IDS_QUERY = `#graphql
  query PasserelleProductIds($first: Int!, $after: String) {
    products(first: $first, after: $after, sortKey: ID) {
      pageInfo { hasNextPage endCursor }
      nodes { id }
    }
  }
`;

export const PRODUCTS_COUNT_QUERY = `#graphql
  query PasserelleProductsCount($query: String) {
    productsCount(query: $query, limit: null) { count precision }
  }
`;

export const PRODUCT_SET_MUTATION = `#graphql
  mutation PasserelleProductSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
    productSet(input: $input, identifier: $identifier, synchronous: true) {
      product { id }
      userErrors { code field message }
    }
  }
`;

/** A product by its handle (a direct lookup, not the search index): did a create whose answer was lost happen? */
export const PRODUCT_BY_HANDLE_QUERY = `#graphql
  query PasserelleProductByHandle($handle: String!) {
    productByIdentifier(identifier: { handle: $handle }) {
      id handle
      reference: metafield(namespace: "passerelle", key: "reference") { value }
    }
  }
`;

export const PRODUCT_UPDATE_MUTATION = `#graphql
  mutation PasserelleProductUpdate($product: ProductUpdateInput!, $media: [CreateMediaInput!]) {
    productUpdate(product: $product, media: $media) {
      product { id }
      userErrors { field message }
    }
  }
`;

export const VARIANTS_BULK_UPDATE_MUTATION = `#graphql
  mutation PasserelleVariantsUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: true) {
      productVariants { id }
      userErrors { code field message }
    }
  }
`;

export const VARIANTS_BULK_CREATE_MUTATION = `#graphql
  mutation PasserelleVariantsCreate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkCreate(productId: $productId, variants: $variants, strategy: REMOVE_STANDALONE_VARIANT) {
      productVariants { id sku }
      userErrors { code field message }
    }
  }
`;

/** Detaches media from a product: the non-deprecated replacement of `productDeleteMedia`. */
export const FILE_DETACH_MUTATION = `#graphql
  mutation PasserelleFileDetach($files: [FileUpdateInput!]!) {
    fileUpdate(files: $files) {
      userErrors { field message }
    }
  }
`;

/** What a product-level write of a product without variants needs: its one variant. */
export const PRODUCT_DEFAULT_VARIANT_QUERY = `#graphql
  query PasserelleProductDefaultVariant($id: ID!) {
    product(id: $id) {
      id hasOnlyDefaultVariant
      variants(first: 1) { nodes { id } }
      media(first: 50) { nodes { id } }
    }
  }
`;
