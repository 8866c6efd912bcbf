import { randomBytes } from 'node:crypto';
import type { Store } from '@passerelle/core';
import { safeEqual } from './hmac.js';

const STATE_CURSOR = 'shopify.oauth.state';
export const STATE_COOKIE = 'passerelle_shopify_state';
const TTL_MS = 10 * 60_000;

/**
 * The OAuth `state` nonce: issued when an install begins, bound to the browser by a cookie and to the
 * shop in the store, consumed once by the callback. A callback whose state does not match both is refused
 * (a forged or replayed callback cannot install a token into someone else's session).
 */
export function createOAuthState(store: Store, now: () => number = Date.now) {
  return {
    async issue(shop: string): Promise<string> {
      const nonce = randomBytes(24).toString('base64url');
      await store.setCursor(shop, STATE_CURSOR, JSON.stringify({ nonce, expiresAt: now() + TTL_MS }));
      return nonce;
    },
    async consume(shop: string, state: string | null, cookie: string | null): Promise<boolean> {
      const text = await store.getCursor(shop, STATE_CURSOR);
      if (!text) return false;
      await store.setCursor(shop, STATE_CURSOR, '');
      let issued: { nonce?: string; expiresAt?: number };
      try {
        issued = JSON.parse(text) as typeof issued;
      } catch {
        return false;
      }
      if (!issued.nonce || !state || !cookie || (issued.expiresAt ?? 0) < now()) return false;
      return safeEqual(issued.nonce, state) && safeEqual(issued.nonce, cookie);
    },
  };
}

/** `Set-Cookie` for the state nonce: HttpOnly, Secure, SameSite=Lax, scoped to the callback, 10 minutes. */
export function stateCookie(nonce: string, path: string): string {
  return `${STATE_COOKIE}=${nonce}; Path=${path}; Max-Age=600; HttpOnly; Secure; SameSite=Lax`;
}

export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
