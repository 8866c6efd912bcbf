/**
 * @module
 * The shop admin's settings page (`/passerelle/admin`): server-rendered from the settings schema,
 * its own credential, sessions with CSRF tokens, and pages to connect the cloud, reset orders,
 * resync and read the journals. `createModule` mounts it; embedders reach it through `module.fetch`.
 */
export {
  ADMIN_CSRF_FIELD,
  ADMIN_LANG_COOKIE,
  ADMIN_LOGIN_COOKIE,
  ADMIN_SESSION_COOKIE,
  type AdminApp,
  type AdminAppDeps,
  createAdminApp,
  DEFAULT_ADMIN_PATH,
} from './admin-app.js';
export {
  ADMIN_MAX_FAILURES,
  ADMIN_PASSWORD_MIN_LENGTH,
  GRACE_CHOICES,
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
} from './admin-limits.js';
export { ADMIN_THROTTLE_PREFIX } from './login-throttle.js';
export { ADMIN_SECURITY_HEADERS } from './security-headers.js';
