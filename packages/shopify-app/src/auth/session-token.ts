import { createHmac } from 'node:crypto';
import { AuthError } from '@passerelle/core';
import { safeEqual } from './hmac.js';
import { normaliseShopDomain } from './shop-domain.js';

export interface SessionTokenClaims {
  shop: string;
  userId: string | null;
  expiresAt: number;
}

/**
 * Verifies an App Bridge session token (the `id_token` of an embedded app): an HS256 JWT signed with
 * the client secret, for this app (`aud`), in its validity window, naming the shop in `dest`.
 */
export function verifySessionToken(
  token: string,
  options: { apiKey: string; secrets: readonly string[]; nowSeconds?: number; leewaySeconds?: number },
): SessionTokenClaims {
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature)
    throw new AuthError('bad-signature', 'The session token is malformed.');
  let head: { alg?: string };
  let claims: Record<string, unknown>;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AuthError('bad-signature', 'The session token is malformed.');
  }
  if (head.alg !== 'HS256') throw new AuthError('bad-signature', 'The session token is not signed with HS256.');
  const signed = options.secrets.some((secret) =>
    safeEqual(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'), signature),
  );
  if (!signed) throw new AuthError('bad-signature', 'The session token signature is invalid.');
  if (claims.aud !== options.apiKey) throw new AuthError('bad-signature', 'The session token is for another app.');
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const leeway = options.leewaySeconds ?? 10;
  if (typeof claims.exp !== 'number' || claims.exp + leeway < now)
    throw new AuthError('stale-signature', 'The session token has expired.');
  if (typeof claims.nbf === 'number' && claims.nbf - leeway > now)
    throw new AuthError('stale-signature', 'The session token is not valid yet.');
  const shop = normaliseShopDomain(typeof claims.dest === 'string' ? claims.dest : null);
  if (!shop) throw new AuthError('bad-signature', 'The session token names no shop.');
  return { shop, userId: typeof claims.sub === 'string' ? claims.sub : null, expiresAt: claims.exp };
}
