import type { ActivityLevel, Clock, Store } from '../state/index.js';
import { systemClock } from '../state/index.js';
import { redactSecrets, redactText } from './redact-secrets.js';

export interface ActivityFields {
  entity?: string | null;
  reference?: string | null;
  /** created | updated | unchanged | skipped | failed | ok | rejected */
  outcome?: string | null;
  /** Free-form context; secret-looking keys are replaced by '[redacted]' before storing. */
  details?: Record<string, unknown> | null;
}

export type ActivityWriter = (kind: string, message: string, fields?: ActivityFields) => Promise<void>;

/** The activity log of one shop (`GET /journal`): what was read, written, skipped and why, and what failed. */
export interface ActivityLog {
  debug: ActivityWriter;
  info: ActivityWriter;
  warn: ActivityWriter;
  error: ActivityWriter;
}

/**
 * Writes activity entries for `shopId`, scrubbing secrets on the way in: the log is shown in the admin
 * page and served by the endpoint, so nothing that reaches it may carry a credential.
 */
export function createActivityLog(store: Store, shopId: string, clock: Clock = systemClock): ActivityLog {
  const write =
    (level: ActivityLevel): ActivityWriter =>
    async (kind, message, fields = {}) => {
      const details = fields.details ? (redactSecrets(fields.details) as Record<string, unknown>) : null;
      await store.appendActivity([
        {
          shopId,
          at: clock.now().toISOString(),
          level,
          kind,
          entity: fields.entity ?? null,
          reference: fields.reference ?? null,
          outcome: fields.outcome ?? null,
          message: redactText(message),
          details,
        },
      ]);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
