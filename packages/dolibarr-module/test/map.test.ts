import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  customerSchema,
  divideDecimals,
  invoiceSchema,
  orderSchema,
  productSchema,
  roundDecimal,
  shipmentSchema,
  variantSchema,
} from '@passerelle/core';
import { describe, expect, it } from 'vitest';
import type { AttributeInfo } from '../src/lookups.js';
import { customerFromDolibarr, displayName } from '../src/map/customer.js';
import { isoFromLocal, isoFromUnix, localFromIso } from '../src/map/dates.js';
import { amountOf, decimalOf, rateOf } from '../src/map/decimal.js';
import { impliedRate, priceColumns, taxColumns } from '../src/map/erp-order.js';
import { invoiceFromDolibarr } from '../src/map/invoice.js';
import { languageFromDolibarr, languageToDolibarr } from '../src/map/language.js';
import { orderFromDolibarr } from '../src/map/order.js';
import { levelPrice, productFromDolibarr } from '../src/map/product.js';
import { shipmentFromDolibarr } from '../src/map/shipment.js';
import { variantFromDolibarr } from '../src/map/variant.js';
import type {
  DolibarrCombination,
  DolibarrDocument,
  DolibarrProduct,
  DolibarrThirdparty,
} from '../src/payloads.types.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(here, 'fixtures', name), 'utf8')) as T;
const context = { language: 'en', priceLevel: 1, timeZone: 'Europe/Paris', stockType: 'physical' as const };

describe('decimals and dates', () => {
  it('reads 8-decimal strings, JSON numbers and empties without floats', () => {
    expect(amountOf('400.00000000')).toBe('400.00');
    expect(amountOf('0.12345000')).toBe('0.12345');
    expect(amountOf(5)).toBe('5.00');
    expect(amountOf(null)).toBe('0.00');
    expect(rateOf('20.000')).toBe('20');
    expect(rateOf('5.500')).toBe('5.5');
    expect(decimalOf('1e5')).toBeNull();
    expect(roundDecimal('0.125', 2)).toBe('0.13');
    expect(roundDecimal('-0.125', 2)).toBe('-0.13');
    expect(divideDecimals('10', '3', 4)).toBe('3.3333');
  });

  it('reads unix seconds and server-local strings as UTC, across a DST change', () => {
    expect(isoFromUnix(1748736000)).toBe('2025-06-01T00:00:00Z');
    expect(isoFromUnix('0')).toBeUndefined();
    expect(isoFromLocal('0000-00-00 00:00:00', 'UTC')).toBeUndefined();
    expect(isoFromLocal('2024-02-02 22:10:09', 'Europe/Paris')).toBe('2024-02-02T21:10:09Z');
    expect(isoFromLocal('2024-07-02 22:10:09', 'Europe/Paris')).toBe('2024-07-02T20:10:09Z');
    expect(localFromIso('2024-03-31T01:30:00Z', 'Europe/Paris')).toBe('2024-03-31 03:30:00');
  });

  it('converts languages both ways', () => {
    expect(languageFromDolibarr('fr_FR')).toBe('fr-FR');
    expect(languageFromDolibarr('en')).toBe('en');
    expect(languageFromDolibarr('garbage!')).toBeUndefined();
    expect(languageToDolibarr('fr')).toBe('fr_FR');
    expect(languageToDolibarr('fr-CA')).toBe('fr_CA');
  });
});

describe('product and variants', () => {
  it('maps the product of Dolibarr/dolibarr#27973 into the contract', () => {
    const product = productFromDolibarr(fixture<DolibarrProduct>('product-40.json'), context);
    expect(productSchema.parse(product)).toEqual(product);
    expect(product).toMatchObject({
      id: '40',
      reference: 'test_roller',
      name: { en: 'test_roller' },
      description: { en: 'jon tester roller' },
      price: '400.00',
      taxRate: '0',
      active: true,
      tracksStock: true,
      sourceUpdatedAt: '2024-02-02T21:10:09Z',
    });
  });

  it('reads the chosen price level when Dolibarr runs several', () => {
    const raw = {
      ...fixture<DolibarrProduct>('product-40.json'),
      multiprices: { '1': '400.00000000', '3': '350.50000000' },
    };
    expect(levelPrice(raw, 3)).toBe('350.50');
    expect(levelPrice(raw, 2)).toBe('400.00');
  });

  it('maps a combination and its child product into a first-class variant', () => {
    const [, second] = fixture<DolibarrCombination[]>('variants-10.json');
    const attributes = new Map<number, AttributeInfo>([
      [1, { id: 1, ref: 'SIZE', label: 'Size', values: new Map([[3, { ref: 'L', value: 'L' }]]) }],
    ]);
    const parent: DolibarrProduct = { id: '10', ref: 'TSHIRT', price: '19.90000000' };
    const child: DolibarrProduct = {
      id: '12',
      ref: 'TSHIRT-L',
      status: '1',
      stock_reel: 4,
      date_modification: '2025-06-01 10:00:00',
    };
    const variant = variantFromDolibarr(second as DolibarrCombination, child, parent, attributes, {
      timeZone: 'UTC',
      stockType: 'physical',
    });
    expect(variantSchema.parse(variant)).toEqual(variant);
    expect(variant).toMatchObject({
      id: '12',
      productId: '10',
      reference: 'TSHIRT-L',
      options: [{ name: 'Size', value: 'L' }],
      priceImpact: '5.00',
      quantity: 4,
    });
  });

  it('turns a percentage impact into an amount of the parent price', () => {
    const combination: DolibarrCombination = {
      id: 3,
      fk_product_child: 13,
      variation_price: 10,
      variation_price_percentage: true,
      attributes: [],
    };
    const variant = variantFromDolibarr(
      combination,
      { id: '13', ref: 'X' },
      { id: '10', price: '19.90000000' },
      new Map(),
      { timeZone: 'UTC', stockType: 'physical' },
    );
    expect(variant.priceImpact).toBe('1.99');
  });
});

describe('customer', () => {
  it('maps a third party into a customer with its code, names, language and address', () => {
    const customer = customerFromDolibarr(fixture<DolibarrThirdparty>('thirdparty-3.json'), 'FR');
    expect(customerSchema.parse(customer)).toEqual(customer);
    expect(customer).toMatchObject({
      id: '3',
      reference: 'CU2506-00003',
      email: 'marie.durand@example.org',
      firstName: 'Marie',
      lastName: 'Durand',
      language: 'fr-FR',
      addresses: [{ address1: '12 rue des Lilas', postcode: '69003', city: 'Lyon', country: 'FR' }],
    });
    expect(customer.company).toBeUndefined();
  });

  it('names a third party after the company, else the person, upper-cased on demand', () => {
    expect(displayName({ company: 'Café des Arts', firstName: 'Léa' }, false)).toBe('Café des Arts');
    expect(displayName({ firstName: 'Léa', lastName: 'Dubois' }, true)).toBe('LÉA DUBOIS');
  });
});

describe('documents', () => {
  it('maps an order: product lines, the shipping line on its service, the linked invoice number', () => {
    const raw = fixture<DolibarrDocument>('order-7.json');
    // The fixture's shipping line has no product: with the shipping service's ref it becomes a charge.
    const lines = (raw.lines as Record<string, unknown>[]).map((line) =>
      line.label === 'Shipping' ? { ...line, fk_product: '99', product_ref: 'SHIPPING' } : line,
    );
    const order = orderFromDolibarr(
      { ...raw, lines },
      {
        thirdparty: fixture<DolibarrThirdparty>('thirdparty-3.json'),
        countryCode: 'FR',
        fallbackCountry: 'FR',
        invoices: [fixture<DolibarrDocument>('invoice-5.json')],
        shipments: [fixture<DolibarrDocument>('shipment-9.json')],
        childToParent: new Map([[11, { parentId: 10, combinationId: 1 }]]),
        services: { shipping: 'SHIPPING', discount: 'DISCOUNT', wrapping: 'WRAPPING', rounding: 'ROUNDING' },
        guestAccount: null,
        mainCurrency: 'EUR',
        shippingMethods: [{ id: 2, code: 'COLSUI', label: 'Colissimo' }],
        paymentTypes: [{ id: 6, code: 'CB', label: 'Credit card' }],
      },
    );
    expect(orderSchema.parse(order)).toBeTruthy();
    expect(order.lines).toEqual([
      expect.objectContaining({
        id: '21',
        productId: '10',
        variantId: '11',
        reference: 'TSHIRT-S-WHITE',
        quantity: 1,
        unitPriceExcl: '23.90',
        unitPriceIncl: '28.68',
        totalIncl: '28.68',
      }),
    ]);
    expect(order.shipping).toEqual([
      expect.objectContaining({
        name: 'Shipping',
        totalExcl: '6.00',
        totalIncl: '7.20',
        carrier: { id: '2', name: 'Colissimo' },
      }),
    ]);
    expect(order).toMatchObject({
      reference: 'CO2506-0007',
      status: { status: 'processing', rawStatus: '1' },
      invoiceNumber: 'FA2506-0005',
      documentNumber: 'CO2506-0007',
      trackingNumbers: ['6A12345678901'],
      roundingDelta: '0.00',
    });
    expect(order.totals).toMatchObject({ totalIncl: '35.88', taxTotal: '5.98', paid: '10.00' });
  });

  it('maps an invoice of an order, and a shipment with its tracking number', () => {
    const invoice = invoiceFromDolibarr(fixture<DolibarrDocument>('invoice-5.json'), 'EUR');
    expect(invoiceSchema.parse(invoice)).toEqual(invoice);
    expect(invoice).toMatchObject({
      number: 'FA2506-0005',
      orderId: '7',
      status: 'partially_paid',
      totalIncl: '35.88',
    });
    const shipment = shipmentFromDolibarr(fixture<DolibarrDocument>('shipment-9.json'), [
      { id: 2, code: 'COLSUI', label: 'Colissimo' },
    ]);
    expect(shipmentSchema.parse(shipment)).toEqual(shipment);
    expect(shipment).toMatchObject({
      orderId: '7',
      trackingNumber: '6A12345678901',
      carrier: { name: 'Colissimo' },
      lines: [{ lineId: '21', quantity: 1 }],
    });
    expect(
      shipmentFromDolibarr({ ...fixture<DolibarrDocument>('shipment-9.json'), tracking_number: '' }, []),
    ).toBeNull();
  });
});

describe('order lines for Dolibarr', () => {
  it('combines several taxes into one rate, or splits them into VAT and local taxes', () => {
    const taxes = [
      { name: 'GST', rate: '5', amount: '1.00' },
      { name: 'QST', rate: '9.975', amount: '2.00' },
    ];
    expect(taxColumns(taxes, 'combined')).toEqual({ tva_tx: '14.975', localtax1_tx: '0', localtax2_tx: '0' });
    expect(taxColumns(taxes, 'separate')).toEqual({ tva_tx: '5', localtax1_tx: '9.975', localtax2_tx: '0' });
  });

  it('derives the rate of a discount from its amounts and converts foreign prices at the order rate', () => {
    expect(impliedRate('10.00', '12.00')).toBe('20');
    expect(impliedRate('0', '0')).toBe('0');
    expect(priceColumns('94.12', true, '0.9412')).toEqual({
      subprice: '100.00000000',
      multicurrency_subprice: '94.12',
    });
    expect(priceColumns('10.00', false, '1')).toEqual({ subprice: '10.00' });
  });
});
