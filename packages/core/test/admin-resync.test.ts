import { createMemoryStore, createModule, type PasserelleModule, type Store, ValidationError } from '@passerelle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecordingAdapter, type RecordingAdapter } from './support/recording-adapter.js';

let adapter: RecordingAdapter;
let store: Store;
let module: PasserelleModule;

async function boot() {
  adapter = createRecordingAdapter();
  store = createMemoryStore();
  module = await createModule({ adapter, store });
  await module.jobs.run('sweep');
}

afterEach(async () => {
  await module?.close();
  await store?.close();
});

describe('detector.resyncFrom (the admin page’s resync)', () => {
  it('moves an incremental entity’s high-water mark back and re-journals only items dated from then on', async () => {
    await boot();
    const [early, late] = adapter.data.orders;
    early!.sourceUpdatedAt = '2026-01-01T00:00:00.000Z';
    late!.sourceUpdatedAt = '2026-05-01T00:00:00.000Z';
    await module.jobs.run('sweep');
    const mark = JSON.parse((await store.getCursor('default', 'journal.order.mark')) ?? '{}');
    expect(Date.parse(mark.highWaterMark)).toBeGreaterThanOrEqual(Date.parse('2026-05-01T00:00:00.000Z'));
    const before = await store.lastChangeSeq('default');

    const summary = await module.detector.resyncFrom('order', new Date('2026-04-01T00:00:00Z'));
    expect(summary).toMatchObject({ entity: 'order', from: '2026-04-01T00:00:00.000Z', incremental: true });
    expect(JSON.parse((await store.getCursor('default', 'journal.order.mark')) ?? '{}')).toEqual({
      highWaterMark: '2026-04-01T00:00:00.000Z',
      since: '2026-04-01T00:00:00.000Z',
    });
    await module.jobs.run('sweep');
    const again = await store.readChanges('default', { afterSeq: before, limit: 50, entities: ['order'] });
    expect(again.map((change) => change.id)).toContain(late!.id);
    expect(again.map((change) => change.id)).not.toContain(early!.id);
    expect(again.every((change) => change.op === 'updated')).toBe(true);
  });

  it('re-journals every item of an entity read whole (stock), and refuses an invalid date', async () => {
    await boot();
    const before = await store.lastChangeSeq('default');
    const summary = await module.detector.resyncFrom('stock', new Date('2026-01-01T00:00:00Z'));
    expect(summary).toMatchObject({ entity: 'stock', incremental: false, forgotten: 2 });
    await module.jobs.run('sweep');
    const again = await store.readChanges('default', { afterSeq: before, limit: 50, entities: ['stock'] });
    expect(again).toHaveLength(2);
    await expect(module.detector.resyncFrom('stock', new Date('nope'))).rejects.toBeInstanceOf(ValidationError);
  });
});
