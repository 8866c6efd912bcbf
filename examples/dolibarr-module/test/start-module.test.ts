import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@passerelle/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeDolibarr } from '../../../packages/dolibarr-module/test/fake-dolibarr.js';
import { DolibarrUnavailableError, startDolibarrModule } from '../src/start-module.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const silent = { info() {}, warn() {}, error() {} };

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'dolibarr-module-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('startDolibarrModule', () => {
  it('names the variable that is missing or malformed', async () => {
    const { dir, cleanup } = workspace();
    const start = (env: Record<string, string>) =>
      startDolibarrModule({ env, cwd: dir, print: () => {}, logger: silent });
    await expect(start({})).rejects.toThrow(/^DOLIBARR_URL: is required/);
    await expect(start({ DOLIBARR_URL: 'erp.example.com' })).rejects.toThrow(/^DOLIBARR_URL:/);
    await expect(start({ DOLIBARR_URL: 'https://erp.example.com' })).rejects.toThrow(/^DOLIBARR_API_KEY: is required/);
    const entity = await start({
      DOLIBARR_URL: 'https://erp.example.com',
      DOLIBARR_API_KEY: 'k',
      DOLIBARR_ENTITY: 'two',
    }).catch((error: unknown) => error);
    expect(entity).toBeInstanceOf(ValidationError);
    expect((entity as ValidationError).issues[0]?.path).toBe('DOLIBARR_ENTITY');
    await expect(
      start({ DOLIBARR_URL: 'https://erp.example.com', DOLIBARR_API_KEY: 'k', PASSERELLE_PORT: 'eighty' }),
    ).rejects.toThrow(/^PASSERELLE_PORT:/);
    cleanup();
  });

  it('says plainly that Dolibarr refused the key, without the key', async () => {
    const { dir, cleanup } = workspace();
    const fake = createFakeDolibarr();
    server.use(...fake.handlers);
    const error = await startDolibarrModule({
      env: { DOLIBARR_URL: fake.url, DOLIBARR_API_KEY: 'not-the-key-5521', PASSERELLE_DB: join(dir, 'state.db') },
      cwd: dir,
      print: () => {},
      logger: silent,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DolibarrUnavailableError);
    expect((error as Error).message).toMatch(/refused the API key \(401\)/);
    expect((error as Error).message).not.toContain('not-the-key-5521');
    cleanup();
  });

  it('says plainly that Dolibarr cannot be reached', async () => {
    const { dir, cleanup } = workspace();
    const error = await startDolibarrModule({
      env: { DOLIBARR_URL: 'http://127.0.0.1:9', DOLIBARR_API_KEY: 'k', PASSERELLE_DB: join(dir, 'state.db') },
      cwd: dir,
      print: () => {},
      logger: silent,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DolibarrUnavailableError);
    expect((error as Error).message).toMatch(/cannot be reached/);
    cleanup();
  });

  it('prints the endpoint, the Dolibarr version and the capabilities, and the password once', async () => {
    const { dir, cleanup } = workspace();
    const fake = createFakeDolibarr();
    const live = await fake.listen();
    const lines: string[] = [];
    const env = { DOLIBARR_URL: live.url, DOLIBARR_API_KEY: fake.apiKey, PASSERELLE_DB: join(dir, 'state.db') };
    const first = await startDolibarrModule({
      env,
      cwd: dir,
      port: 0,
      print: (line) => lines.push(line),
      logger: silent,
    });
    expect(lines.join('\n')).toMatch(/Endpoint\s+http:\/\/127\.0\.0\.1:\d+\/passerelle\/v1/);
    expect(lines.join('\n')).toMatch(/Platform\s+dolibarr 20\.0\.2 .*user passerelle-api/);
    expect(lines.join('\n')).toMatch(/write\s+.*erpOrders/);
    expect(first.shownPassword).toMatch(/\S{16,}/);
    const info = await fetch(`${first.url}/info`, { headers: { authorization: `Bearer ${first.shownPassword}` } });
    expect(info.status).toBe(200);
    await first.stop();

    const again = await startDolibarrModule({ env, cwd: dir, port: 0, print: () => {}, logger: silent });
    expect(again.shownPassword).toBeNull();
    await again.stop();
    await live.close();
    cleanup();
  });
});
