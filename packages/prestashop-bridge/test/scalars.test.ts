import { describe, expect, it } from 'vitest';
import {
  createDateCodec,
  decimal,
  money,
  multiplyDecimals,
  psId,
  shiftDecimal,
  toLinkRewrite,
} from '../src/map/scalars.js';
import { buildEntityXml, parseXml, xmlErrors, xmlText } from '../src/xml.js';

describe('PrestaShop scalars', () => {
  it('normalises six-decimal strings without floats', () => {
    expect(decimal('23.900000')).toBe('23.9');
    expect(money('23.900000')).toBe('23.90');
    expect(decimal('-0.000000')).toBe('0');
    expect(decimal('20.000')).toBe('20');
    expect(decimal('')).toBe('0');
    expect(decimal(7)).toBe('7');
    expect(money('0.1')).toBe('0.10');
    expect(decimal('000123.4500')).toBe('123.45');
  });

  it('moves the decimal point and multiplies exactly', () => {
    expect(shiftDecimal('15', -2)).toBe('0.15');
    expect(shiftDecimal('0.100000', 2)).toBe('10');
    expect(shiftDecimal('0.5', -3)).toBe('0.0005');
    expect(shiftDecimal('12', 3)).toBe('12000');
    expect(multiplyDecimals('37.92', '9.975')).toBe('378.252');
    expect(multiplyDecimals('-1.5', '2')).toBe('-3');
  });

  it('reads "0" and empty ids as none', () => {
    expect(psId('0')).toBeNull();
    expect(psId('')).toBeNull();
    expect(psId(12)).toBe('12');
  });

  it('converts shop wall-clock dates to UTC and back, across daylight saving time', () => {
    const paris = createDateCodec('Europe/Paris');
    expect(paris.toIso('2024-03-02 09:15:00')).toBe('2024-03-02T08:15:00Z');
    expect(paris.toIso('2024-07-02 09:15:00')).toBe('2024-07-02T07:15:00Z');
    expect(paris.toIso('0000-00-00 00:00:00')).toBeUndefined();
    expect(paris.toIso('garbage')).toBeUndefined();
    expect(paris.toPs('2024-07-02T07:15:00.900Z')).toBe('2024-07-02 09:15:00');
    expect(paris.toPs('2024-03-31T01:30:00Z')).toBe('2024-03-31 03:30:00');
    expect(paris.toIsoDate('1985-04-12')).toBe('1985-04-12');
    expect(paris.toIsoDate('0000-00-00')).toBeUndefined();
    const montreal = createDateCodec('America/Montreal');
    expect(montreal.toIso(montreal.toPs('2024-11-03T08:30:00Z'))).toBe('2024-11-03T08:30:00Z');
    // 01:30 happens twice the night clocks go back; a wall-clock date cannot tell which: the first is read.
    expect(montreal.toIso('2024-11-03 01:30:00')).toBe('2024-11-03T05:30:00Z');
    expect(() => createDateCodec('Mars/Olympus')).toThrow(RangeError);
  });

  it('makes URL segments PrestaShop accepts', () => {
    expect(toLinkRewrite('Chemise en lin – été !')).toBe('chemise-en-lin-ete');
    expect(toLinkRewrite('***')).toBe('item');
  });
});

describe('XML bodies', () => {
  it('wraps values in CDATA, splits a "]]>" inside them, and writes languages and associations', () => {
    const xml = buildEntityXml('product', {
      fields: { id: '4', description: { languages: { '1': 'a ]]> b', '2': 'c' } }, active: true, state: null },
      associations: {
        categories: { node: 'category', items: [{ id: '2' }, { id: '8' }] },
        accessories: { node: 'product', items: [] },
      },
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><product>' +
        '<id><![CDATA[4]]></id><description><language id="1"><![CDATA[a ]]]]><![CDATA[> b]]></language>' +
        '<language id="2"><![CDATA[c]]></language></description><active><![CDATA[1]]></active><state></state>' +
        '<associations><categories><category><id><![CDATA[2]]></id></category><category><id><![CDATA[8]]></id></category>' +
        '</categories><accessories></accessories></associations></product></prestashop>',
    );
    const parsed = parseXml(xml) as { prestashop: { product: { description: { language: unknown[] } } } };
    expect(xmlText(parsed.prestashop.product.description.language[0])).toBe('a ]]> b');
  });

  it('reads the Webservice XML error body', () => {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?><prestashop><errors><error><code><![CDATA[87]]></code><message><![CDATA[Id(s) not exists: 9]]></message></error></errors></prestashop>';
    expect(xmlErrors(body)).toEqual([{ code: 87, message: 'Id(s) not exists: 9' }]);
    expect(xmlErrors('<html>')).toBeNull();
  });
});
