import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/progress-bar.js';

describe('progress bar', () => {
  it('redraws one line in place on a terminal', () => {
    const out: string[] = [];
    const progress = createProgress('stock', 4, { isTTY: true, write: (text) => out.push(text) });
    progress.update(1, 'first');
    progress.update(4);
    progress.finish('done');
    expect(out[0]).toBe('\rstock      [######------------------] 1/4  first');
    // The shorter line is padded over the longer one it replaces.
    expect(out[1]).toBe(`\r${'stock      [########################] 4/4'.padEnd((out[0]?.length ?? 1) - 1)}`);
    expect(out.at(-1)).toBe('stock      done\n');
  });

  it('writes plain lines without escape codes elsewhere, and copes with an unknown total', () => {
    const out: string[] = [];
    const progress = createProgress('orders', null, { isTTY: false, write: (text) => out.push(text) });
    progress.update(10);
    progress.finish('10 read');
    expect(out).toEqual(['orders     [........................] 10\n', 'orders     10 read\n']);
  });
});
