import { createMemoryStore } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDolibarrModule } from '../src/module.js';
import { dolibarrModuleSettingsSchema, dolibarrSettingsSchema } from '../src/settings.js';
import { createFakeDolibarr } from './fake-dolibarr.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PASSWORD = 'module-test-password-123';

async function moduleOn(fake: ReturnType<typeof createFakeDolibarr>, apiKey = fake.apiKey) {
  server.use(...fake.handlers);
  const module = await createDolibarrModule({
    store: createMemoryStore(),
    dolibarr: { url: fake.url, apiKey, retry: 0 },
  });
  await module.settings.setPassword(PASSWORD, 'test');
  const call = async (path: string) => {
    const response = await module.fetch(
      new Request(`http://module.test/passerelle/v1${path}`, { headers: { authorization: `Bearer ${PASSWORD}` } }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { module, call };
}

describe('settings', () => {
  it('parse from nothing with CyberOffice defaults, and refuse a bad value with its path', () => {
    const defaults = dolibarrSettingsSchema.parse({});
    expect(defaults).toMatchObject({
      warehouse: null,
      stockWarehouse: '0',
      stockType: 'physical',
      priceLevel: 1,
      validateOrders: true,
      shippingService: 'SHIPPING',
      timeZone: 'UTC',
    });
    const refused = dolibarrModuleSettingsSchema.safeParse({
      platform: { dolibarr: { warehouse: 'main', timeZone: 'Mars/Olympus' } },
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'platform.dolibarr.timeZone',
      'platform.dolibarr.warehouse',
    ]);
  });
});

describe('createDolibarrModule', () => {
  it('serves Dolibarr through the endpoint and reads its settings at each call', async () => {
    const fake = createFakeDolibarr({ multiprices: true });
    const { module, call } = await moduleOn(fake);
    const info = await call('/info');
    expect(info.body).toMatchObject({
      platform: { platform: 'dolibarr', platformVersion: '20.0.2', apiVersion: 'dolibarr-rest-v1' },
    });
    expect(info.body.capabilities).toMatchObject({
      write: { erpOrders: true, erpInvoices: true, erpPayments: true, stock: true },
    });

    const price = async () => ((await call('/products?limit=1')).body.items as { price: string }[])[0]?.price;
    expect(await price()).toBe('12.50');
    await module.settings.update({ platform: { dolibarr: { priceLevel: 2 } } }, 'test');
    expect(await price()).toBe('11.25');
    await module.close();
  });

  it('journals a refused Dolibarr key without the key', async () => {
    const fake = createFakeDolibarr();
    const secret = 'leaked-if-you-see-me-91f2';
    const { module, call } = await moduleOn(fake, secret);
    const answer = await call('/products');
    expect(answer.status).toBe(502);
    expect(JSON.stringify(answer.body)).not.toContain(secret);
    const journal = await call('/journal?limit=100');
    expect(JSON.stringify(journal.body)).not.toContain(secret);
    await module.close();
  });
});
