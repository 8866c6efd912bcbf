import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv, ValidationError } from '@passerelle/core';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  createFakeWooCommerce,
  type FakeWooCommerce,
} from '../../../packages/woocommerce-bridge/test/fake-woocommerce.js';
import { readWooModuleConfig } from '../src/config.js';
import { ShopUnavailableError, startWooModule } from '../src/start.js';

let dir: string;
let fake: FakeWooCommerce;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-woo-example-'));
  fake = createFakeWooCommerce();
  fake.listen();
});

afterEach(() => {
  fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    WOOCOMMERCE_URL: fake.baseUrl,
    WOOCOMMERCE_CONSUMER_KEY: fake.consumerKey,
    WOOCOMMERCE_CONSUMER_SECRET: fake.consumerSecret,
    PASSERELLE_DB: join(dir, 'module.db'),
    ...extra,
  };
}

function issuePath(error: unknown): string | undefined {
  return error instanceof ValidationError ? error.issues[0]?.path : undefined;
}

describe('configuration from the environment', () => {
  it('a missing or malformed variable stops start-up with its name', () => {
    const cases: [Record<string, string | undefined>, string][] = [
      [{ WOOCOMMERCE_URL: undefined }, 'WOOCOMMERCE_URL'],
      [{ WOOCOMMERCE_URL: 'shop.example' }, 'WOOCOMMERCE_URL'],
      [{ WOOCOMMERCE_CONSUMER_KEY: 'cs_swapped_with_the_secret' }, 'WOOCOMMERCE_CONSUMER_KEY'],
      [{ WOOCOMMERCE_CONSUMER_SECRET: '' }, 'WOOCOMMERCE_CONSUMER_SECRET'],
      [{ WOOCOMMERCE_URL: 'http://plain.example', WOOCOMMERCE_AUTH: 'basic' }, 'WOOCOMMERCE_AUTH'],
      [{ PASSERELLE_PORT: '99999' }, 'PASSERELLE_PORT'],
      [{ WOOCOMMERCE_WEBHOOK_SECRET: 'short' }, 'WOOCOMMERCE_WEBHOOK_SECRET'],
      [{ PASSERELLE_SETTINGS: join('/nonexistent', 'settings.json') }, 'PASSERELLE_SETTINGS'],
    ];
    for (const [overrides, variable] of cases) {
      let caught: unknown;
      try {
        readWooModuleConfig(env(overrides), dir);
      } catch (error) {
        caught = error;
      }
      expect(issuePath(caught), JSON.stringify(overrides)).toBe(variable);
      expect((caught as Error).message).toMatch(new RegExp(`^${variable}: `));
    }
  });

  it('the error for a bad secret never repeats the secret', () => {
    const secret = 'not-a-woo-secret-value';
    expect(() => readWooModuleConfig(env({ WOOCOMMERCE_CONSUMER_SECRET: secret }), dir)).toThrow(
      /WOOCOMMERCE_CONSUMER_SECRET: expected a WooCommerce consumer secret starting with cs_$/,
    );
  });

  it('reads .env, and the real environment wins over it', () => {
    expect(parseDotenv('# shop\nWOOCOMMERCE_URL="https://a.example"\nexport PASSERELLE_PORT=9000 # note\n')).toEqual({
      WOOCOMMERCE_URL: 'https://a.example',
      PASSERELLE_PORT: '9000',
    });
    expect(() => parseDotenv('oops')).toThrow(/line 1/);
  });
});

describe('startWooModule', () => {
  it('starts: checks the shop, listens, prints the endpoint, the WooCommerce version and the capabilities', async () => {
    const lines: string[] = [];
    writeFileSync(join(dir, '.env'), `PASSERELLE_HOST=127.0.0.1\n`);
    const running = await startWooModule({
      env: env(),
      cwd: dir,
      port: 0,
      print: (line) => lines.push(line),
      logger: { info() {}, warn() {}, error() {} },
    });
    onTestFinished(() => running.stop());
    const banner = lines.join('\n');
    expect(banner).toContain(`Endpoint      ${running.url}`);
    expect(banner).toMatch(/Platform {6}WooCommerce 9\.8\.0 \(API wc\/v3, Basic over https\)/);
    expect(banner).toMatch(/Capabilities {2}read {4}products, categories, stock, customers, orders/);
    expect(banner).toContain(running.shownPassword as string);
    expect(banner).not.toContain(fake.consumerSecret);
    const info = await fetch(`${running.url}/info`, { headers: { authorization: `Bearer ${running.shownPassword}` } });
    expect(info.status).toBe(200);
  });

  it('a refused key stops start-up with a plain sentence, exit code material, no secret', async () => {
    const error = (await startWooModule({
      env: env({ WOOCOMMERCE_CONSUMER_SECRET: 'cs_wrongwrongwrong0000' }),
      cwd: dir,
      port: 0,
      print: () => undefined,
      retry: { limit: 0 },
    }).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ShopUnavailableError);
    expect(error.message).toMatch(
      /^WooCommerce at https:\/\/shop\.test refused the REST key .*Consumer secret is invalid/,
    );
    expect(error.message).not.toContain('cs_wrongwrongwrong0000');
  });

  it('an unreachable shop stops start-up saying so', async () => {
    fake.server.use(http.all('https://down.test/*', () => HttpResponse.error()));
    const error = (await startWooModule({
      env: env({ WOOCOMMERCE_URL: 'https://down.test' }),
      cwd: dir,
      port: 0,
      print: () => undefined,
      retry: { limit: 0 },
    }).catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(ShopUnavailableError);
    expect(error.message).toMatch(/^Cannot reach WooCommerce at https:\/\/down\.test/);
  });
});
