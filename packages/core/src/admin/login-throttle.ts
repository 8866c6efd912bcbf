import type { ThrottleStore } from '../endpoint/access.js';
import { parseIpOrCidr } from '../settings/ip.js';
import type { Clock } from '../state/index.js';
import { ADMIN_MAX_FAILURES } from './admin-limits.js';

/** Store keys of the admin sign-in throttle, apart from the endpoint's (which are bare addresses). */
export const ADMIN_THROTTLE_PREFIX = 'admin-login:';

export interface ThrottleWindow {
  maxFailures: number;
  windowSeconds: number;
  blockSeconds: number;
}

export interface LoginThrottle {
  /** Milliseconds the address is still blocked for; 0 when it may try. */
  blockedFor(address: string): Promise<number>;
  /** Counts a failed sign-in; returns how long the address is now blocked for (0 when not yet). */
  fail(address: string, window: ThrottleWindow): Promise<number>;
  succeed(address: string): Promise<void>;
}

/**
 * The key for an address: IPv4 as is, IPv6 by its /64, as the endpoint's guard does (one host
 * usually holds a whole /64 and could otherwise rotate through it to escape the block).
 */
export function throttleKeyOf(address: string): string {
  const text = address.trim();
  if (text === '') return `${ADMIN_THROTTLE_PREFIX}unknown`;
  if (!text.includes(':')) return `${ADMIN_THROTTLE_PREFIX}${text}`;
  const range = parseIpOrCidr(`${text}/64`);
  if (!range) return `${ADMIN_THROTTLE_PREFIX}${text.slice(0, 64)}`;
  const groups = [48n, 32n, 16n, 0n].map((shift) => ((range.network >> (64n + shift)) & 0xffffn).toString(16));
  return `${ADMIN_THROTTLE_PREFIX}${groups.join(':')}::/64`;
}

/** The endpoint's throttle pattern (`recordAuthFailure` / `getBlock` / `setBlock`) for admin sign-ins. */
export function createLoginThrottle(store: ThrottleStore, clock: Clock): LoginThrottle {
  return {
    async blockedFor(address) {
      const until = await store.getBlock(throttleKeyOf(address));
      const left = until === null ? 0 : until.getTime() - clock.now().getTime();
      return Math.max(0, left);
    },
    async fail(address, window) {
      const key = throttleKeyOf(address);
      const failures = await store.recordAuthFailure(key, window.windowSeconds);
      if (failures < Math.min(ADMIN_MAX_FAILURES, window.maxFailures)) return 0;
      const blockMs = window.blockSeconds * 1000;
      await store.setBlock(key, new Date(clock.now().getTime() + blockMs));
      return blockMs;
    },
    async succeed(address) {
      await store.clearAuthFailures(throttleKeyOf(address));
    },
  };
}
