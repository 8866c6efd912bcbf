import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv, ValidationError } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeShopify } from '../../../packages/shopify-app/test/fake-shopify.js';
import { readShopifyModuleConfig } from '../src/config.js';
import { ShopifyUnavailableError, startShopifyModule } from '../src/start.js';

const fake = createFakeShopify();
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());
const directory = mkdtempSync(join(tmpdir(), 'passerelle-shopify-example-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let counter = 0;
const dbEnv = () => ({ PASSERELLE_DB: join(directory, `module-${++counter}.db`) });

function configErrorOf(env: Record<string, string>): ValidationError {
  try {
    readShopifyModuleConfig(env, directory);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('configuration (DESIGN §8): a missing or malformed variable stops start-up, named', () => {
  it('names the variable at fault', () => {
    expect(configErrorOf({}).issues[0]?.path).toBe('SHOPIFY_SHOP');
    expect(configErrorOf({ SHOPIFY_SHOP: 'not a shop!' }).issues[0]?.path).toBe('SHOPIFY_SHOP');
    expect(configErrorOf({ SHOPIFY_SHOP: 'my-shop' }).issues[0]?.path).toBe('SHOPIFY_ACCESS_TOKEN');
    expect(configErrorOf({ SHOPIFY_SHOP: 'my-shop', SHOPIFY_CLIENT_ID: 'id' }).issues[0]?.path).toBe(
      'SHOPIFY_CLIENT_SECRET',
    );
    expect(
      configErrorOf({ SHOPIFY_SHOP: 'my-shop', SHOPIFY_ACCESS_TOKEN: 't', SHOPIFY_API_VERSION: '2026-05' }).issues[0]
        ?.path,
    ).toBe('SHOPIFY_API_VERSION');
    expect(
      configErrorOf({ SHOPIFY_SHOP: 'my-shop', SHOPIFY_ACCESS_TOKEN: 't', PASSERELLE_PORT: '99999' }).issues[0]?.path,
    ).toBe('PASSERELLE_PORT');
    expect(
      configErrorOf({ SHOPIFY_SHOP: 'my-shop', SHOPIFY_ACCESS_TOKEN: 't', PASSERELLE_SETTINGS: 'missing.json' })
        .issues[0]?.path,
    ).toBe('PASSERELLE_SETTINGS');
    expect(
      configErrorOf({
        SHOPIFY_APP_URL: 'http://insecure.example.com',
        SHOPIFY_CLIENT_ID: 'a',
        SHOPIFY_CLIENT_SECRET: 'b',
      }).issues[0]?.path,
    ).toBe('SHOPIFY_APP_URL');
  });

  it('defaults: port 8787, 127.0.0.1, ./passerelle-shopify.db, the pinned API version; a shop handle becomes its domain', () => {
    const config = readShopifyModuleConfig({ SHOPIFY_SHOP: 'My-Shop', SHOPIFY_ACCESS_TOKEN: 'shpat_x' }, directory);
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      apiVersion: '2026-07',
      shop: { domain: 'my-shop.myshopify.com' },
    });
    expect(config.dbPath).toBe(join(directory, 'passerelle-shopify.db'));
  });

  it('reads .env lines (quotes, export, comments) and refuses a malformed one with its line number', () => {
    expect(parseDotenv('# c\nexport SHOPIFY_SHOP="a-shop" \nSHOPIFY_ACCESS_TOKEN=shpat_1 # token\n')).toEqual({
      SHOPIFY_SHOP: 'a-shop',
      SHOPIFY_ACCESS_TOKEN: 'shpat_1',
    });
    expect(() => parseDotenv('OK=1\nnot a line')).toThrow(/line 2/);
  });
});

describe('npm run module:shopify', () => {
  it('serves the shop: prints the endpoint, the API version and the capabilities, and answers with its password', async () => {
    const shop = fake.addShop();
    const lines: string[] = [];
    const running = await startShopifyModule({
      env: { SHOPIFY_SHOP: shop.domain, SHOPIFY_ACCESS_TOKEN: shop.token, ...dbEnv() },
      cwd: directory,
      port: 0,
      print: (line) => lines.push(line),
    });
    try {
      const output = lines.join('\n');
      expect(output).toContain(`/passerelle/v1/shops/${shop.domain}`);
      expect(output).toContain('Admin API 2026-07');
      expect(output).toMatch(/write\s+products, stock, prices, customers/);
      expect(running.shownPassword).not.toBeNull();
      expect(output.split(running.shownPassword as string).length - 1).toBeGreaterThanOrEqual(1);
      expect(output).not.toContain(shop.token);
      const info = await fetch(`${running.url}/info`, {
        headers: { authorization: `Bearer ${running.shownPassword}` },
      });
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ platform: { platform: 'shopify', apiVersion: '2026-07' } });
    } finally {
      await running.stop();
    }
  });

  it('with client credentials and a settings file, on a second start the password is not shown again', async () => {
    const shop = fake.addShop();
    const credentials = fake.registerApp({
      clientId: 'example-client',
      clientSecret: 'example-secret-value',
      scopes: 'read_products',
    });
    const settingsPath = join(directory, 'settings.json');
    writeFileSync(settingsPath, JSON.stringify({ platform: { shopify: { orderCurrency: 'presentment' } } }));
    const env = {
      SHOPIFY_SHOP: shop.domain,
      SHOPIFY_CLIENT_ID: credentials.clientId,
      SHOPIFY_CLIENT_SECRET: credentials.clientSecret,
      PASSERELLE_SETTINGS: settingsPath,
      ...dbEnv(),
    };
    const first = await startShopifyModule({ env, cwd: directory, port: 0, print: () => {} });
    const settings = (await first.module?.settings.current())?.settings as unknown as {
      platform: { shopify: { orderCurrency: string } };
    };
    expect(settings.platform.shopify.orderCurrency).toBe('presentment');
    expect(first.shownPassword).not.toBeNull();
    await first.stop();
    const second = await startShopifyModule({ env, cwd: directory, port: 0, print: () => {} });
    expect(second.shownPassword).toBeNull();
    await second.stop();
  });

  it('refused credentials or an unknown shop: a plain message, never the token', async () => {
    const shop = fake.addShop();
    const refused = await startShopifyModule({
      env: { SHOPIFY_SHOP: shop.domain, SHOPIFY_ACCESS_TOKEN: 'shpat_wrong_secret_token', ...dbEnv() },
      cwd: directory,
      port: 0,
      print: () => {},
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ShopifyUnavailableError);
    expect((refused as Error).message).toMatch(/refused the credentials/);
    expect((refused as Error).message).not.toContain('shpat_wrong_secret_token');

    const missing = await startShopifyModule({
      env: { SHOPIFY_SHOP: 'no-such-shop-anywhere.myshopify.com', SHOPIFY_ACCESS_TOKEN: 'shpat_x', ...dbEnv() },
      cwd: directory,
      port: 0,
      print: () => {},
    }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ShopifyUnavailableError);
    expect((missing as Error).message).toMatch(/cannot be reached/);
  });
});
