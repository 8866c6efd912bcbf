/**
 * @module
 * Endpoint access control and HTTP plumbing the routes build on: limits, RFC 9457 problems and
 * JSON bodies, opaque cursors, client address resolution and the access guard.
 */
export {
  type AccessCheckInput,
  type AccessGranted,
  type AccessGuard,
  type AccessGuardDeps,
  // Renamed so a barrel re-exporting both this and the settings section type has no clash.
  type AccessSettings as AccessGuardSettings,
  createAccessGuard,
  SECRET_QUERY_PARAMETERS,
  SIGNATURE_HEADER,
  type ThrottleStore,
  TIMESTAMP_HEADER,
} from './access.js';
export { type ClientAddressInput, normalizeAddress, resolveClientAddress } from './client-address.js';
export { constantTimeEqual } from './constant-time-equal.js';
export {
  type CursorCodec,
  type CursorCodecOptions,
  type CursorPayload,
  type CursorValue,
  createCursorCodec,
} from './cursor.js';
export {
  CURSOR_MAX_AGE_MS,
  DEADLINE_SAFETY_MS,
  DEFAULT_LIMIT,
  HMAC_MAX_SKEW_SECONDS,
  HOST_CACHE_TTL_MS,
  HOST_NEGATIVE_CACHE_TTL_MS,
  MAX_BATCH,
  MAX_BODY_BYTES,
  MAX_CURSOR_LENGTH,
  MAX_LIMIT,
  parseLimit,
  REQUEST_DEADLINE_MS,
  STORE_UNAVAILABLE_RETRY_AFTER_SECONDS,
} from './limits.js';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  type ProblemDocument,
  parseJsonBody,
  parseJsonBytes,
  problemResponse,
  readBodyBytes,
  zodIssuesToFieldIssues,
} from './problem.js';
