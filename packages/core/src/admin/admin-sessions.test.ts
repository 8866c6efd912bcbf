import { describe, expect, it } from 'vitest';
import { createManualClock } from '../state/testing.js';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from './admin-limits.js';
import { createAdminSessions } from './admin-sessions.js';

describe('admin sessions', () => {
  it('hands out distinct random tokens and CSRF tokens, and finds a session only by its token', () => {
    const sessions = createAdminSessions(createManualClock());
    const one = sessions.create('admin', '127.0.0.1');
    const two = sessions.create('admin', '127.0.0.1');
    expect(one.token).not.toBe(two.token);
    expect(one.session.csrf).not.toBe(two.session.csrf);
    expect(one.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.get(one.token)).toBe(one.session);
    expect(sessions.get(`${one.token}x`)).toBeNull();
    expect(sessions.get(undefined)).toBeNull();
  });

  it('ends a session after idling, after its maximum age however active, and on sign-out', () => {
    const clock = createManualClock();
    const sessions = createAdminSessions(clock);
    const idle = sessions.create('admin', '');
    clock.advance(SESSION_IDLE_MS + 1);
    expect(sessions.get(idle.token)).toBeNull();

    const busy = sessions.create('admin', '');
    for (let elapsed = 0; elapsed < SESSION_MAX_AGE_MS; elapsed += SESSION_IDLE_MS / 2) {
      expect(sessions.get(busy.token)).not.toBeNull();
      clock.advance(SESSION_IDLE_MS / 2);
    }
    clock.advance(1);
    expect(sessions.get(busy.token)).toBeNull();

    const out = sessions.create('admin', '');
    sessions.destroy(out.token);
    expect(sessions.get(out.token)).toBeNull();
  });
});
