import type { SettingsRuntime } from '../runtime/settings-runtime.js';
import { fingerprint, generatePassword } from '../settings/index.js';

/** What `ensureEndpointPassword` did. */
export interface EndpointPassword {
  /**
   * The password generated on this start, to print once (the banner) and nowhere else: only its hash
   * is stored. Null when none was generated.
   */
  shownPassword: string | null;
  /** The stored password's fingerprint (`sha256:…`), safe to print on every start. */
  fingerprint: string | null;
}

/**
 * Makes sure the endpoint has a password: the given one (`PASSERELLE_PASSWORD`), set only when the
 * stored one differs; otherwise the stored one; otherwise, on a first start, a generated one, returned
 * as `shownPassword` to be printed once. Neither password is logged: the activity log records who set
 * it (`PASSERELLE_PASSWORD`, `first start`), never the value.
 */
export async function ensureEndpointPassword(
  runtime: Pick<SettingsRuntime, 'current' | 'setPassword'>,
  password: string | null,
): Promise<EndpointPassword> {
  let shownPassword: string | null = null;
  let { access } = (await runtime.current()).settings;
  if (password !== null) {
    if (access.passwordFingerprint !== fingerprint(password))
      access = (await runtime.setPassword(password, 'PASSERELLE_PASSWORD')).settings.access;
  } else if (access.passwordHash === null) {
    shownPassword = generatePassword();
    access = (await runtime.setPassword(shownPassword, 'first start')).settings.access;
  }
  return { shownPassword, fingerprint: access.passwordFingerprint };
}
