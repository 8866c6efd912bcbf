import { afterEach, describe, expect, it, vi } from 'vitest';

// Counts how often the OpenAPI document is generated: it is built from every route's zod schemas, so it must be
// built once per app, on the first request that wants it, and served as the same bytes afterwards.
const generated = vi.hoisted(() => ({ count: 0 }));
vi.mock('./openapi.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./openapi.js')>();
  return {
    ...actual,
    buildOpenApi: (...args: Parameters<typeof actual.buildOpenApi>) => {
      generated.count++;
      return actual.buildOpenApi(...args);
    },
  };
});

const { buildOpenApi, createMemoryAdapter, createMemoryStore, createModule } = await import('../index.js');

const PASSWORD = 'openapi-cache-password-0123';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function boot(basePath?: string) {
  const store = createMemoryStore();
  const module = await createModule({ adapter: createMemoryAdapter(), store, ...(basePath ? { basePath } : {}) });
  await module.settings.setPassword(PASSWORD, 'test');
  cleanup.push(
    () => module.close(),
    () => store.close(),
  );
  return (path: string) =>
    module.fetch(
      new Request(`http://module.test${basePath ?? '/passerelle/v1'}${path}`, {
        headers: { authorization: `Bearer ${PASSWORD}` },
      }),
    );
}

describe('GET /openapi.json', () => {
  it('builds the document once per app, on first use, and serves the same JSON every time', async () => {
    generated.count = 0;
    const call = await boot();
    await call('/info');
    expect(generated.count).toBe(0);

    const first = await call('/openapi.json');
    const second = await call('/openapi.json');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get('content-type')).toBe('application/json');
    const [firstText, secondText] = [await first.text(), await second.text()];
    expect(secondText).toBe(firstText);
    expect(generated.count).toBe(1);
    expect(JSON.parse(firstText)).toEqual(buildOpenApi('/passerelle/v1', '1'));

    // Another app builds its own, for its own base path.
    const other = await boot('/sync/v1');
    const document = (await (await other('/openapi.json')).json()) as { servers: { url: string }[] };
    expect(document.servers).toEqual([{ url: '/sync/v1' }]);
    await other('/openapi.json');
    expect(generated.count).toBe(3);
  });

  it('still requires the endpoint credentials', async () => {
    const store = createMemoryStore();
    const module = await createModule({ adapter: createMemoryAdapter(), store });
    await module.settings.setPassword(PASSWORD, 'test');
    cleanup.push(
      () => module.close(),
      () => store.close(),
    );
    const response = await module.fetch(new Request('http://module.test/passerelle/v1/openapi.json'));
    expect(response.status).toBe(401);
  });
});
