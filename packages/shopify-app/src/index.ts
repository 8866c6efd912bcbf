/**
 * @module
 * `@passerelle/shopify-app`: a multi-shop Passerelle app over the Shopify Admin GraphQL API (pinned
 * 2026-07). `createShopifyApp` serves many shops from one process (OAuth install, token exchange,
 * client credentials, webhooks, one module per shop); `createShopifyModule` is one shop's module;
 * `createShopifyAdapter` is the bare `PlatformAdapter`.
 */

export { createShopifyAdapter, type ShopifyAdapter, type ShopifyAdapterOptions } from './adapter.js';
export { isApiVersion, SHOPIFY_API_VERSION } from './api-version.js';
export { createShopifyApp, type ShopifyApp } from './app/create-shopify-app.js';
export { type CreateShopifyAppOptions, DEFAULT_SCOPES, type OwnShop } from './app/shopify-app-options.js';
export { safeEqual, verifyQueryHmac, verifyWebhookHmac, webhookHmac } from './auth/hmac.js';
export {
  createSessionStorage,
  type SessionGrant,
  type SessionStorage,
  type ShopifySession,
} from './auth/session-storage.js';
export { type SessionTokenClaims, verifySessionToken } from './auth/session-token.js';
export { normaliseShopDomain } from './auth/shop-domain.js';
export {
  type ClientStats,
  createShopifyClient,
  DEFAULT_TIMEOUT_MS,
  outcomeUnknown,
  type QueryCost,
  type RequestOptions,
  type RetryPolicy,
  type ShopifyClient,
  type ShopifyClientOptions,
  ShopifyUnknownOutcomeError,
} from './client.js';
export { type CostLimiter, type CostLimiterOptions, createCostLimiter, type ThrottleStatus } from './cost-limiter.js';
export { graphqlDocuments } from './graphql/documents.js';
export { defaultRetryPolicy } from './retry-policy.js';
export {
  defaultShopifySettings,
  inventoryReasons,
  type ShopifyModuleSettings,
  type ShopifySettings,
  shopifySettings,
  shopifySettingsSchema,
} from './settings.js';
export { createShopifyModule, type ShopifyModule, type ShopifyModuleOptions } from './shopify-module.js';
export { COMPLIANCE_TOPICS, type DataRequestReport } from './webhooks/compliance.js';
export { CHANGE_TOPICS } from './webhooks/topic-handlers.js';
export { INVENTORY_BATCH_SIZE } from './writes/stock-writes.js';
