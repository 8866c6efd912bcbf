import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createMemoryAdapter,
  createModule,
  curlCommands,
  type EnvSource,
  type ModuleBase,
  PortInUseError,
  readModuleEnv,
  StartupError,
  startModule,
  ValidationError,
} from '../index.js';

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'starter-start-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const setup = {
  readConfig: (env: EnvSource, cwd: string) => readModuleEnv(env, cwd, { db: './module.db' }),
  create: (base: ModuleBase) => createModule({ ...base, adapter: createMemoryAdapter() }),
};

async function start(dir: string, env: Record<string, string> = {}, extra: { check?: () => Promise<string> } = {}) {
  const lines: string[] = [];
  const started = await startModule(
    { env, cwd: dir, port: 0, print: (line) => lines.push(line), logger: { info() {}, warn() {}, error() {} } },
    {
      ...setup,
      ...extra,
      banner: ({ url, shownPassword }) => [`Endpoint ${url}`, ...curlCommands(url, ['/info'], shownPassword)],
    },
  );
  onTestFinished(() => started.stop());
  return { started, lines };
}

describe('startModule', () => {
  it('first start: reads .env, listens, sweeps, prints the banner and the generated password once', async () => {
    const dir = workDir();
    writeFileSync(join(dir, '.env'), 'PASSERELLE_DB=./from-dotenv.db\n');
    const { started, lines } = await start(dir, {}, { check: async () => 'memory shop' });
    expect(started.config.dbPath).toBe(join(dir, 'from-dotenv.db'));
    expect(lines).toEqual([
      `Endpoint ${started.url}`,
      `curl -s -H "Authorization: Bearer ${started.shownPassword}" ${started.url}/info`,
    ]);
    expect(started.checked).toBe('memory shop');
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/passerelle\/v1$/);
    expect(started.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/passerelle\/admin$/);
    expect(started.shownPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(started.fingerprint).toMatch(/^sha256:[0-9a-f]{8}$/);
    const info = await fetch(`${started.url}/info`, { headers: { authorization: `Bearer ${started.shownPassword}` } });
    expect(info.status).toBe(200);
    const changes = await fetch(`${started.url}/changes?limit=1`, {
      headers: { authorization: `Bearer ${started.shownPassword}` },
    });
    expect(((await changes.json()) as { items: unknown[] }).items).toHaveLength(1);

    await started.stop();
    await started.stop();
    const { started: again, lines: later } = await start(dir);
    expect(again.shownPassword).toBeNull();
    expect(later.join('\n')).not.toContain(started.shownPassword);
    expect(again.fingerprint).toBe(started.fingerprint);
  });

  it('PASSERELLE_PASSWORD and PASSERELLE_SETTINGS apply; a refused settings file names the variable', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ orders: { read: { syncStatuses: ['paid'] } } }));
    const { started, lines } = await start(dir, {
      PASSERELLE_PASSWORD: 'from-the-environment-1',
      PASSERELLE_SETTINGS: 'settings.json',
    });
    expect(started.shownPassword).toBeNull();
    expect(lines[0]).toBe(`Settings from ${join(dir, 'settings.json')}: orders.read.syncStatuses`);
    expect(lines.join('\n')).not.toContain('from-the-environment-1');
    const info = await fetch(`${started.url}/info`, { headers: { authorization: 'Bearer from-the-environment-1' } });
    expect(info.status).toBe(200);
    await started.stop();

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ orders: { read: { syncStatuses: ['nope'] } } }));
    const refused = await start(dir, { PASSERELLE_SETTINGS: 'bad.json' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues[0]?.path).toBe('PASSERELLE_SETTINGS');
    expect((refused as Error).message).toMatch(/bad\.json was refused \(orders\.read\.syncStatuses/);
  });

  it('a failed check stops start-up before anything is written, and closes what it opened', async () => {
    const dir = workDir();
    class ShopUnreachableError extends StartupError {}
    const failed = await start(dir, {}, { check: () => Promise.reject(new ShopUnreachableError('no shop')) }).catch(
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(ShopUnreachableError);
    // No password was stored: the next start is still a first start.
    const { started } = await start(dir);
    expect(started.shownPassword).not.toBeNull();
  });

  it('a taken port is a PortInUseError naming PASSERELLE_PORT', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const dir = workDir();
    const error = await startModule({ env: { PASSERELLE_PORT: String(port) }, cwd: dir, print: () => {} }, setup).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as PortInUseError).issues[0]?.path).toBe('PASSERELLE_PORT');
    expect((error as Error).message).toBe(
      `Port ${port} on 127.0.0.1 is already in use. Stop the other process, or choose another port with PASSERELLE_PORT.`,
    );
    const { started } = await start(dir);
    expect(started.port).not.toBe(port);
  });
});
