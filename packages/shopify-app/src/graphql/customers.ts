import { ADDRESS_FIELDS, CUSTOMER_FIELDS } from './fragments.js';

export const CUSTOMERS_QUERY = `#graphql
  query PasserelleCustomers($first: Int!, $after: String, $query: String, $sortKey: CustomerSortKeys) {
    customers(first: $first, after: $after, query: $query, sortKey: $sortKey) {
      pageInfo { hasNextPage endCursor }
      nodes { ...CustomerFields addressesV2(first: 10) { nodes { ...AddressFields } } }
    }
  }
  ${CUSTOMER_FIELDS}
  ${ADDRESS_FIELDS}
`;

export const CUSTOMER_QUERY = `#graphql
  query PasserelleCustomer($id: ID!) {
    customer(id: $id) { ...CustomerFields addressesV2(first: 10) { nodes { ...AddressFields } } }
  }
  ${CUSTOMER_FIELDS}
  ${ADDRESS_FIELDS}
`;

export const CUSTOMERS_BY_IDS_QUERY = `#graphql
  query PasserelleCustomersByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Customer { ...CustomerFields addressesV2(first: 10) { nodes { ...AddressFields } } }
    }
  }
  ${CUSTOMER_FIELDS}
  ${ADDRESS_FIELDS}
`;

export const CUSTOMER_IDS_QUERY = `#graphql
  query PasserelleCustomerIds($first: Int!, $after: String) {
    customers(first: $first, after: $after, sortKey: ID) {
      pageInfo { hasNextPage endCursor }
      nodes { id }
    }
  }
`;

export const CUSTOMERS_COUNT_QUERY = `#graphql
  query PasserelleCustomersCount($query: String) {
    customersCount(query: $query, limit: null) { count precision }
  }
`;

export const CUSTOMER_CREATE_MUTATION = `#graphql
  mutation PasserelleCustomerCreate($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer { id }
      userErrors { field message }
    }
  }
`;

export const CUSTOMER_UPDATE_MUTATION = `#graphql
  mutation PasserelleCustomerUpdate($input: CustomerInput!) {
    customerUpdate(input: $input) {
      customer { id }
      userErrors { field message }
    }
  }
`;

export const CUSTOMER_ADDRESS_CREATE_MUTATION = `#graphql
  mutation PasserelleCustomerAddressCreate($customerId: ID!, $address: MailingAddressInput!, $setAsDefault: Boolean) {
    customerAddressCreate(customerId: $customerId, address: $address, setAsDefault: $setAsDefault) {
      address { id }
      userErrors { field message }
    }
  }
`;

export const CUSTOMER_ADDRESS_UPDATE_MUTATION = `#graphql
  mutation PasserelleCustomerAddressUpdate($customerId: ID!, $addressId: ID!, $address: MailingAddressInput!) {
    customerAddressUpdate(customerId: $customerId, addressId: $addressId, address: $address) {
      address { id }
      userErrors { field message }
    }
  }
`;

/** Adds tags without touching the others (`platform.shopify.replaceCustomerTags` off). */
export const TAGS_ADD_MUTATION = `#graphql
  mutation PasserelleTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      userErrors { field message }
    }
  }
`;
