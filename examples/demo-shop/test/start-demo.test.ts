import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortInUseError, ValidationError } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCloud } from '../src/cloud-run.js';
import { type RunningDemo, startDemo } from '../src/start-demo.js';

const quiet = { info() {}, warn() {}, error() {} };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'demo-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(cwd: string, env: Record<string, string> = {}): Promise<{ demo: RunningDemo; lines: string[] }> {
  const lines: string[] = [];
  const demo = await startDemo({ env, cwd, port: 0, print: (line) => lines.push(line), logger: quiet });
  cleanups.push(() => demo.stop());
  return { demo, lines };
}

/** Runs a printed `curl -s -H "Authorization: Bearer <secret>" <url>` with fetch, exactly as printed. */
async function runCurl(command: string, shellEnv: Record<string, string> = {}) {
  const match = /^curl -s -H "Authorization: Bearer ([^"]+)" "?([^"\s]+)"?$/.exec(command);
  if (!match) throw new Error(`not a curl command of the banner: ${command}`);
  const secret = (match[1] ?? '').replace(/^\$([A-Z_]+)$/, (_, name: string) => shellEnv[name] ?? '');
  const response = await fetch(match[2] ?? '', { headers: { authorization: `Bearer ${secret}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('startDemo (what npm start runs)', () => {
  it('first start: seeds, prints the password once and three curl commands that work as printed', async () => {
    const cwd = workDir();
    const { demo, lines } = await start(cwd);
    const output = lines.join('\n');
    expect(output).toMatch(/Seeded the demo shop: 56 products/);
    expect(output).toContain(`Endpoint      ${demo.url}`);
    expect(output).toContain('demo-shop 1.0.0 (API demo/1)');
    expect(output).toMatch(/read {4}products, categories, stock/);
    expect(output).toMatch(
      /Admin page {4}http:\/\/127\.0\.0\.1:\d+\/passerelle\/admin \(closed: set PASSERELLE_ADMIN_PASSWORD/,
    );
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/passerelle\/v1$/);
    expect(demo.shownPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(lines.filter((line) => line.includes(demo.shownPassword ?? '')).length).toBeGreaterThan(0);
    expect(demo.curlCommands).toHaveLength(3);
    for (const command of demo.curlCommands) expect(output).toContain(`  ${command}`);

    const [info, orders, changes] = await Promise.all(demo.curlCommands.map((command) => runCurl(command)));
    expect(info?.status).toBe(200);
    expect(info?.body).toMatchObject({ platform: { platform: 'demo-shop', apiVersion: 'demo/1' } });
    expect(orders?.status).toBe(200);
    const queued = orders?.body.items as { status: { status: string } }[];
    expect(queued).toHaveLength(5);
    expect(
      queued.every((order) =>
        ['paid', 'processing', 'shipped', 'delivered', 'completed'].includes(order.status.status),
      ),
    ).toBe(true);
    expect(orders?.body.nextCursor).toEqual(expect.any(String));
    expect(changes?.status).toBe(200);
    expect(changes?.body.items).toHaveLength(5);
  });

  it('later start: the password is not shown again; the commands use $PASSERELLE_PASSWORD', async () => {
    const cwd = workDir();
    const first = await start(cwd);
    const password = first.demo.shownPassword ?? '';
    await first.demo.stop();
    const { demo, lines } = await start(cwd);
    expect(demo.shownPassword).toBeNull();
    expect(lines.join('\n')).not.toContain(password);
    expect(lines.join('\n')).toMatch(/fingerprint sha256:[0-9a-f]{8}/);
    expect(lines.join('\n')).toContain('export PASSERELLE_PASSWORD=');
    expect(lines.join('\n')).not.toMatch(/Seeded/);
    const { status } = await runCurl(demo.curlCommands[0] ?? '', { PASSERELLE_PASSWORD: password });
    expect(status).toBe(200);
    expect((await runCurl(demo.curlCommands[0] ?? '', { PASSERELLE_PASSWORD: 'not-the-password-1' })).status).toBe(401);
  });

  it('PASSERELLE_PASSWORD (here from a .env file) sets the password and is never printed', async () => {
    const cwd = workDir();
    writeFileSync(
      join(cwd, '.env'),
      '# demo\nPASSERELLE_PASSWORD="from-dotenv-password-42"\nPASSERELLE_DB=./state.db\n',
    );
    const { demo, lines } = await start(cwd);
    expect(demo.shownPassword).toBeNull();
    expect(demo.config.dbPath).toBe(join(cwd, 'state.db'));
    expect(lines.join('\n')).not.toContain('from-dotenv-password-42');
    const { status } = await runCurl(demo.curlCommands[1] ?? '', { PASSERELLE_PASSWORD: 'from-dotenv-password-42' });
    expect(status).toBe(200);
  });

  it('PASSERELLE_ADMIN_PASSWORD opens the admin page, which never shows the endpoint password', async () => {
    const cwd = workDir();
    const { demo, lines } = await start(cwd, { PASSERELLE_ADMIN_PASSWORD: 'admin-password-for-demo' });
    expect(lines.join('\n')).toContain('(log in with PASSERELLE_ADMIN_PASSWORD)');
    expect(lines.join('\n')).not.toContain('admin-password-for-demo');
    const page = await fetch(demo.url.replace('/passerelle/v1', '/passerelle/admin'));
    expect(page.status).toBeLessThan(500);
    expect(await page.text()).not.toContain(demo.shownPassword ?? '');
  });

  it('PASSERELLE_SETTINGS applies a validated settings file; the queue follows it', async () => {
    const cwd = workDir();
    writeFileSync(join(cwd, 'settings.json'), JSON.stringify({ orders: { read: { syncStatuses: ['paid'] } } }));
    const { demo } = await start(cwd, { PASSERELLE_SETTINGS: 'settings.json' });
    const orders = await runCurl(demo.curlCommands[1]?.replace('limit=5', 'limit=50') ?? '', {});
    expect((orders.body.items as { status: { status: string } }[]).map((order) => order.status.status)).toEqual([
      'paid',
      'paid',
      'paid',
      'paid',
    ]);
  });

  it('a malformed variable stops start-up with a message naming it', async () => {
    const cwd = workDir();
    await expect(startDemo({ env: { PASSERELLE_PORT: 'eighty' }, cwd, print: () => {} })).rejects.toThrow(
      /^PASSERELLE_PORT: /,
    );
    await expect(startDemo({ env: { PASSERELLE_PASSWORD: 'short' }, cwd, print: () => {} })).rejects.toThrow(
      /^PASSERELLE_PASSWORD: /,
    );
    await expect(startDemo({ env: { PASSERELLE_SETTINGS: 'missing.json' }, cwd, print: () => {} })).rejects.toThrow(
      /^PASSERELLE_SETTINGS: no settings file/,
    );
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ orders: { read: { syncStatuses: ['nope'] } } }));
    const refused = await startDemo({
      env: { PASSERELLE_SETTINGS: 'bad.json' },
      cwd,
      port: 0,
      print: () => {},
      logger: quiet,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues[0]?.path).toBe('PASSERELLE_SETTINGS');
    expect((refused as Error).message).toMatch(/orders\.read\.syncStatuses/);
  });

  it('a port in use is said plainly, and the databases are closed behind it', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const cwd = workDir();
    const error = await startDemo({ env: {}, cwd, port, print: () => {}, logger: quiet }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toBe(
      `Port ${port} on 127.0.0.1 is already in use. Stop the other process, or choose another port with PASSERELLE_PORT.`,
    );
    // Nothing stays open: the same files start fine on a free port.
    const { demo } = await start(cwd);
    expect(demo.port).not.toBe(port);
  });

  it('through the real endpoint, a batch answers one result per item and a bad SKU fails alone', async () => {
    const cwd = workDir();
    const { demo } = await start(cwd);
    const response = await fetch(`${demo.url}/stock`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demo.shownPassword}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [
          { reference: 'NO-SUCH-SKU', quantity: 1 },
          { reference: 'ACC-BELT', quantity: 77, location: 'geneva' },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { key: string; outcome: string }[] };
    expect(results.map((result) => [result.key, result.outcome])).toEqual([
      ['NO-SUCH-SKU', 'failed'],
      ['ACC-BELT@geneva', 'updated'],
    ]);
  });

  it('the cloud side (npm run demo:cloud) drains the queue, writes stock and products, and reports it', async () => {
    const cwd = workDir();
    const { demo } = await start(cwd);
    const lines: string[] = [];
    const progress: string[] = [];
    const summary = await runCloud({
      baseUrl: demo.url,
      password: demo.shownPassword ?? '',
      print: (line) => lines.push(line),
      progress: { isTTY: false, write: (text) => progress.push(text) },
      now: () => new Date('2030-06-01T10:00:00.000Z'),
    });
    expect(summary.ordersRead).toBe(22);
    expect(summary.acknowledged).toBe(22);
    expect(summary.outcomes.failed).toBe(0);
    expect(summary.outcomes.created).toBe(1);
    expect(summary.withheld).toEqual({ name: 4, weight: 4 });
    expect(progress.join('')).toMatch(/acknowledge \[#{24}\] 3\/3/);
    expect(progress.join('')).not.toContain('\r');
    expect(lines.join('\n')).toMatch(/Summary: 1 created, \d+ updated, \d+ unchanged, 0 skipped, 0 failed/);

    const queue = await fetch(`${demo.url}/orders`, { headers: { authorization: `Bearer ${demo.shownPassword}` } });
    expect(((await queue.json()) as { items: unknown[] }).items).toEqual([]);
    const reference = `ERP-NEW-${Date.parse('2030-06-01T10:00:00.000Z').toString(36).toUpperCase()}`;
    const created = (await demo.adapter.products.getByReferences([reference])).get(reference);
    expect(created).toMatchObject({ defaultCategory: 'Kitchen', quantity: 12, price: '24.92' });
  });
});
