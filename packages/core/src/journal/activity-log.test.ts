import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../state/index.js';
import { createManualClock } from '../state/testing.js';
import { createActivityLog } from './activity-log.js';
import { isSecretKey, redactSecrets, redactText } from './redact-secrets.js';

const setup = () => {
  const clock = createManualClock('2025-05-01T08:00:00.000Z');
  const store = createMemoryStore({ clock });
  return { clock, store, log: createActivityLog(store, 'shop-a', clock) };
};

describe('createActivityLog', () => {
  it('stores one entry per call with its level, kind, fields and the clock time', async () => {
    const { store, log } = setup();
    await log.info('write', 'Product written.', {
      entity: 'product',
      reference: 'SKU-1',
      outcome: 'updated',
      details: { changed: ['price'] },
    });
    await log.warn('read', 'Slow page.');
    await log.error('job', 'Sweep failed.', { outcome: 'failed' });
    const entries = await store.readActivity('shop-a', { afterId: 0, limit: 10 });
    expect(entries.map((entry) => [entry.level, entry.kind, entry.message])).toEqual([
      ['info', 'write', 'Product written.'],
      ['warn', 'read', 'Slow page.'],
      ['error', 'job', 'Sweep failed.'],
    ]);
    expect(entries[0]).toMatchObject({
      shopId: 'shop-a',
      at: '2025-05-01T08:00:00.000Z',
      entity: 'product',
      reference: 'SKU-1',
      outcome: 'updated',
      details: { changed: ['price'] },
    });
    expect(entries[1]).toMatchObject({ entity: null, reference: null, outcome: null, details: null });
  });

  it('redacts secret-looking keys in details at any depth, keeping the rest', async () => {
    const { store, log } = setup();
    await log.warn('auth', 'Rejected.', {
      details: {
        password: 'hunter2',
        request: { headers: { Authorization: 'Bearer abc.def', 'X-Shopify-Hmac-Signature': 'sig==' }, path: '/v1' },
        credentials: [{ consumer_key: 'ck_123', consumerSecret: 'cs_456', user: 'shop' }],
        apiKey: 'k',
        accessToken: 't',
        attempts: 3,
      },
    });
    const [entry] = await store.readActivity('shop-a', { limit: 1 });
    expect(entry?.details).toEqual({
      password: '[redacted]',
      request: { headers: { Authorization: '[redacted]', 'X-Shopify-Hmac-Signature': '[redacted]' }, path: '/v1' },
      credentials: [{ consumer_key: '[redacted]', consumerSecret: '[redacted]', user: 'shop' }],
      apiKey: '[redacted]',
      accessToken: '[redacted]',
      attempts: 3,
    });
    expect(JSON.stringify(entry)).not.toMatch(/hunter2|abc\.def|ck_123|cs_456|sig==/);
  });

  it('scrubs credentials written inside texts: the message and string details', async () => {
    const { store, log } = setup();
    await log.error(
      'read',
      'GET https://shop.test/api/products?ws_key=SECRETKEY&limit=10 failed (Basic dXNlcjpwYXNz)',
      {
        details: { url: 'https://shop.test/api?token=T0K3N&page=2', note: 'Bearer xyz' },
      },
    );
    const [entry] = await store.readActivity('shop-a', { limit: 1 });
    expect(entry?.message).toBe(
      'GET https://shop.test/api/products?ws_key=[redacted]&limit=10 failed (Basic [redacted])',
    );
    expect(entry?.details).toEqual({ url: 'https://shop.test/api?token=[redacted]&page=2', note: 'Bearer [redacted]' });
  });

  it('does not change the details object it was given', async () => {
    const { log } = setup();
    const details = { password: 'p' };
    await log.info('settings', 'Saved.', { details });
    expect(details.password).toBe('p');
  });
});

describe('redactSecrets', () => {
  it('reduces errors to their name and scrubbed message and cuts cycles', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactSecrets({ error: new TypeError('bad ?secret=s3'), cyclic })).toEqual({
      error: { name: 'TypeError', message: 'bad ?secret=[redacted]' },
      cyclic: { name: 'loop', self: '[circular]' },
    });
  });

  it('recognises the usual credential field names and leaves ordinary ones', () => {
    for (const name of [
      'password',
      'PASSWORD',
      'webserviceKey',
      'ws_key',
      'client_secret',
      'authorization',
      'signature',
    ]) {
      expect(isSecretKey(name), name).toBe(true);
    }
    for (const name of ['reference', 'quantity', 'entity', 'outcome', 'path']) {
      expect(isSecretKey(name), name).toBe(false);
    }
  });

  it('leaves text without credentials unchanged', () => {
    expect(redactText('read 3 products, page=2&limit=100')).toBe('read 3 products, page=2&limit=100');
  });
});
