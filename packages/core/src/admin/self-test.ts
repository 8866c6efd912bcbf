import type { PlatformAdapter } from '../adapter.js';
import { redactText } from '../journal/redact-secrets.js';
import { isValidHostname } from '../settings/hostname.js';
import type { AccessSettings } from '../settings/index.js';
import { ipMatches, isValidIpOrCidr } from '../settings/ip.js';
import { SELF_TEST_TIMEOUT_MS } from './admin-limits.js';
import type { MessageKey, Translate } from './i18n.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface SelfTestCheck {
  label: MessageKey;
  status: CheckStatus;
  detail: string;
}

export interface SelfTestInput {
  access: AccessSettings;
  adapter: Pick<PlatformAdapter, 'describe'>;
  /** The address the module sees for the admin's browser. */
  clientAddress: string;
  now: Date;
  t: Translate;
  /** @default SELF_TEST_TIMEOUT_MS */
  timeoutMs?: number;
}

function listCheck(
  label: MessageKey,
  entries: readonly string[],
  valid: (entry: string) => boolean,
  t: Translate,
): SelfTestCheck {
  if (entries.length === 0) return { label, status: 'pass', detail: t('checkListEmpty') };
  const bad = entries.filter((entry) => !valid(entry));
  if (bad.length > 0) return { label, status: 'fail', detail: t('checkListBad', { entries: bad.join(', ') }) };
  return { label, status: 'pass', detail: t('checkListOk', { count: entries.length }) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * What the admin checks before handing the endpoint to the cloud: a password exists, the allow-lists
 * hold only entries the guard can use, HMAC mode has its secret, and the platform answers
 * `describe()`. Each check says what it saw; none of them shows a secret.
 */
export async function runSelfTest(input: SelfTestInput): Promise<SelfTestCheck[]> {
  const { access, t } = input;
  const checks: SelfTestCheck[] = [];
  checks.push(
    access.passwordHash === null
      ? { label: 'checkPassword', status: 'fail', detail: t('checkPasswordMissing') }
      : {
          label: 'checkPassword',
          status: 'pass',
          detail: t('checkPasswordOk', { fingerprint: access.passwordFingerprint ?? '?' }),
        },
  );
  const graceUntil = access.previousPasswordValidUntil;
  const graceActive =
    access.previousPasswordHash !== null && graceUntil !== null && Date.parse(graceUntil) > input.now.getTime();
  checks.push({
    label: 'checkGrace',
    status: 'pass',
    detail: graceActive ? t('checkGraceActive', { until: graceUntil ?? '' }) : t('checkGraceNone'),
  });
  checks.push(listCheck('checkIps', access.allowedIps, isValidIpOrCidr, t));
  checks.push(listCheck('checkHosts', access.allowedHosts, isValidHostname, t));
  checks.push(listCheck('checkProxies', access.trustedProxies, isValidIpOrCidr, t));
  if (access.allowedIps.length > 0 && input.clientAddress !== '') {
    const admitted = ipMatches(input.clientAddress, access.allowedIps);
    checks.push({
      label: 'checkYourAddress',
      status: admitted ? 'pass' : 'warn',
      detail: t(admitted ? 'checkYourAddressIn' : 'checkYourAddressOut', { address: input.clientAddress }),
    });
  }
  const hmacSecret = access.hmac.secret;
  checks.push(
    !access.hmac.enabled
      ? { label: 'checkHmac', status: 'pass', detail: t('checkHmacOff') }
      : hmacSecret === null || hmacSecret === ''
        ? { label: 'checkHmac', status: 'fail', detail: t('checkHmacMissing') }
        : { label: 'checkHmac', status: 'pass', detail: t('checkHmacOk') },
  );
  try {
    const description = await withTimeout(input.adapter.describe(), input.timeoutMs ?? SELF_TEST_TIMEOUT_MS);
    checks.push({
      label: 'checkPlatform',
      status: 'pass',
      detail: t('checkPlatformOk', {
        platform: description.name ? `${description.platform} (${description.name})` : description.platform,
        version: description.platformVersion ?? '?',
        api: description.apiVersion ?? '?',
      }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    checks.push({
      label: 'checkPlatform',
      status: 'fail',
      detail: t('checkPlatformFailed', { error: redactText(message) }),
    });
  }
  return checks;
}
