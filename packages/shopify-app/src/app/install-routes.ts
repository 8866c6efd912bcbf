import { AuthError, PasserelleError } from '@passerelle/core';
import type { KyInstance } from 'ky';
import { requestAccessToken } from '../auth/access-token.js';
import { verifyQueryHmac } from '../auth/hmac.js';
import { type createOAuthState, readCookie, STATE_COOKIE, stateCookie } from '../auth/oauth-state.js';
import type { SessionStorage, ShopifySession } from '../auth/session-storage.js';
import { verifySessionToken } from '../auth/session-token.js';
import { normaliseShopDomain } from '../auth/shop-domain.js';
import { problem } from './problem.js';

export interface InstallConfig {
  apiKey: string;
  secrets: string[];
  scopes: string[];
  appUrl: string;
  authPath: string;
  http: KyInstance;
  sessions: SessionStorage;
  state: ReturnType<typeof createOAuthState>;
  now(): number;
  afterInstallUrl(shop: string): string;
  /** Called once a session is saved: builds the shop's module. */
  installed(shop: string): Promise<void>;
}

function sessionOf(
  shop: string,
  answer: { access_token: string; scope: string; expires_in?: number },
  grant: ShopifySession['grant'],
  now: number,
): ShopifySession {
  return {
    shop,
    accessToken: answer.access_token,
    scope: answer.scope,
    expiresAt: answer.expires_in ? new Date(now + answer.expires_in * 1000).toISOString() : null,
    grant,
    installedAt: new Date(now).toISOString(),
  };
}

/**
 * Step 1 of the authorization-code grant: Shopify opens the app with a signed `shop`; the app answers
 * with the shop's consent page, a fresh state nonce in the URL and in a cookie.
 */
export async function beginInstall(request: Request, config: InstallConfig): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const shop = normaliseShopDomain(params.get('shop'));
  if (!shop) return problem(400, 'Invalid shop', 'The shop parameter must be a myshopify.com domain.');
  const check = verifyQueryHmac(params, config.secrets, { nowSeconds: Math.floor(config.now() / 1000) });
  if (!check.ok)
    return problem(401, 'Invalid install request', `The request is not signed by Shopify (${check.reason}).`);
  const nonce = await config.state.issue(shop);
  const callback = `${config.authPath}/callback`;
  const authorize = new URL(`https://${shop}/admin/oauth/authorize`);
  authorize.searchParams.set('client_id', config.apiKey);
  authorize.searchParams.set('scope', config.scopes.join(','));
  authorize.searchParams.set('redirect_uri', `${config.appUrl.replace(/\/$/, '')}${callback}`);
  authorize.searchParams.set('state', nonce);
  // No `grant_options[]=per-user`: the module needs an offline token that outlives the merchant's session.
  return new Response(null, {
    status: 302,
    headers: { location: authorize.toString(), 'set-cookie': stateCookie(nonce, callback) },
  });
}

/** Step 2: the callback, signed by Shopify, carrying the code; the state must match the nonce and its cookie. */
export async function completeInstall(request: Request, config: InstallConfig): Promise<Response> {
  const url = new URL(request.url);
  const params = url.searchParams;
  const shop = normaliseShopDomain(params.get('shop'));
  if (!shop) return problem(400, 'Invalid shop', 'The shop parameter must be a myshopify.com domain.');
  const check = verifyQueryHmac(params, config.secrets, { nowSeconds: Math.floor(config.now() / 1000) });
  if (!check.ok)
    return problem(401, 'Invalid OAuth callback', `The callback is not signed by Shopify (${check.reason}).`);
  const stateValid = await config.state.consume(
    shop,
    params.get('state'),
    readCookie(request.headers.get('cookie'), STATE_COOKIE),
  );
  if (!stateValid)
    return problem(
      403,
      'Invalid OAuth state',
      'The state does not match the install this browser started: start the install again.',
    );
  const code = params.get('code');
  if (!code) return problem(400, 'Missing code', 'The OAuth callback carries no authorization code.');
  try {
    const answer = await requestAccessToken(config.http, shop, {
      client_id: config.apiKey,
      client_secret: config.secrets[0] as string,
      code,
    });
    await config.sessions.save(sessionOf(shop, answer, 'authorization-code', config.now()));
    await config.installed(shop);
  } catch (error) {
    return problem(502, 'Install failed', error instanceof Error ? error.message : 'Shopify refused the code.');
  }
  const clear = `${STATE_COOKIE}=; Path=${config.authPath}/callback; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
  return new Response(null, { status: 302, headers: { location: config.afterInstallUrl(shop), 'set-cookie': clear } });
}

/**
 * Token exchange for embedded installs (Shopify managed installation): the app's front end posts its
 * App Bridge session token; the app verifies it and trades it for an offline access token once.
 */
export async function exchangeSessionToken(request: Request, config: InstallConfig): Promise<Response> {
  const header = request.headers.get('authorization') ?? '';
  const sessionToken = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!sessionToken)
    return problem(401, 'Missing session token', 'Send the App Bridge session token as Authorization: Bearer.');
  let shop: string;
  try {
    shop = verifySessionToken(sessionToken, {
      apiKey: config.apiKey,
      secrets: config.secrets,
      nowSeconds: Math.floor(config.now() / 1000),
    }).shop;
  } catch (error) {
    if (error instanceof AuthError) return problem(401, 'Invalid session token', error.message);
    throw error;
  }
  const existing = await config.sessions.load(shop);
  if (existing?.accessToken && existing.grant !== 'client-credentials') {
    return Response.json({ shop, installed: true, exchanged: false });
  }
  try {
    const answer = await requestAccessToken(config.http, shop, {
      client_id: config.apiKey,
      client_secret: config.secrets[0] as string,
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: sessionToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
    });
    await config.sessions.save(sessionOf(shop, answer, 'token-exchange', config.now()));
    await config.installed(shop);
  } catch (error) {
    const status = PasserelleError.is(error) ? 502 : 500;
    return problem(
      status,
      'Token exchange failed',
      error instanceof Error ? error.message : 'Shopify refused the session token.',
    );
  }
  return Response.json({ shop, installed: true, exchanged: true });
}

export { sessionOf };
