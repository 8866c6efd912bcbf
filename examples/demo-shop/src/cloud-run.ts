import { addDecimals } from '@passerelle/core';
import {
  createClient,
  type ItemResult,
  type Order,
  PasserelleHttpError,
  PasserelleNetworkError,
} from '@passerelle/core/client';
import { createProgress, type ProgressStream } from './progress-bar.js';

export interface CloudRunOptions {
  baseUrl: string;
  password: string;
  /** Human-readable report lines. */
  print: (line: string) => void;
  /** Where the progress bars go. */
  progress: ProgressStream;
  /** Orders read and acknowledged per page. @default 10 */
  pageSize?: number;
  /** Dates the ERP document numbers. @default () => new Date() */
  now?: () => Date;
}

export interface CloudSummary {
  ordersRead: number;
  acknowledged: number;
  outcomes: Record<ItemResult['outcome'], number>;
  /** Field name -> how many items had it withheld by a sync rule. */
  withheld: Record<string, number>;
  failures: { key: string; error: string }[];
}

/** The cloud's side refused to run: the message says what to do. */
export class CloudRunError extends Error {
  override name = 'CloudRunError';
}

function describeItemError(error: ItemResult['error']): string {
  if (typeof error === 'string') return error;
  return error?.message ?? 'failed';
}

/**
 * Plays the ERP cloud against a running module: reads the whole order queue and acknowledges it
 * page by page with ERP document numbers, then pushes a stock batch and a product batch, and tells
 * what happened to every item.
 */
export async function runCloud(options: CloudRunOptions): Promise<CloudSummary> {
  const client = createClient({ baseUrl: options.baseUrl, password: options.password, retry: 2 });
  const pageSize = options.pageSize ?? 10;
  const now = options.now ?? (() => new Date());
  const summary: CloudSummary = {
    ordersRead: 0,
    acknowledged: 0,
    outcomes: { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    withheld: {},
    failures: [],
  };
  const tally = (results: ItemResult[]) => {
    for (const result of results) {
      summary.outcomes[result.outcome]++;
      for (const field of result.withheld ?? []) summary.withheld[field] = (summary.withheld[field] ?? 0) + 1;
      if (result.outcome === 'failed')
        summary.failures.push({ key: result.key, error: describeItemError(result.error) });
    }
  };

  try {
    const info = await client.info();
    const platform = info.platform as { platform?: string; platformVersion?: string; apiVersion?: string } | undefined;
    options.print(
      `Connected to ${client.baseUrl}: ${platform?.platform ?? 'unknown platform'} ${platform?.platformVersion ?? ''} (API ${platform?.apiVersion ?? 'n/a'})`,
    );

    // 1. The order queue, read to its end, then acknowledged page by page once "imported".
    const reading = createProgress('orders', null, options.progress);
    const pages: Order[][] = [[]];
    for await (const order of client.orders.pending({ pageSize })) {
      const current = pages[pages.length - 1] as Order[];
      if (current.length === pageSize) pages.push([order]);
      else current.push(order);
      summary.ordersRead++;
      // One step per page read: a line per order would drown a log.
      if (summary.ordersRead % pageSize === 0)
        reading.update(summary.ordersRead, `last read #${order.reference ?? order.id}`);
    }
    const queued = pages.filter((page) => page.length > 0);
    reading.finish(`${summary.ordersRead} order(s) waiting in the queue`);

    const stamp = now().toISOString().slice(2, 10).replace(/-/g, '');
    let sequence = 0;
    const acking = createProgress('acknowledge', queued.length, options.progress);
    for (const [index, page] of queued.entries()) {
      const items = page.map((order) => ({
        id: order.id,
        documentNumber: `SO${stamp}-${String(++sequence).padStart(4, '0')}`,
      }));
      const { results } = await client.orders.acknowledge(items);
      tally(results);
      summary.acknowledged += results.filter((result) => result.outcome !== 'failed').length;
      acking.update(index + 1, `${summary.acknowledged} acknowledged`);
    }
    acking.finish(`${summary.acknowledged} order(s) acknowledged with ERP document numbers`);
    for (const page of queued) {
      for (const order of page) {
        const totals = (order as { totals?: { totalIncl?: string } }).totals;
        options.print(
          `  imported order ${order.reference ?? order.id} (${order.currency ?? ''} ${totals?.totalIncl ?? '?'})`,
        );
      }
    }

    // 2. A stock count from the ERP's warehouses: 20 absolute quantities.
    const levels = (await client.stock.list({ limit: 100 })).items.filter((level) => level.reference).slice(0, 20);
    const stockItems = levels.map((level, index) => ({
      reference: level.reference as string,
      quantity: Math.max(0, level.quantity + ((index % 5) - 1) * 3),
      ...(level.location ? { location: level.location } : {}),
      asOf: now().toISOString(),
    }));
    const stocking = createProgress('stock', stockItems.length, options.progress);
    const stock = await client.stock.put(stockItems);
    tally(stock.results);
    stocking.update(stockItems.length);
    const stockChanged = stock.results.filter((result) => result.outcome === 'updated').length;
    stocking.finish(`${stockItems.length} quantities sent, ${stockChanged} changed`);

    // 3. A product batch: four ERP updates (ERP labels, new prices, weights) and one new article.
    const products = (await client.products.list({ limit: 50 })).items
      .filter((product) => product.reference && !(product as { variants?: unknown[] }).variants?.length)
      .slice(0, 4);
    const productItems: Record<string, unknown>[] = products.map((product, index) => {
      const fields = product as {
        name?: Record<string, string>;
        price?: string;
        weight?: { value: string; unit: string };
      };
      const label = (fields.name?.en ?? product.reference ?? 'article').toUpperCase();
      return {
        reference: product.reference as string,
        name: { en: label },
        price: addDecimals(fields.price ?? '0', `${index + 1}.50`),
        weight: { value: '1.000', unit: 'kg' },
      };
    });
    const newReference = `ERP-NEW-${now().getTime().toString(36).toUpperCase()}`;
    productItems.push({
      reference: newReference,
      name: { en: 'Linen Apron', fr: 'Tablier en lin' },
      price: '24.92',
      taxRate: '20',
      defaultCategory: 'Kitchen',
      quantity: 12,
      weight: { value: '0.250', unit: 'kg' },
    });
    const producting = createProgress('products', productItems.length, options.progress);
    const written = await client.products.put(productItems as { reference: string }[]);
    tally(written.results);
    producting.update(productItems.length);
    producting.finish(`${productItems.length} products sent`);
    for (const result of written.results) {
      options.print(
        `  ${result.key}: ${result.outcome}${result.changed?.length ? ` (changed ${result.changed.join(', ')})` : ''}` +
          `${result.withheld?.length ? ` (withheld ${result.withheld.join(', ')})` : ''}${result.error ? `: ${describeItemError(result.error)}` : ''}`,
      );
    }
  } catch (error) {
    if (error instanceof PasserelleNetworkError) {
      throw new CloudRunError(
        `Cannot reach ${options.baseUrl} (${error.errorCode ?? error.message}). Is \`npm start\` running?`,
      );
    }
    if (error instanceof PasserelleHttpError && (error.status === 401 || error.status === 403)) {
      throw new CloudRunError(
        `The module refused the password (HTTP ${error.status}). Use the one \`npm start\` printed.`,
      );
    }
    throw error;
  }

  const { outcomes } = summary;
  options.print('');
  options.print(
    `Summary: ${outcomes.created} created, ${outcomes.updated} updated, ${outcomes.unchanged} unchanged, ` +
      `${outcomes.skipped} skipped, ${outcomes.failed} failed`,
  );
  const withheld = Object.entries(summary.withheld).map(([field, count]) => `${field} x${count}`);
  options.print(`Withheld by the shop's sync rules: ${withheld.length ? withheld.join(', ') : 'nothing'}`);
  for (const failure of summary.failures) options.print(`  failed ${failure.key}: ${failure.error}`);
  return summary;
}
