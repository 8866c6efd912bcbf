import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMemoryAdapter,
  createMemoryStore,
  createModule,
  type PasserelleModule,
  type Store,
} from '@passerelle/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createShopApp } from '../src/create-app.js';

const PASSWORD = 'express-embedded-password';
let module: PasserelleModule;
let store: Store;
let server: Server;
let base: string;

beforeEach(async () => {
  store = createMemoryStore();
  module = await createModule({ adapter: createMemoryAdapter(), store });
  await module.settings.setPassword(PASSWORD, 'test');
  server = createShopApp(module).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await module.close();
  await store.close();
});

describe('Passerelle mounted in an existing Express app', () => {
  it('leaves the app routes alone', async () => {
    expect(await (await fetch(`${base}/`)).text()).toBe('My shop back office');
  });

  it('serves the authenticated endpoint beside them', async () => {
    expect((await fetch(`${base}/passerelle/v1/info`)).status).toBe(401);
    const info = await fetch(`${base}/passerelle/v1/info`, { headers: { authorization: `Bearer ${PASSWORD}` } });
    expect(info.status).toBe(200);
    expect((await info.json()).protocol).toBe('1');
  });

  it('streams request bodies through, so batch writes work', async () => {
    const response = await fetch(`${base}/passerelle/v1/orders/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ id: 'does-not-exist' }] }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).results[0]).toMatchObject({ key: 'does-not-exist', outcome: 'failed' });
  });

  it('takes the client address from Express, so the allow-list applies', async () => {
    await module.settings.update({ access: { allowedIps: ['192.0.2.1'] } }, 'test');
    const refused = await fetch(`${base}/passerelle/v1/info`, { headers: { authorization: `Bearer ${PASSWORD}` } });
    expect(refused.status).toBe(403);
    // Express trusts the loopback proxy: the forwarded address is the one checked.
    const forwarded = await fetch(`${base}/passerelle/v1/info`, {
      headers: { authorization: `Bearer ${PASSWORD}`, 'x-forwarded-for': '192.0.2.1' },
    });
    expect(forwarded.status).toBe(200);
  });
});
