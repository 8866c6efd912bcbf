import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv, ValidationError } from '@passerelle/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFakePrestashop,
  FAKE_KEY,
  FAKE_URL,
  type FakePrestashop,
} from '../../../packages/prestashop-bridge/test/fake-prestashop.js';
import {
  type RunningPrestashopModule,
  readPrestashopConfig,
  ShopUnreachableError,
  startPrestashopModule,
} from '../src/index.js';

let dir: string;
let fake: FakePrestashop;
let running: RunningPrestashopModule | null = null;
const fast = { retry: { limit: 1, delay: () => 5, jitter: false }, timeoutMs: 2000 };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-prestashop-'));
  fake = createFakePrestashop();
});

afterEach(async () => {
  await running?.stop();
  running = null;
  fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  PRESTASHOP_URL: FAKE_URL,
  PRESTASHOP_WEBSERVICE_KEY: FAKE_KEY,
  ...extra,
});

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('configuration from the environment', () => {
  it('names the missing or malformed variable, never the key itself', () => {
    expect(refusal(() => readPrestashopConfig({}, dir)).issues[0]?.path).toBe('PRESTASHOP_URL');
    expect(refusal(() => readPrestashopConfig({ PRESTASHOP_URL: FAKE_URL }, dir)).issues[0]?.path).toBe(
      'PRESTASHOP_WEBSERVICE_KEY',
    );
    const short = refusal(() => readPrestashopConfig(env({ PRESTASHOP_WEBSERVICE_KEY: 'tooshortsecret' }), dir));
    expect(short.message).toMatch(/^PRESTASHOP_WEBSERVICE_KEY: expected the 32 letters and digits/);
    expect(short.message).not.toContain('tooshortsecret');
    expect(refusal(() => readPrestashopConfig(env({ PRESTASHOP_URL: 'shop.example' }), dir)).issues[0]?.path).toBe(
      'PRESTASHOP_URL',
    );
    expect(refusal(() => readPrestashopConfig(env({ PRESTASHOP_SHOP_ID: 'main' }), dir)).issues[0]?.path).toBe(
      'PRESTASHOP_SHOP_ID',
    );
    expect(refusal(() => readPrestashopConfig(env({ PASSERELLE_PORT: '99999' }), dir)).issues[0]?.path).toBe(
      'PASSERELLE_PORT',
    );
    expect(refusal(() => readPrestashopConfig(env({ PASSERELLE_SETTINGS: 'missing.json' }), dir)).issues[0]?.path).toBe(
      'PASSERELLE_SETTINGS',
    );
  });

  it('applies the defaults of DESIGN §8 and reads .env under the real environment', () => {
    const config = readPrestashopConfig(env(), dir);
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dbPath: join(dir, 'passerelle-prestashop.db'),
      shopId: null,
      password: null,
    });
    expect(parseDotenv('# comment\nexport PRESTASHOP_SHOP_ID=2\nPASSERELLE_HOST="0.0.0.0" # any\n')).toEqual({
      PRESTASHOP_SHOP_ID: '2',
      PASSERELLE_HOST: '0.0.0.0',
    });
  });
});

describe('npm run module:prestashop', () => {
  it('reaches the shop, prints the endpoint, the PrestaShop version and the capabilities, and serves /info', async () => {
    const lines: string[] = [];
    writeFileSync(join(dir, '.env'), `PASSERELLE_DB=${join(dir, 'state.db')}\n`);
    running = await startPrestashopModule({
      env: env(),
      cwd: dir,
      port: 0,
      print: (line) => lines.push(line),
      prestashop: fast,
    });
    const banner = lines.join('\n');
    expect(banner).toContain(`Endpoint      ${running.url}`);
    expect(banner).toContain('version 8.1.7, API webservice-8.x-9.x');
    expect(banner).toMatch(/write +products, categories, stock, prices, customers, customerGroups/);
    expect(banner).toContain('every resource and method the bridge uses');
    expect(banner).not.toContain(FAKE_KEY);
    expect(running.shownPassword).toMatch(/\S{16,}/);
    expect(running.config.dbPath).toBe(join(dir, 'state.db'));
    const info = await fetch(`${running.url}/info`, { headers: { authorization: `Bearer ${running.shownPassword}` } });
    expect(info.status).toBe(200);
    expect(((await info.json()) as { platform: { platform: string } }).platform.platform).toBe('prestashop');
  });

  it('lists the rights the key lacks', async () => {
    fake.stop();
    fake = createFakePrestashop({
      permissions: {
        languages: ['GET'],
        currencies: ['GET'],
        countries: ['GET'],
        states: ['GET'],
        configurations: ['GET'],
        order_states: ['GET'],
        translated_configurations: ['GET'],
        taxes: ['GET'],
        tax_rules: ['GET'],
        tax_rule_groups: ['GET'],
        carriers: ['GET'],
        shops: ['GET'],
        groups: ['GET'],
        product_features: ['GET'],
        product_options: ['GET'],
        product_option_values: ['GET'],
        orders: ['GET'],
        products: ['GET'],
        stock_availables: ['GET'],
        combinations: ['GET'],
        customers: ['GET'],
        addresses: ['GET'],
        categories: ['GET'],
        order_details: ['GET'],
        order_histories: ['GET'],
        order_carriers: ['GET'],
        order_cart_rules: ['GET'],
        cart_rules: ['GET'],
        order_payments: ['GET'],
        order_invoices: ['GET'],
        customer_threads: ['GET'],
        customer_messages: ['GET'],
        messages: ['GET'],
        specific_prices: ['GET'],
        manufacturers: ['GET'],
        suppliers: ['GET'],
        product_feature_values: ['GET'],
      },
    });
    const lines: string[] = [];
    running = await startPrestashopModule({
      env: env({ PASSERELLE_DB: join(dir, 'a.db') }),
      cwd: dir,
      port: 0,
      print: (line) => lines.push(line),
      prestashop: fast,
    });
    const banner = lines.join('\n');
    expect(banner).toContain('Key rights    missing');
    expect(banner).toContain('stock_availables: PUT, PATCH');
    expect(banner).toContain('images: GET, POST, DELETE');
  });

  it('stops plainly when PrestaShop refuses the key', async () => {
    const wrong = 'WRONGKEY0123456789ABCDEFGHIJKLMN';
    const error = await startPrestashopModule({
      env: env({ PRESTASHOP_WEBSERVICE_KEY: wrong, PASSERELLE_DB: join(dir, 'b.db') }),
      cwd: dir,
      port: 0,
      print: () => {},
      prestashop: fast,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShopUnreachableError);
    expect((error as Error).message).toMatch(
      /refused the webservice key in PRESTASHOP_WEBSERVICE_KEY \(Authentification key is not active; No permission for this authentication key\)/,
    );
    expect((error as Error).message).not.toContain(wrong);
  });

  it('stops plainly when the shop cannot be reached', async () => {
    fake.fault({ kind: 'network', times: 10 });
    const error = await startPrestashopModule({
      env: env({ PASSERELLE_DB: join(dir, 'c.db') }),
      cwd: dir,
      port: 0,
      print: () => {},
      prestashop: fast,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ShopUnreachableError);
    expect((error as Error).message).toMatch(/^PrestaShop at https:\/\/shop\.test could not be reached/);
  });

  it('refuses a settings file naming the bad field', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ platform: { prestashop: { writeConcurrency: 99 } } }));
    const error = await startPrestashopModule({
      env: env({ PASSERELLE_DB: join(dir, 'd.db'), PASSERELLE_SETTINGS: 'settings.json' }),
      cwd: dir,
      port: 0,
      print: () => {},
      prestashop: fast,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('PASSERELLE_SETTINGS');
    expect((error as Error).message).toContain('platform.prestashop.writeConcurrency');
  });
});
