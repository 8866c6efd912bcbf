import { describe, expect, it } from 'vitest';
import { adapterChecks } from './adapter-conformance.js';
import {
  CheckSkipped,
  type ConformanceCheck,
  registerChecks,
  runCheck,
  skipReason,
  validateSkips,
} from './register-checks.js';

describe('skips', () => {
  it('a check takes the reason of the first of its keys the bridge listed', () => {
    const keys = ['stock', 'updatedSince', 'stock.updatedSince'];
    expect(skipReason(keys, { 'stock.updatedSince': 'no modification date on stock' })).toBe(
      'no modification date on stock',
    );
    expect(skipReason(keys, { stock: 'no stock API', updatedSince: 'no filter' })).toBe('no stock API');
    expect(skipReason(keys, { 'orders.updatedSince': 'other entity' })).toBeUndefined();
  });

  it('a skip without a reason is refused', () => {
    expect(() => validateSkips(adapterChecks(), { deletes: '  ' })).toThrow(/skipping "deletes" needs a reason/);
  });

  it('a skip naming no check is refused, with the known keys listed', () => {
    expect(() => validateSkips(adapterChecks(), { delets: 'typo' } as Record<string, string>)).toThrow(
      /unknown skip key "delets"; known keys: .*deletes/,
    );
  });

  it('every check has a unique title and at least one skip key', () => {
    const checks = adapterChecks();
    expect(new Set(checks.map((check) => check.title)).size).toBe(checks.length);
    expect(checks.filter((check) => check.keys.length === 0)).toEqual([]);
  });
});

describe('runCheck', () => {
  it('reports a skip as CheckSkipped and always closes the context', async () => {
    let closed = 0;
    const check: ConformanceCheck<string, null> = {
      title: 'skips',
      keys: ['x'],
      run: async (_context, hooks) => hooks.skip('not provided'),
    };
    const outcome = runCheck(check, { context: null, close: async () => void closed++ });
    await expect(outcome).rejects.toBeInstanceOf(CheckSkipped);
    await expect(outcome).rejects.toThrow('skipped: not provided');
    expect(closed).toBe(1);
  });
});

describe('registerChecks', () => {
  registerChecks(
    'a bridge skipping a check',
    [{ title: 'the platform has it', keys: ['describe'], run: async () => {} }],
    { describe: 'the fake has no such API' },
    async () => ({ context: null, close: async () => {} }),
  );

  it('registers a skipped check as it.skip with the reason in its title', ({ task }) => {
    const suite = task.suite?.tasks.find((candidate) => candidate.name === 'a bridge skipping a check');
    const registered = suite && 'tasks' in suite ? suite.tasks : [];
    expect(registered.map((test) => [test.name, test.mode])).toEqual([
      ['the platform has it [skipped: the fake has no such API]', 'skip'],
    ]);
  });
});
