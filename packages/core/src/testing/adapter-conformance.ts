import { defaultSettings } from '../settings/index.js';
import type { AdapterCheck, AdapterCheckContext } from './adapter-check-context.js';
import type { AdapterConformanceOptions, ConformanceSubject, MakeConformanceSubject } from './conformance.types.js';
import { cursorStabilityCheck } from './cursor-stability-check.js';
import { describeChecks } from './describe-checks.js';
import { guestOrderCheck, multiTaxCheck, orderStatusCheck, variantsCheck } from './order-checks.js';
import { productWriteChecks } from './product-write-checks.js';
import { readChecks } from './read-checks.js';
import { type OpenedContext, registerChecks } from './register-checks.js';
import { stockWriteCheck } from './stock-write-check.js';

/** Every adapter check, in report order. */
export function adapterChecks(): AdapterCheck[] {
  const reads = readChecks();
  const productReads = reads.filter((check) => check.keys[0] === 'products');
  const otherReads = reads.filter((check) => check.keys[0] !== 'products');
  return [
    ...describeChecks,
    ...productReads,
    cursorStabilityCheck,
    ...productWriteChecks,
    variantsCheck,
    ...otherReads,
    guestOrderCheck,
    multiTaxCheck,
    orderStatusCheck,
    stockWriteCheck,
  ];
}

/** Builds the context of one check from a fresh subject; closing it runs the subject's cleanup. */
export async function openAdapterContext(
  makeSubject: MakeConformanceSubject,
  options: AdapterConformanceOptions = {},
): Promise<OpenedContext<AdapterCheckContext>> {
  const subject: ConformanceSubject = await makeSubject();
  const pageSize = options.pageSize ?? 2;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error('conformance: pageSize must be a positive integer');
  return {
    context: {
      subject,
      adapter: subject.adapter,
      fixtures: subject.fixtures,
      pageSize,
      write: { shopId: options.shopId ?? 'default', settings: options.settings ?? defaultSettings() },
      now: () => subject.now?.() ?? new Date(),
    },
    close: async () => {
      await subject.cleanup?.();
    },
  };
}

/**
 * The suite every bridge runs against its platform fake (`describe(name)` with one `it` per check). Each check
 * gets a fresh subject from `makeSubject`, so writes never leak between checks. A check whose operation the
 * adapter lacks asserts that `capabilitiesOf(adapter)` reports it absent; `options.skip` silences a check the
 * platform cannot pass, and the reason is printed with the skipped test.
 *
 * @example
 * runAdapterConformance('woocommerce', async () => {
 *   const fake = createFakeWooCommerce();
 *   return { adapter: createWooAdapter(fake.options), fixtures: fake.fixtures, mutate: fake.backOffice };
 * }, { skip: { 'stock.updatedSince': 'WooCommerce cannot filter stock by modification date' } });
 */
export function runAdapterConformance(
  name: string,
  makeSubject: MakeConformanceSubject,
  options: AdapterConformanceOptions = {},
): void {
  registerChecks(`adapter conformance: ${name}`, adapterChecks(), options.skip ?? {}, () =>
    openAdapterContext(makeSubject, options),
  );
}
