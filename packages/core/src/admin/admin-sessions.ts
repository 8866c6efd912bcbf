import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../state/index.js';
import { MAX_SESSIONS, SESSION_IDLE_MS, SESSION_MAX_AGE_MS } from './admin-limits.js';

/** A one-time message shown by the next page (post/redirect/get). */
export interface Flash {
  kind: 'success' | 'info' | 'error';
  title: string;
  items?: string[];
}

export interface AdminSession {
  /** Per-session CSRF token, sent back in a hidden field of every form. */
  csrf: string;
  /** Who the activity log names for this session's changes. */
  label: string;
  address: string;
  createdAt: number;
  lastSeenAt: number;
  flash: Flash | null;
}

export interface AdminSessions {
  /** Starts a session; returns the token for the cookie (only its digest is kept). */
  create(label: string, address: string): { token: string; session: AdminSession };
  /** The live session of a cookie token, its idle timer renewed; `null` when unknown or expired. */
  get(token: string | undefined): AdminSession | null;
  destroy(token: string | undefined): void;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions live in the module's memory, keyed by a digest of a random 256-bit token: a restart
 * signs the admin out, which is the safe failure, and nothing session-related reaches the store
 * or its backups.
 */
export function createAdminSessions(clock: Clock): AdminSessions {
  const sessions = new Map<string, AdminSession>();

  const expired = (session: AdminSession, now: number) =>
    now - session.lastSeenAt > SESSION_IDLE_MS || now - session.createdAt > SESSION_MAX_AGE_MS;

  const prune = (now: number) => {
    for (const [key, session] of sessions) if (expired(session, now)) sessions.delete(key);
    while (sessions.size >= MAX_SESSIONS) {
      const oldest = sessions.keys().next().value;
      if (oldest === undefined) break;
      sessions.delete(oldest);
    }
  };

  return {
    create(label, address) {
      const now = clock.now().getTime();
      prune(now);
      const token = randomBytes(32).toString('base64url');
      const session: AdminSession = {
        csrf: randomBytes(32).toString('base64url'),
        label,
        address,
        createdAt: now,
        lastSeenAt: now,
        flash: null,
      };
      sessions.set(digest(token), session);
      return { token, session };
    },
    get(token) {
      if (!token || token.length > 128) return null;
      const key = digest(token);
      const session = sessions.get(key);
      if (!session) return null;
      const now = clock.now().getTime();
      if (expired(session, now)) {
        sessions.delete(key);
        return null;
      }
      session.lastSeenAt = now;
      return session;
    },
    destroy(token) {
      if (token) sessions.delete(digest(token));
    },
  };
}
