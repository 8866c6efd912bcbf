/** Limits of the admin page, in one place so the routes and the tests agree. */

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Sessions kept at once; the oldest is dropped beyond it (one admin, a few browsers). */
export const MAX_SESSIONS = 100;
/**
 * Failed sign-ins from one address before it is blocked. The window and block duration are the
 * endpoint's (`access.throttle`): the store forgets failures with one module-wide window, and this
 * cap keeps the admin stricter than the endpoint whatever its setting.
 */
export const ADMIN_MAX_FAILURES = 5;
/** A form body larger than this is refused before parsing (the settings form is a few KiB). */
export const MAX_FORM_BYTES = 256 * 1024;
/** Rows per page of the activity log and the change journal. */
export const ADMIN_PAGE_SIZE = 50;
/** The self-test gives up on the platform after this long. */
export const SELF_TEST_TIMEOUT_MS = 10_000;
/** Minimum length of PASSERELLE_ADMIN_PASSWORD. */
export const ADMIN_PASSWORD_MIN_LENGTH = 12;
/** Grace periods offered when the endpoint password is rotated, in seconds. */
export const GRACE_CHOICES = [0, 3600, 86_400] as const;
/** Order ids accepted by one reset (the endpoint's own bound). */
export const MAX_RESET_IDS = 5000;
