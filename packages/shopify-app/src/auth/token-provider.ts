import type { KyInstance } from 'ky';
import { requestAccessToken } from './access-token.js';
import type { SessionStorage, ShopifySession } from './session-storage.js';

/** Renew a client-credentials token this long before Shopify's expiry (tokens last about 24 h). */
const RENEW_BEFORE_MS = 5 * 60_000;

export interface TokenProvider {
  /** The shop's current token, renewed first when it is about to expire. */
  token(): Promise<string>;
  /** After a 401: renews the token when its grant allows; resolves false when only a reinstall can. */
  renew(): Promise<boolean>;
}

export interface TokenProviderOptions {
  shop: string;
  sessions: SessionStorage;
  http: KyInstance;
  /** Needed to renew client-credentials tokens. */
  credentials?: { apiKey: string; apiSecret: string };
  now?: () => number;
}

/** The token of one shop, read from the session storage and renewed through the client-credentials grant. */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now;
  let renewing: Promise<ShopifySession> | null = null;

  const clientCredentials = (session: ShopifySession): Promise<ShopifySession> => {
    renewing ??= (async () => {
      const credentials = options.credentials;
      if (!credentials) throw new Error(`Shopify ${options.shop}: client credentials are needed to renew the token.`);
      const answer = await requestAccessToken(options.http, options.shop, {
        client_id: credentials.apiKey,
        client_secret: credentials.apiSecret,
        grant_type: 'client_credentials',
      });
      const renewed: ShopifySession = {
        ...session,
        accessToken: answer.access_token,
        scope: answer.scope,
        expiresAt: answer.expires_in ? new Date(now() + answer.expires_in * 1000).toISOString() : null,
      };
      await options.sessions.save(renewed);
      return renewed;
    })().finally(() => {
      renewing = null;
    });
    return renewing;
  };

  const current = async (): Promise<ShopifySession> => {
    const session = await options.sessions.load(options.shop);
    if (!session?.accessToken) throw new Error(`Shopify ${options.shop}: the app is not installed (no session).`);
    return session;
  };

  return {
    async token() {
      const session = await current();
      const expires = session.expiresAt ? Date.parse(session.expiresAt) : null;
      if (session.grant === 'client-credentials' && expires !== null && expires - now() < RENEW_BEFORE_MS) {
        return (await clientCredentials(session)).accessToken;
      }
      return session.accessToken;
    },
    async renew() {
      const session = await current();
      if (session.grant !== 'client-credentials') return false;
      await clientCredentials(session);
      return true;
    },
  };
}
