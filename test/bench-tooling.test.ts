/**
 * The benchmark tooling every package relies on (bench/): the `BENCH_JSON` contract, the PNG the
 * performance page embeds, the latency proxy and the initial-sync harness, checked on small inputs so
 * `npm test` proves them without running a benchmark.
 */
import { inflateSync } from 'node:zlib';
import { createMemoryAdapter } from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import {
  type BenchOutput,
  type BenchRow,
  formatBenchLine,
  parseBenchOutput,
  runInitialSync,
  withLatency,
  withRatio,
} from '../bench/index.js';
import { crc32, createBitmap, encodePng, fillRect } from '../bench/png.js';
import { renderRatioChart } from '../bench/ratio-chart.js';
import { ratioTable } from '../bench/render-performance.js';

describe('the BENCH_JSON line', () => {
  const row: BenchRow = { name: 'calls per 1,000 stock updates', measured: 12, floor: 10, unit: 'calls' };
  const output: BenchOutput = { package: '@passerelle/woocommerce-bridge', rows: [row] };

  it('round-trips through format and parse, filling the ratio in', () => {
    const parsed = parseBenchOutput(`warming up\n| a table |\n${formatBenchLine(output)}\n`);
    expect(parsed).toEqual({ ok: true, output: { ...output, rows: [{ ...row, ratio: 1.2 }] } });
  });

  it('takes the last line when a benchmark printed several', () => {
    const later: BenchOutput = { ...output, rows: [{ ...row, measured: 10 }] };
    const parsed = parseBenchOutput(`${formatBenchLine(output)}\n${formatBenchLine(later)}`);
    expect(parsed.ok && parsed.output.rows[0]?.measured).toBe(10);
  });

  it.each([
    ['no line at all', 'just a table\n', /no "BENCH_JSON" line/],
    ['a line that is not JSON', 'BENCH_JSON {"package":', /not JSON/],
    ['a row without a unit', 'BENCH_JSON {"package":"x","rows":[{"name":"n","measured":1}]}', /rows\.0\.unit/],
    ['an unknown field', 'BENCH_JSON {"package":"x","rows":[],"extra":1}', /does not match/],
  ])('explains %s instead of throwing', (_case, stdout, reason) => {
    const parsed = parseBenchOutput(stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(reason);
  });

  it('refuses to print a line that breaks the contract', () => {
    expect(() => formatBenchLine({ package: 'x', rows: [{ name: 'n', measured: Number.NaN, unit: 'ms' }] })).toThrow();
  });

  it('keeps a ratio the package computed, and leaves rows without a floor alone', () => {
    expect(withRatio({ name: 'n', measured: 5, floor: 10, ratio: 0.4, unit: 'x' }).ratio).toBe(0.4);
    expect(withRatio({ name: 'n', measured: 5, unit: 'x' }).ratio).toBeUndefined();
  });
});

describe('the ratio table', () => {
  it('keeps the rows of a package that missed its own target, and says which target', () => {
    const table = ratioTable({
      generatedAt: '2026-11-23T00:00:00.000Z',
      machine: { node: 'v20', platform: 'linux', cpus: 2, cpuModel: 'x', memoryGb: 24, loadAverage: [0, 0, 0] },
      packages: [
        {
          package: '@passerelle/prestashop-bridge',
          workspace: 'packages/prestashop-bridge',
          status: 'target-missed',
          reason: 'bench: target missed',
          durationMs: 1,
          rows: [{ name: 'stock writes', measured: 6200, floor: 5000, ratio: 1.24, unit: 'ms', better: 'lower' }],
        },
        {
          package: '@passerelle/x',
          workspace: 'packages/x',
          status: 'failed',
          reason: 'exit 2',
          durationMs: 1,
          rows: [],
        },
      ],
    });
    expect(table).toContain('| @passerelle/prestashop-bridge | **target missed**: bench: target missed |');
    expect(table).toContain('| stock writes | 6,200 ms | 5,000 ms | 1.24× ⚠ |');
    expect(table).toContain('| @passerelle/x | **failed**: exit 2 |');
  });
});

describe('the PNG encoder', () => {
  it('writes a valid PNG: signature, chunk CRCs, and the pixels back out of IDAT', () => {
    const bitmap = createBitmap(3, 2, [255, 255, 255]);
    fillRect(bitmap, 1, 0, 1, 2, [10, 20, 30]);
    const png = encodePng(bitmap);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let offset = 8; offset < png.length; ) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('ascii', offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      chunks.push({ type, data });
      offset += 12 + length;
    }
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = chunks[0]?.data as Buffer;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([3, 2, 8, 6]);
    const raw = inflateSync(chunks[1]?.data as Buffer);
    // Row 0: filter byte, then white, the drawn column, white.
    expect([...raw.subarray(0, 13)]).toEqual([0, 255, 255, 255, 255, 10, 20, 30, 255, 255, 255, 255, 255]);
  });

  it('computes the CRC-32 of the PNG specification', () => {
    expect(crc32(Buffer.from('IEND', 'ascii'))).toBe(0xae426082);
  });

  it('draws a chart with a bar per row and a line per package without rows', () => {
    const png = renderRatioChart('title', 'subtitle', [
      { name: '@passerelle/core', bars: [{ label: 'throughput', ratio: 0.5, value: '50 vs 100', better: 'higher' }] },
      { name: '@passerelle/woocommerce-bridge', bars: [], note: 'no benchmark yet' },
    ]);
    const height = png.readUInt32BE(20);
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(150);
  });
});

describe('the latency proxy and the initial-sync harness', () => {
  it('delays and counts every platform call, and keeps the capabilities', async () => {
    const { adapter, stats } = withLatency(createMemoryAdapter(), 15);
    const started = performance.now();
    await Promise.all([adapter.describe(), adapter.products?.getByReferences?.(['MUG']), adapter.orders?.get('1001')]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(14);
    expect(stats).toMatchObject({
      calls: 3,
      maxInFlight: 3,
      byOperation: { describe: 1, 'products.getByReferences': 1, 'orders.get': 1 },
    });
    expect(typeof adapter.products?.write).toBe('function');
    expect(typeof adapter.stock?.write).toBe('function');
  });

  it('loads a catalogue, every item created, and reports calls against the floor', async () => {
    let proxy: ReturnType<typeof withLatency> | undefined;
    const result = await runInitialSync(
      {
        name: 'memory adapter',
        async create(latencyMs) {
          proxy = withLatency(
            createMemoryAdapter({ products: [], orders: [], customers: [], categories: [] }),
            latencyMs,
          );
          return { adapter: proxy.adapter, calls: () => proxy?.stats.calls ?? 0, concurrency: 2 };
        },
      },
      { products: 1_200, latencyMs: 5, clientConcurrency: 2, store: 'memory' },
    );
    expect(result.outcomes).toEqual({ created: 1_200 });
    // 3 batches of 500/500/200, each a lookup and a write.
    expect(result.platformCalls).toBe(6);
    expect(result.floorMs).toBe((6 * 5) / 2);
    expect(result.ratio).toBeCloseTo(result.wallMs / result.floorMs);
    expect((await proxy?.adapter.products?.getByReferences?.(['SKU-000000', 'SKU-001199']))?.size).toBe(2);
  });
});
