import { ADDRESS_FIELDS, LINE_ITEM_FIELDS, MONEY_BAG_FIELDS, ORDER_FIELDS } from './fragments.js';

export const LINE_ITEMS_PER_ORDER = 10;

export const ORDERS_QUERY = `#graphql
  query PasserelleOrders(
    $first: Int!
    $after: String
    $query: String
    $sortKey: OrderSortKeys
    $documentNamespace: String!
    $documentKey: String!
  ) {
    orders(first: $first, after: $after, query: $query, sortKey: $sortKey) {
      pageInfo { hasNextPage endCursor }
      nodes {
        ...OrderFields
        lineItems(first: 10) { pageInfo { hasNextPage endCursor } nodes { ...LineItemFields } }
      }
    }
  }
  ${ORDER_FIELDS}
  ${LINE_ITEM_FIELDS}
  ${ADDRESS_FIELDS}
  ${MONEY_BAG_FIELDS}
`;

export const ORDER_QUERY = `#graphql
  query PasserelleOrder($id: ID!, $documentNamespace: String!, $documentKey: String!) {
    order(id: $id) {
      ...OrderFields
      lineItems(first: 10) { pageInfo { hasNextPage endCursor } nodes { ...LineItemFields } }
    }
  }
  ${ORDER_FIELDS}
  ${LINE_ITEM_FIELDS}
  ${ADDRESS_FIELDS}
  ${MONEY_BAG_FIELDS}
`;

export const ORDER_LINE_ITEMS_QUERY = `#graphql
  query PasserelleOrderLineItems($id: ID!, $after: String) {
    order(id: $id) {
      lineItems(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...LineItemFields } }
    }
  }
  ${LINE_ITEM_FIELDS}
  ${MONEY_BAG_FIELDS}
`;

export const ORDER_IDS_QUERY = `#graphql
  query PasserelleOrderIds($first: Int!, $after: String) {
    orders(first: $first, after: $after, sortKey: ID) {
      pageInfo { hasNextPage endCursor }
      nodes { id }
    }
  }
`;

/** What a fulfillment needs: the order's open fulfillment orders and its latest fulfillment. */
export const ORDER_FULFILLMENT_QUERY = `#graphql
  query PasserelleOrderFulfillment($id: ID!) {
    order(id: $id) {
      id
      displayFulfillmentStatus
      fulfillmentOrders(first: 10) { nodes { id status } }
      fulfillments(first: 10) { id createdAt trackingInfo(first: 5) { number } }
    }
  }
`;

export const FULFILLMENT_CREATE_MUTATION = `#graphql
  mutation PasserelleFulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
    fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
      fulfillment { id status }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_TRACKING_UPDATE_MUTATION = `#graphql
  mutation PasserelleFulfillmentTracking($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
    fulfillmentTrackingInfoUpdate(
      fulfillmentId: $fulfillmentId
      trackingInfoInput: $trackingInfoInput
      notifyCustomer: $notifyCustomer
    ) {
      fulfillment { id }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_EVENT_CREATE_MUTATION = `#graphql
  mutation PasserelleFulfillmentEvent($fulfillmentEvent: FulfillmentEventInput!) {
    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
      fulfillmentEvent { id status }
      userErrors { field message }
    }
  }
`;

export const ORDER_CANCEL_MUTATION = `#graphql
  mutation PasserelleOrderCancel(
    $orderId: ID!
    $reason: OrderCancelReason!
    $restock: Boolean!
    $refundMethod: OrderCancelRefundMethodInput
    $notifyCustomer: Boolean
    $staffNote: String
  ) {
    orderCancel(
      orderId: $orderId
      reason: $reason
      restock: $restock
      refundMethod: $refundMethod
      notifyCustomer: $notifyCustomer
      staffNote: $staffNote
    ) {
      job { id done }
      orderCancelUserErrors { code field message }
    }
  }
`;

export const ORDER_CLOSE_MUTATION = `#graphql
  mutation PasserelleOrderClose($input: OrderCloseInput!) {
    orderClose(input: $input) {
      order { id closed }
      userErrors { field message }
    }
  }
`;

export const ORDER_MARK_AS_PAID_MUTATION = `#graphql
  mutation PasserelleOrderMarkAsPaid($input: OrderMarkAsPaidInput!) {
    orderMarkAsPaid(input: $input) {
      order { id displayFinancialStatus }
      userErrors { field message }
    }
  }
`;

export const FULFILLMENT_ORDER_HOLD_MUTATION = `#graphql
  mutation PasserelleFulfillmentOrderHold($id: ID!, $fulfillmentHold: FulfillmentOrderHoldInput!) {
    fulfillmentOrderHold(id: $id, fulfillmentHold: $fulfillmentHold) {
      fulfillmentOrder { id status }
      userErrors { field message }
    }
  }
`;

/** The ERP document number is kept in an order metafield (DESIGN §4 `documentNumber`). */
export const METAFIELDS_SET_MUTATION = `#graphql
  mutation PasserelleMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id key namespace value }
      userErrors { code field message elementIndex }
    }
  }
`;
