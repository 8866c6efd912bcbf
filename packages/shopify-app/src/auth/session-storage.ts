import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Store } from '@passerelle/core';

/** How the shop's token was obtained; decides how it is renewed. */
export type SessionGrant = 'authorization-code' | 'token-exchange' | 'client-credentials' | 'static';

/** One shop's offline access: what the app needs to call the Admin API for it. */
export interface ShopifySession {
  shop: string;
  accessToken: string;
  scope: string;
  /** ISO 8601; null for a token that does not expire. */
  expiresAt: string | null;
  grant: SessionGrant;
  installedAt: string;
}

/** Sessions per shop, kept in core's store (SQLite by default; any `Store`, so Postgres too). */
export interface SessionStorage {
  load(shop: string): Promise<ShopifySession | null>;
  save(session: ShopifySession): Promise<void>;
  delete(shop: string): Promise<void>;
  /** Shops with a session, in install order. */
  shops(): Promise<string[]>;
}

const SESSION_CURSOR = 'shopify.session';
/** The index of installed shops lives under an app-level pseudo shop id. */
const APP_SHOP = '__shopify_app';
const SHOPS_CURSOR = 'shopify.shops';

/**
 * Stores sessions as cursors of each shop (the store has no table of its own for them). With an
 * `encryptionKey`, tokens are sealed with AES-256-GCM so a copy of the database alone leaks no token.
 */
export function createSessionStorage(store: Store, options: { encryptionKey?: string } = {}): SessionStorage {
  const key = options.encryptionKey ? createHash('sha256').update(options.encryptionKey).digest() : null;
  let index: Promise<unknown> = Promise.resolve();

  const seal = (text: string): string => {
    if (!key) return text;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `gcm:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  };
  const open = (text: string): string => {
    if (!text.startsWith('gcm:')) return text;
    if (!key) throw new Error('A Shopify session is encrypted: configure the encryption key to read it.');
    const raw = Buffer.from(text.slice(4), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };

  const readShops = async (): Promise<string[]> => {
    const text = await store.getCursor(APP_SHOP, SHOPS_CURSOR);
    try {
      const value: unknown = text ? JSON.parse(text) : [];
      return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
    } catch {
      return [];
    }
  };
  // Index updates are read-modify-write: serialised within the process.
  const updateShops = (change: (shops: string[]) => string[]) => {
    const next = index.then(async () =>
      store.setCursor(APP_SHOP, SHOPS_CURSOR, JSON.stringify(change(await readShops()))),
    );
    index = next.catch(() => undefined);
    return next;
  };

  return {
    async load(shop) {
      const text = await store.getCursor(shop, SESSION_CURSOR);
      if (!text) return null;
      const session = JSON.parse(text) as ShopifySession;
      return { ...session, accessToken: open(session.accessToken) };
    },
    async save(session) {
      await store.setCursor(
        session.shop,
        SESSION_CURSOR,
        JSON.stringify({ ...session, accessToken: seal(session.accessToken) }),
      );
      await updateShops((shops) => (shops.includes(session.shop) ? shops : [...shops, session.shop]));
    },
    async delete(shop) {
      // The store cannot delete a cursor: an empty value is "no session".
      await store.setCursor(shop, SESSION_CURSOR, '');
      await updateShops((shops) => shops.filter((entry) => entry !== shop));
    },
    shops: readShops,
  };
}
