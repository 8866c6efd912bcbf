/**
 * @module
 * Change detection: the change journal fed by a hash-comparing sweep and by a webhook inbox, and the
 * activity log.
 */
export {
  type ActivityFields,
  type ActivityLog,
  type ActivityWriter,
  createActivityLog,
} from './activity-log.js';
export type { ChangeSummary, EntityCounts } from './change-counts.js';
export {
  type ChangeDetector,
  type ChangeDetectorOptions,
  createChangeDetector,
  type DetectorLogger,
  type ReconcileOptions,
  type SweepOptions,
} from './change-detector.js';
export { type ContentHashOptions, canonicalJson, contentHash, volatileFields } from './content-hash.js';
export { type DetectedEntity, defaultIgnoredFields, type FeedEntity, feedEntities } from './entity-feeds.js';
export {
  createInbox,
  type Inbox,
  type InboxOptions,
  type InboxRunSummary,
  type IncomingWebhook,
  type WebhookDelivery,
  type WebhookHandler,
} from './inbox.js';
export { journalFromWebhook, type WebhookTarget, type WebhookTargetResolver } from './journal-from-webhook.js';
export { isSecretKey, redactSecrets, redactText } from './redact-secrets.js';
