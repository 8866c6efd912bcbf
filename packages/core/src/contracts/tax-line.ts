import { z } from 'zod';
import { decimalString, nonNegativeDecimal } from './common.js';

/**
 * One tax applied to an amount, as the shop computed it. An amount carries several when
 * taxes stack (Canada GST + QST, US state + county), so ERPs can book each one.
 */
export const taxLineSchema = z.object({
  name: z.string().min(1),
  /** Percent: `"20.000"` is 20 %. */
  rate: nonNegativeDecimal,
  amount: decimalString,
});

export type TaxLine = z.infer<typeof taxLineSchema>;
