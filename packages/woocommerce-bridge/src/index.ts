/**
 * @module
 * `@passerelle/woocommerce-bridge`: a Passerelle module for WooCommerce over the REST API v3 (`wc/v3`).
 * `createWooCommerceModule` is core's module with the WooCommerce adapter, its `platform.woocommerce`
 * settings and an optional webhook receiver; the adapter, the client (Basic on https, OAuth 1.0a on http)
 * and the webhook pieces are exported for hosts that assemble their own.
 */
export {
  createWooCommerceAdapter,
  type WooCommerceAdapter,
  type WooCommerceAdapterOptions,
} from './adapter.js';
export {
  createWooClient,
  normaliseShopUrl,
  WOO_API_VERSION,
  WOO_BATCH_LIMIT,
  WOO_PAGE_SIZE,
  type WooAuthMode,
  type WooCallOptions,
  type WooClient,
  type WooClientOptions,
  type WooResponse,
} from './client.js';
export {
  type CreateWooCommerceModuleOptions,
  createWooCommerceModule,
  type WooCommerceModule,
  type WooCommerceWebhookOptions,
} from './module.js';
export {
  baseStringUri,
  type OAuth1Signature,
  type OAuth1SignatureMethod,
  type OAuth1SignInput,
  oauth1BaseString,
  percentEncode,
  signOAuth1,
} from './oauth1.js';
export { defaultRetryPolicy, type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
export {
  readPlatformSettings,
  type WooCommerceModuleSettings,
  type WooCommercePlatformSettings,
  woocommerceCoreDefaults,
  woocommerceSettingsSchema,
  woocommerceSettingsSection,
} from './settings.js';
export type { OrderStatusInfo, ShopContext, ShopFacts } from './shop-context.js';
export { type WooWebhookHandler, woocommerceWebhookHandlers } from './webhooks/handlers.js';
export { createWooWebhookReceiver, type WooWebhookReceiverOptions } from './webhooks/receiver.js';
export { verifyWebhookSignature, webhookSignature } from './webhooks/signature.js';
export type { WebhookHealth } from './webhooks/webhook-health.js';
