/** What `configuration()` and the start-up check read: currencies, languages, locations, tax mode. */
export const SHOP_QUERY = `#graphql
  query PasserelleShop {
    shop {
      id name myshopifyDomain currencyCode enabledPresentmentCurrencies taxesIncluded ianaTimezone
      primaryDomain { host }
    }
    shopLocales(published: true) { locale name primary }
    locations(first: 50, includeInactive: false) { nodes { id name isActive } }
  }
`;

/** Customer groups are tags: the shop's customer tags are the groups the cloud maps against. */
export const CUSTOMER_TAGS_QUERY = `#graphql
  query PasserelleCustomerTags {
    shop { customerTags(first: 250) { nodes } }
  }
`;
