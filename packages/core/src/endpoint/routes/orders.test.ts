import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMemoryStore, createModule } from '../../index.js';
import { createManualClock } from '../../state/manual-clock.js';

const PASSWORD = 'orders-group-password-0123';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

describe('GET /orders grouped by day', () => {
  it('remembers every day group it serves, so acknowledging a group acknowledges its member orders', async () => {
    const store = createMemoryStore();
    const module = await createModule({
      adapter: createMemoryAdapter(),
      store,
      // Long after the demo orders: every day they were placed on is closed.
      clock: createManualClock('2030-01-01T00:00:00.000Z'),
      settings: { orders: { groupByDay: { enabled: true, guestOnly: false, account: '411000' } } },
    });
    await module.settings.setPassword(PASSWORD, 'test');
    cleanup.push(
      () => module.close(),
      () => store.close(),
    );
    const call = async (path: string, body?: unknown) => {
      const response = await module.fetch(
        new Request(`http://module.test/passerelle/v1${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      expect(response.status).toBe(200);
      return response.json() as Promise<Record<string, unknown>>;
    };

    const queue = (await call('/orders?limit=500')).items as { id: string }[];
    const groups = queue.map((order) => order.id).filter((id) => id.startsWith('day-'));
    expect(groups.length).toBeGreaterThan(1);

    const acknowledged = (await call('/orders/acknowledge', { items: groups.map((id) => ({ id })) })).results as {
      key: string;
      outcome: string;
    }[];
    expect(acknowledged.map((result) => result.outcome)).toEqual(groups.map(() => 'updated'));
    const after = (await call('/orders?limit=500')).items as { id: string }[];
    expect(after.map((order) => order.id).filter((id) => id.startsWith('day-'))).toEqual([]);
  });
});
