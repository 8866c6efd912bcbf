import type { GetClientAddress } from '../endpoint/app.js';
import { normalizeAddress, resolveClientAddress } from '../endpoint/client-address.js';
import type { RequestEnv } from '../endpoint/context.js';
import { ipMatches } from '../settings/ip.js';

export interface RequestInfo {
  /** The client address, resolved exactly as the endpoint resolves it (so it can go into the allow-list). */
  address: string;
  /** Whether the browser reached the module over https (directly, or through a trusted proxy). */
  https: boolean;
  /** `https://shop.example.com`: where the browser reached the module. */
  origin: string;
}

function firstHeaderValue(value: string | null): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? first : null;
}

/**
 * Who is asking and how. `X-Forwarded-Proto` and `X-Forwarded-Host` are believed only from a
 * trusted proxy, like `X-Forwarded-For`: otherwise anyone could mark a plain-http session cookie
 * as Secure-exempt or make the connect panel print a foreign endpoint URL.
 */
export function requestInfo(
  request: Request,
  env: RequestEnv | undefined,
  trustedProxies: readonly string[],
  getClientAddress?: GetClientAddress,
): RequestInfo {
  const url = new URL(request.url);
  const socket = env?.incoming?.socket?.remoteAddress ?? '';
  const injected = getClientAddress?.(request, env) ?? env?.clientAddress;
  const address =
    injected ??
    resolveClientAddress({
      socketAddress: socket,
      forwardedFor: request.headers.get('x-forwarded-for'),
      trustedProxies,
    });
  const socketAddress = normalizeAddress(socket);
  const viaProxy = socketAddress !== null && trustedProxies.length > 0 && ipMatches(socketAddress, trustedProxies);
  const forwardedProto = viaProxy ? firstHeaderValue(request.headers.get('x-forwarded-proto'))?.toLowerCase() : null;
  const forwardedHost = viaProxy ? firstHeaderValue(request.headers.get('x-forwarded-host')) : null;
  const https = url.protocol === 'https:' || forwardedProto === 'https';
  const host = forwardedHost && /^[A-Za-z0-9.:[\]-]+$/.test(forwardedHost) ? forwardedHost : url.host;
  return { address: normalizeAddress(address) ?? address, https, origin: `${https ? 'https' : 'http'}://${host}` };
}
