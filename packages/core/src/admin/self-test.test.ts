import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../settings/index.js';
import { translator } from './i18n.js';
import { runSelfTest } from './self-test.js';

const t = translator('en');
const describeOk = { describe: async () => ({ platform: 'demo-shop', platformVersion: '1.2', apiVersion: 'v1' }) };

describe('runSelfTest', () => {
  it('fails a missing password and an allow-list entry the guard could not use', async () => {
    const access = { ...settingsSchema.parse({}).access, allowedIps: ['10.0.0.0/8', 'not-an-ip'] };
    const checks = await runSelfTest({ access, adapter: describeOk, clientAddress: '10.1.2.3', now: new Date(), t });
    const byLabel = Object.fromEntries(checks.map((check) => [check.label, check]));
    expect(byLabel.checkPassword?.status).toBe('fail');
    expect(byLabel.checkIps).toMatchObject({ status: 'fail', detail: 'Invalid entries: not-an-ip.' });
    expect(byLabel.checkYourAddress).toMatchObject({
      status: 'pass',
      detail: '10.1.2.3 is admitted by the IP allow-list.',
    });
    expect(byLabel.checkPlatform).toMatchObject({ status: 'pass', detail: 'demo-shop 1.2, API v1.' });
  });

  it('fails HMAC without a secret and a platform that does not answer in time', async () => {
    const base = settingsSchema.parse({}).access;
    const access = { ...base, hmac: { ...base.hmac, enabled: true, secret: null } };
    const never = { describe: () => new Promise<never>(() => {}) };
    const checks = await runSelfTest({ access, adapter: never, clientAddress: '', now: new Date(), t, timeoutMs: 20 });
    expect(checks.find((check) => check.label === 'checkHmac')?.status).toBe('fail');
    expect(checks.find((check) => check.label === 'checkPlatform')).toMatchObject({
      status: 'fail',
      detail: 'Not reachable: no answer within 0 s',
    });
    expect(checks.some((check) => check.label === 'checkYourAddress')).toBe(false);
  });
});
