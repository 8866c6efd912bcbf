import { z } from 'zod';
import { currencyCodeSchema, decimalString } from './common.js';

/** An amount with its currency: `{ "amount": "19.90", "currency": "EUR" }`. */
export const moneySchema = z.object({
  amount: decimalString,
  currency: currencyCodeSchema,
});

export type Money = z.infer<typeof moneySchema>;
