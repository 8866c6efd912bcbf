import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  countryCodeSchema,
  currencyCodeSchema,
  decimalString,
  emailSchema,
  isoDateTimeSchema,
  languageCodeSchema,
  localizedTextSchema,
  nonNegativeDecimal,
  percentDecimal,
  requiredLocalizedTextSchema,
  urlSchema,
} from './common.js';
import { moneySchema } from './money.js';

const cases: { name: string; schema: z.ZodType; valid: unknown[]; invalid: unknown[] }[] = [
  {
    name: 'decimalString',
    schema: decimalString,
    valid: ['19.90', '0', '-0.01', '1000000', '0.000001', '007'],
    invalid: [19.9, 19, '19,90', '1e3', '', ' 1', '+1', '.5', '1.', '1 000.00', 'NaN', null],
  },
  {
    name: 'nonNegativeDecimal',
    schema: nonNegativeDecimal,
    valid: ['0', '19.90', '0.5'],
    invalid: ['-0.01', '-1', 1, '1,5'],
  },
  {
    name: 'percentDecimal',
    schema: percentDecimal,
    valid: ['0', '12.5', '100', '100.00'],
    invalid: ['100.01', '-5', '250'],
  },
  {
    name: 'currencyCode',
    schema: currencyCodeSchema,
    valid: ['EUR', 'CAD', 'USD'],
    invalid: ['EU', 'eur', 'EURO', '€', ''],
  },
  { name: 'countryCode', schema: countryCodeSchema, valid: ['FR', 'CA', 'US'], invalid: ['fr', 'FRA', 'F', ''] },
  {
    name: 'languageCode',
    schema: languageCodeSchema,
    valid: ['en', 'fr', 'fr-CA', 'zh-Hant-TW', 'es-419'],
    invalid: ['EN', 'fr-ca', 'fr_CA', 'french', ''],
  },
  {
    name: 'isoDateTime (UTC only)',
    schema: isoDateTimeSchema,
    valid: ['2024-05-01T09:30:00Z', '2024-05-01T09:30:00.123Z'],
    invalid: ['2024-05-01T09:30:00+02:00', '2024-05-01 09:30:00', '0000-00-00 00:00:00', '2024-05-01', 1714555800],
  },
  {
    name: 'email',
    schema: emailSchema,
    valid: ['claire.martin@example.fr', 'bob+shop@mail.example.com'],
    invalid: ['claire.martin@', 'not an email', 'a@b', ''],
  },
  {
    name: 'url',
    schema: urlSchema,
    valid: ['https://shop.example.com/1-large_default/a.jpg', 'http://localhost:8080/x.pdf'],
    invalid: ['javascript:alert(1)', 'ftp://example.com/a.jpg', '/relative/path.jpg'],
  },
  {
    name: 'localizedText',
    schema: localizedTextSchema,
    valid: [{}, { en: 'Shirt', fr: 'Chemise', 'fr-CA': 'Chandail' }],
    invalid: [{ EN: 'Shirt' }, { en: 3 }, 'Shirt'],
  },
  { name: 'requiredLocalizedText', schema: requiredLocalizedTextSchema, valid: [{ en: 'Shirt' }], invalid: [{}] },
];

describe.each(cases)('$name', ({ schema, valid, invalid }) => {
  it.each(valid.map((value) => [value]))('accepts %j', (value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });
  it.each(invalid.map((value) => [value]))('refuses %j', (value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});

describe('moneySchema', () => {
  it('accepts a decimal string with an ISO 4217 currency', () => {
    expect(moneySchema.parse({ amount: '19.90', currency: 'EUR' })).toEqual({ amount: '19.90', currency: 'EUR' });
  });

  it.each([
    ['a float', { amount: 19.9, currency: 'EUR' }, ['amount']],
    ['a comma decimal', { amount: '19,90', currency: 'EUR' }, ['amount']],
    ['an exponent', { amount: '1e3', currency: 'EUR' }, ['amount']],
    ['an empty amount', { amount: '', currency: 'EUR' }, ['amount']],
    ['a 2-letter currency', { amount: '19.90', currency: 'EU' }, ['currency']],
  ])('refuses %s at the exact path', (_case, input, path) => {
    const result = moneySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('tells a float sender what to send instead', () => {
    const result = moneySchema.safeParse({ amount: 19.9, currency: 'EUR' });
    expect(result.error?.issues[0]?.message).toMatch(/decimal string/);
  });
});
