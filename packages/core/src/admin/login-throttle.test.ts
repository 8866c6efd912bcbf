import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../state/index.js';
import { createManualClock } from '../state/testing.js';
import { ADMIN_MAX_FAILURES } from './admin-limits.js';
import { createLoginThrottle, throttleKeyOf } from './login-throttle.js';

const window = { maxFailures: 100, windowSeconds: 300, blockSeconds: 600 };

describe('login throttle', () => {
  it('blocks an address after ADMIN_MAX_FAILURES failures even when the endpoint allows more, until the block ends', async () => {
    const clock = createManualClock();
    const store = createMemoryStore({ clock });
    const throttle = createLoginThrottle(store, clock);
    for (let attempt = 1; attempt < ADMIN_MAX_FAILURES; attempt++)
      expect(await throttle.fail('192.0.2.1', window)).toBe(0);
    expect(await throttle.fail('192.0.2.1', window)).toBe(600_000);
    expect(await throttle.blockedFor('192.0.2.1')).toBe(600_000);
    expect(await throttle.blockedFor('192.0.2.2')).toBe(0);
    clock.advance(600_001);
    expect(await throttle.blockedFor('192.0.2.1')).toBe(0);
  });

  it('uses the endpoint’s lower limit when it is stricter, and forgets failures on success', async () => {
    const clock = createManualClock();
    const store = createMemoryStore({ clock });
    const throttle = createLoginThrottle(store, clock);
    await throttle.fail('192.0.2.1', { ...window, maxFailures: 2 });
    await throttle.succeed('192.0.2.1');
    expect(await throttle.fail('192.0.2.1', { ...window, maxFailures: 2 })).toBe(0);
    expect(await throttle.fail('192.0.2.1', { ...window, maxFailures: 2 })).toBe(600_000);
  });

  it('keys IPv6 by /64 and never shares keys with the endpoint', () => {
    expect(throttleKeyOf('2001:db8:1:2:aaaa::1')).toBe(throttleKeyOf('2001:db8:1:2:bbbb::9'));
    expect(throttleKeyOf('2001:db8:1:2::1')).not.toBe(throttleKeyOf('2001:db8:1:3::1'));
    expect(throttleKeyOf('192.0.2.1')).toBe('admin-login:192.0.2.1');
    expect(throttleKeyOf('')).toBe('admin-login:unknown');
  });
});
