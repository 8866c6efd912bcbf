import type { Clock, GetClientAddress, Logger, Store } from '@passerelle/core';
import type { RetryPolicy } from '../client.js';
import type { BulkRunOptions } from '../reads/bulk-export.js';
import type { DataRequestReport } from '../webhooks/compliance.js';

/** A shop the app serves without an install flow: the merchant's own store. */
export type OwnShop =
  | { shop: string; accessToken: string }
  /** The client-credentials grant of a Dev Dashboard app, for stores of its own organisation (tokens last ~24 h). */
  | { shop: string; clientCredentials: true };

export interface CreateShopifyAppOptions {
  /** Core's store, shared by every shop (each record keyed by shop). */
  store: Store;
  /** The app's client id (API key); needed for OAuth, token exchange and client credentials. */
  apiKey?: string;
  /** The client secret: signs install requests, callbacks, session tokens and webhooks. */
  apiSecret?: string;
  /** Secrets still accepted while one is rotated. */
  previousSecrets?: string[];
  /** @default ['read_products','write_products','read_inventory','write_inventory','read_locations','read_orders','write_orders','read_customers','write_customers','write_merchant_managed_fulfillment_orders','read_fulfillments'] */
  scopes?: string[];
  /** The app's public URL (`https://app.example.com`), for the OAuth `redirect_uri`. */
  appUrl?: string;
  /** Shops served from the start (static token or client credentials). */
  shops?: OwnShop[];
  /** Settings of a shop's first start (or a function of the shop), validated like the admin page. */
  settings?: unknown | ((shop: string) => unknown);
  /** The endpoint password of a shop, set on every start when it differs (otherwise the admin page sets one). */
  password?: (shop: string) => string | undefined;
  /** Where shops are mounted: `{basePath}/{shop}/…`. @default '/passerelle/v1/shops' */
  basePath?: string;
  /** Where each shop's admin page is served: `{adminBasePath}/{shop}`. @default '/passerelle/admin/shops' */
  adminBasePath?: string;
  /** The admin page's password of a shop (at least 12 characters); without one its page stays closed. */
  adminPassword?: (shop: string) => string | undefined;
  /** @default '/shopify/auth' (the callback is `{authPath}/callback`) */
  authPath?: string;
  /** @default '/shopify/webhooks' */
  webhookPath?: string;
  /** Embedded apps post their session token here. @default '/shopify/session' */
  sessionPath?: string;
  /** Where the merchant lands after an install. @default the app in the shop's admin */
  afterInstallUrl?: (shop: string) => string;
  /** Subscribe to the change topics through the API on install (when `shopify.app.toml` does not). @default false */
  registerWebhooks?: boolean;
  /** Seals stored tokens with AES-256-GCM. */
  encryptionKey?: string;
  apiVersion?: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Longest wait for one Shopify answer, per attempt. @default 60_000 */
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger?: Logger;
  clock?: Clock;
  getClientAddress?: GetClientAddress;
  bulk?: Omit<BulkRunOptions, 'signal'>;
  onInstalled?: (shop: string) => Promise<void> | void;
  onDataRequest?: (report: DataRequestReport) => Promise<void>;
}

export const DEFAULT_SCOPES = [
  'read_products',
  'write_products',
  'read_inventory',
  'write_inventory',
  'read_locations',
  'read_orders',
  'write_orders',
  'read_customers',
  'write_customers',
  'write_merchant_managed_fulfillment_orders',
  'read_fulfillments',
];
