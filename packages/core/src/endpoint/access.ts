import { createHmac, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { AuthError, NotConfiguredError, RateLimitedError } from '../errors/index.js';
import { ipMatches, parseIpOrCidr } from '../settings/ip.js';
import { verifyPassword } from '../settings/password.js';
import { normalizeAddress } from './client-address.js';
import { constantTimeEqual } from './constant-time-equal.js';
import { HMAC_MAX_SKEW_SECONDS, HOST_CACHE_TTL_MS, HOST_NEGATIVE_CACHE_TTL_MS } from './limits.js';
import { readBodyBytes } from './problem.js';

/**
 * The `access` settings section as the guard reads it.
 * `hmac.secret` is the HMAC signing key: a MAC key has to be known to both sides, so unlike the
 * password it cannot be stored hashed; it is a secret field, never serialised back to the admin page.
 * It is optional here only so the settings section type, which does not have it yet, stays assignable.
 */
export interface AccessSettings {
  passwordHash: string | null;
  previousPasswordHash: string | null;
  /** ISO 8601; until then the previous password is still accepted (rotation grace). */
  previousPasswordValidUntil: string | null;
  allowedIps: string[];
  allowedHosts: string[];
  trustedProxies: string[];
  hmac: { enabled: boolean; maxSkewSeconds: number; secret?: string | null };
  throttle: { maxFailures: number; windowSeconds: number; blockSeconds: number };
}

/** The part of the state store the guard uses to throttle repeated failures. */
export interface ThrottleStore {
  /** Records one failure and returns how many this address has within the last `windowSeconds`. */
  recordAuthFailure(address: string, windowSeconds: number): Promise<number>;
  clearAuthFailures(address: string): Promise<void>;
  getBlock(address: string): Promise<Date | null>;
  setBlock(address: string, until: Date): Promise<void>;
}

export interface AccessGuardDeps {
  getAccess(): Promise<AccessSettings> | AccessSettings;
  store: ThrottleStore;
  /** @default the system clock */
  clock?: { now(): Date };
  /** Resolves an `allowedHosts` name to its addresses. @default `dns.lookup` with every family */
  resolveHost?: (host: string) => Promise<string[]>;
  /** @default HOST_CACHE_TTL_MS (5 minutes) */
  hostCacheTtlMs?: number;
}

export interface AccessGranted {
  method: 'bearer' | 'basic' | 'hmac';
  /** The client address, normalised (`::ffff:1.2.3.4` -> `1.2.3.4`). */
  clientAddress: string;
  /** The request used the password being rotated out; the admin page can tell when the cloud has switched. */
  usedPreviousPassword: boolean;
}

export interface AccessCheckInput {
  request: Request;
  /** From `resolveClientAddress` or an embedder's `getClientAddress`. */
  clientAddress: string;
  /** The body bytes, when the caller has read them already; HMAC mode otherwise reads a clone of the request. */
  rawBody?: Uint8Array;
}

export interface AccessGuard {
  /** Admits a request or throws the error its problem answer is made from (401, 403, 429, 503). */
  check(input: AccessCheckInput): Promise<AccessGranted>;
}

/** Query parameter names that look like a credential (compared case-insensitively). */
export const SECRET_QUERY_PARAMETERS: readonly string[] = [
  'password',
  'pass',
  'pwd',
  'token',
  'key',
  'ws_key',
  'api_key',
  'apikey',
  'secret',
  'access_token',
  'signature',
];

export const TIMESTAMP_HEADER = 'x-passerelle-timestamp';
export const SIGNATURE_HEADER = 'x-passerelle-signature';

// Longer credentials are refused before any hashing: no legitimate password is this long.
const MAX_CREDENTIAL_CHARS = 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const TIMESTAMP = /^[0-9]{1,12}$/;
const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const SECRET_NAMES = new Set(SECRET_QUERY_PARAMETERS);

const MISSING_MESSAGE = 'Send the endpoint password in the Authorization header (Bearer, or Basic with any user name).';
const WRONG_MESSAGE = 'The credentials were refused.';

interface Presented {
  method: 'bearer' | 'basic';
  password: string;
}

function presentedPassword(authorization: string | null): Presented {
  const match = authorization === null ? null : /^\s*([A-Za-z]+)\s+(.*?)\s*$/.exec(authorization);
  const scheme = match?.[1]?.toLowerCase();
  const value = match?.[2] ?? '';
  if (scheme !== 'bearer' && scheme !== 'basic') throw new AuthError('missing-credentials', MISSING_MESSAGE);
  if (value === '') throw new AuthError('missing-credentials', MISSING_MESSAGE);
  if (value.length > MAX_CREDENTIAL_CHARS * 2) throw new AuthError('wrong-credentials', WRONG_MESSAGE);
  if (scheme === 'bearer') return { method: 'bearer', password: value };
  if (!BASE64.test(value)) throw new AuthError('wrong-credentials', WRONG_MESSAGE);
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // The user name is ignored on purpose: remote tools insist on one, the module has a single password.
  const password = colon === -1 ? '' : decoded.slice(colon + 1);
  if (password === '') throw new AuthError('wrong-credentials', WRONG_MESSAGE);
  return { method: 'basic', password };
}

function hasSecretInQuery(url: string): boolean {
  const { searchParams } = new URL(url);
  for (const name of searchParams.keys()) {
    // `password[]=` and `Password=` are the same leak.
    if (SECRET_NAMES.has(name.replace(/\[.*$/, '').trim().toLowerCase())) return true;
  }
  return false;
}

/**
 * Failures are counted per IPv4 address but per IPv6 /64: one host usually holds a whole /64 and
 * could otherwise rotate through addresses to escape the lockout.
 */
function throttleKey(address: string): string {
  if (!address.includes(':')) return address;
  const range = parseIpOrCidr(`${address}/64`);
  if (!range) return address.slice(0, 64);
  const groups = [48n, 32n, 16n, 0n].map((shift) => ((range.network >> (64n + shift)) & 0xffffn).toString(16));
  return `${groups.join(':')}::/64`;
}

async function defaultResolveHost(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

interface CachedHost {
  expiresAt: number;
  addresses: Promise<string[]>;
}

/**
 * Creates the endpoint's access guard (DESIGN §4 "Access"). Checks run in this order, each one
 * before any costlier one: lockout, password configured, no secret in the query string, IP and host
 * allow-lists, then the credential (password in `Authorization`, or an HMAC signature). A refused
 * credential, a missing one and a secret in the query count as failures; reaching
 * `throttle.maxFailures` blocks the address, and that very request is already answered 429.
 * Thrown errors never hold the presented credential.
 */
const VERIFIED_CACHE_SIZE = 64;
const VERIFIED_CACHE_TTL_MS = 60_000;

export function createAccessGuard(deps: AccessGuardDeps): AccessGuard {
  const clock = deps.clock ?? { now: () => new Date() };
  const resolveHost = deps.resolveHost ?? defaultResolveHost;
  const hostTtlMs = deps.hostCacheTtlMs ?? HOST_CACHE_TTL_MS;
  const hostCache = new Map<string, CachedHost>();
  // scrypt costs tens of milliseconds by design; a poller sends the same password many times a
  // minute. Successful checks are remembered briefly under a keyed digest that lives only in
  // this process, so the cost is paid once per minute, not once per request.
  const verifiedKey = randomBytes(32);
  const verified = new Map<string, number>();
  const verifying = new Map<string, Promise<boolean>>();
  const failuresSeen = new Set<string>();

  async function verifyCached(password: string, hash: string): Promise<boolean> {
    const digest = createHmac('sha256', verifiedKey).update(hash).update('\u0000').update(password).digest('hex');
    const now = clock.now().getTime();
    const until = verified.get(digest);
    if (until !== undefined && until > now) return true;
    // One scrypt per credential at a time: when the cache is cold (start, or an entry expiring) every poller's
    // request arrives together, and 100 concurrent scrypts stall the module for seconds.
    let check = verifying.get(digest);
    if (check === undefined) {
      check = verifyPassword(password, hash).finally(() => verifying.delete(digest));
      verifying.set(digest, check);
    }
    if (!(await check)) return false;
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(digest, now + VERIFIED_CACHE_TTL_MS);
    return true;
  }

  function hostAddresses(host: string): Promise<string[]> {
    const name = host.trim().toLowerCase().replace(/\.$/, '');
    const now = clock.now().getTime();
    const cached = hostCache.get(name);
    if (cached && cached.expiresAt > now) return cached.addresses;
    for (const [key, entry] of hostCache) if (entry.expiresAt <= now) hostCache.delete(key);

    const entry: CachedHost = { expiresAt: now + hostTtlMs, addresses: Promise.resolve([]) };
    entry.addresses = resolveHost(name)
      .then((answers) => answers.map(normalizeAddress).filter((address): address is string => address !== null))
      .catch(() => [] as string[])
      .then((addresses) => {
        // A failed or empty answer is retried sooner, so a DNS hiccup does not lock the cloud out for long.
        if (addresses.length === 0) entry.expiresAt = now + Math.min(hostTtlMs, HOST_NEGATIVE_CACHE_TTL_MS);
        return addresses;
      });
    hostCache.set(name, entry);
    return entry.addresses;
  }

  async function addressAllowed(address: string, access: AccessSettings): Promise<boolean> {
    const { allowedIps, allowedHosts } = access;
    if (allowedIps.length === 0 && allowedHosts.length === 0) return true;
    if (allowedIps.length > 0 && ipMatches(address, allowedIps)) return true;
    if (allowedHosts.length === 0) return false;
    const resolved = await Promise.all(allowedHosts.map(hostAddresses));
    return resolved.some((addresses) => addresses.length > 0 && ipMatches(address, addresses));
  }

  async function verifyHmac(input: AccessCheckInput, access: AccessSettings, address: string): Promise<AccessGranted> {
    const secret = access.hmac.secret;
    if (secret === undefined || secret === null || secret === '') {
      throw new NotConfiguredError('HMAC signing is on but no signing secret is set: set one in the module settings.');
    }
    const timestamp = input.request.headers.get(TIMESTAMP_HEADER)?.trim();
    const signature = input.request.headers.get(SIGNATURE_HEADER)?.trim() ?? '';
    if (timestamp === undefined || timestamp === '') {
      throw new AuthError(
        'missing-credentials',
        `A signed request needs both ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER}.`,
      );
    }
    const presented = SIGNATURE.exec(signature)?.[1];
    if (!TIMESTAMP.test(timestamp) || presented === undefined) {
      throw new AuthError('bad-signature', 'The request signature was refused.');
    }
    const maxSkew = access.hmac.maxSkewSeconds > 0 ? access.hmac.maxSkewSeconds : HMAC_MAX_SKEW_SECONDS;
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    if (Math.abs(nowSeconds - Number(timestamp)) > maxSkew) {
      throw new AuthError(
        'stale-signature',
        `The request timestamp is more than ${maxSkew} seconds away from the module's clock.`,
      );
    }
    const body = input.rawBody ?? (await readBodyBytes(input.request.clone()));
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
    if (!constantTimeEqual(expected, Buffer.from(presented, 'hex'))) {
      throw new AuthError('bad-signature', 'The request signature was refused.');
    }
    return { method: 'hmac', clientAddress: address, usedPreviousPassword: false };
  }

  async function verifyCredential(request: Request, access: AccessSettings, address: string): Promise<AccessGranted> {
    const { method, password } = presentedPassword(request.headers.get('authorization'));
    if (password.length <= MAX_CREDENTIAL_CHARS && access.passwordHash !== null) {
      if (await verifyCached(password, access.passwordHash)) {
        return { method, clientAddress: address, usedPreviousPassword: false };
      }
      const graceUntil =
        access.previousPasswordValidUntil === null ? Number.NaN : Date.parse(access.previousPasswordValidUntil);
      if (
        access.previousPasswordHash !== null &&
        graceUntil > clock.now().getTime() &&
        (await verifyCached(password, access.previousPasswordHash))
      ) {
        return { method, clientAddress: address, usedPreviousPassword: true };
      }
    }
    throw new AuthError('wrong-credentials', WRONG_MESSAGE);
  }

  async function countFailure(key: string, access: AccessSettings, failure: AuthError): Promise<never> {
    const { maxFailures, windowSeconds, blockSeconds } = access.throttle;
    failuresSeen.add(key);
    const failures = await deps.store.recordAuthFailure(key, windowSeconds);
    if (failures >= maxFailures) {
      await deps.store.setBlock(key, new Date(clock.now().getTime() + blockSeconds * 1000));
      const limited = new RateLimitedError(
        'Too many failed attempts from this address: retry later.',
        blockSeconds * 1000,
      );
      // The caller journals the rejection: keep the failure that tipped the address over.
      limited.cause = failure;
      throw limited;
    }
    throw failure;
  }

  return {
    async check(input) {
      const address = normalizeAddress(input.clientAddress) ?? input.clientAddress.trim();
      const key = throttleKey(address);
      const blockedUntil = await deps.store.getBlock(key);
      const now = clock.now().getTime();
      if (blockedUntil !== null && blockedUntil.getTime() > now) {
        throw new RateLimitedError(
          'Too many failed attempts from this address: retry later.',
          blockedUntil.getTime() - now,
        );
      }

      const access = await deps.getAccess();
      if (access.passwordHash === null || access.passwordHash === '') throw new NotConfiguredError();

      let granted: AccessGranted;
      try {
        if (hasSecretInQuery(input.request.url)) {
          throw new AuthError(
            'secret-in-query',
            'Credentials are refused in the query string: send them in the Authorization header.',
          );
        }
        if (!(await addressAllowed(address, access))) {
          throw new AuthError('address-not-allowed', 'This address is not allowed to call the endpoint.');
        }
        const signed = access.hmac.enabled && input.request.headers.has(SIGNATURE_HEADER);
        granted = signed
          ? await verifyHmac(input, access, address)
          : await verifyCredential(input.request, access, address);
      } catch (error) {
        // A refused address cannot succeed by retrying, so it is not counted towards the lockout.
        if (error instanceof AuthError && error.failure !== 'address-not-allowed') {
          return countFailure(key, access, error);
        }
        throw error;
      }
      // Only an address that failed since this process started has anything to clear: no store
      // write on the hot path. After a restart the window simply runs out on its own.
      if (failuresSeen.delete(key)) await deps.store.clearAuthFailures(key);
      return granted;
    },
  };
}
