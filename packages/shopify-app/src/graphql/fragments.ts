/**
 * Selections shared by the page queries and the bulk exports, so both read the same fields and one
 * mapper serves both. Each is a `#graphql` literal (Shopify's codegen convention) interpolated where used.
 */

/** The app-owned metafield that keeps the ERP's own reference of a product or customer. */
export const REFERENCE_NAMESPACE = 'passerelle';
export const REFERENCE_KEY = 'reference';

export const MONEY_BAG_FIELDS = `#graphql
  fragment MoneyBagFields on MoneyBag {
    shopMoney { amount currencyCode }
    presentmentMoney { amount currencyCode }
  }
`;

export const ADDRESS_FIELDS = `#graphql
  fragment AddressFields on MailingAddress {
    id firstName lastName company address1 address2 zip city province provinceCode countryCodeV2 phone
  }
`;

export const VARIANT_FIELDS = `#graphql
  fragment VariantFields on ProductVariant {
    id sku barcode price compareAtPrice inventoryQuantity position updatedAt
    selectedOptions { name value }
    inventoryItem { id tracked measurement { weight { unit value } } }
  }
`;

/** Product fields without its variant connection (the bulk export nests variants differently). */
export const PRODUCT_FIELDS = `#graphql
  fragment ProductFields on Product {
    id handle title descriptionHtml vendor productType status tags updatedAt hasOnlyDefaultVariant
    seo { title description }
    reference: metafield(namespace: "passerelle", key: "reference") { value }
  }
`;

export const CUSTOMER_FIELDS = `#graphql
  fragment CustomerFields on Customer {
    id firstName lastName note tags locale state createdAt updatedAt numberOfOrders
    defaultEmailAddress { emailAddress marketingState }
    defaultPhoneNumber { phoneNumber }
    defaultAddress { id }
    reference: metafield(namespace: "passerelle", key: "reference") { value }
  }
`;

export const LINE_ITEM_FIELDS = `#graphql
  fragment LineItemFields on LineItem {
    id name sku quantity
    weight { unit value }
    originalUnitPriceSet { ...MoneyBagFields }
    discountAllocations {
      allocatedAmountSet { ...MoneyBagFields }
      discountApplication {
        __typename
        ... on DiscountCodeApplication { code }
        ... on ManualDiscountApplication { title }
        ... on AutomaticDiscountApplication { title }
        ... on ScriptDiscountApplication { title }
      }
    }
    taxLines { title rate priceSet { ...MoneyBagFields } }
    variant { id }
    product { id }
  }
`;

/** Order fields without its line items (paged on their own when an order has more than one page). */
export const ORDER_FIELDS = `#graphql
  fragment OrderFields on Order {
    id name createdAt updatedAt processedAt cancelledAt closedAt email phone note taxesIncluded
    currencyCode presentmentCurrencyCode customerLocale displayFinancialStatus displayFulfillmentStatus
    paymentGatewayNames
    customer { id firstName lastName defaultEmailAddress { emailAddress } }
    billingAddress { ...AddressFields }
    shippingAddress { ...AddressFields }
    subtotalPriceSet { ...MoneyBagFields }
    totalShippingPriceSet { ...MoneyBagFields }
    totalTaxSet { ...MoneyBagFields }
    totalPriceSet { ...MoneyBagFields }
    totalReceivedSet { ...MoneyBagFields }
    totalDiscountsSet { ...MoneyBagFields }
    shippingLines(first: 5) {
      nodes {
        id title code source carrierIdentifier
        originalPriceSet { ...MoneyBagFields }
        discountedPriceSet { ...MoneyBagFields }
        taxLines { title rate priceSet { ...MoneyBagFields } }
      }
    }
    transactions(first: 10) { id kind status gateway formattedGateway processedAt amountSet { ...MoneyBagFields } }
    fulfillments(first: 10) { id status displayStatus createdAt updatedAt trackingInfo(first: 5) { company number url } }
    refunds(first: 10) { id createdAt totalRefundedSet { ...MoneyBagFields } }
    documentNumber: metafield(namespace: $documentNamespace, key: $documentKey) { value }
  }
`;
