import { XMLBuilder } from 'fast-xml-parser';
import type { FakeRecord } from './fake-store.js';
import type { ResourceDef } from './resource-schemas.js';

/** How the Webservice renders: JSON when `output_format`/`io_format` or the `Output-Format`/`Io-Format` header asks, else XML. */
export type OutputFormat = 'JSON' | 'XML';

export interface RenderOptions {
  /** `full`, `ids` (no display: ids only), or the fields asked. */
  display: 'full' | 'ids' | string[];
  /** The language ids to render; one id renders translated fields as plain strings. */
  languages: string[];
}

/**
 * One object as `WebserviceOutputJSON` renders it: `id` as an int, every other field a string, translated
 * fields as `[{ id, value }]` (a plain string for one language), associations when they hold items.
 */
export function renderJson(def: ResourceDef, record: FakeRecord, options: RenderOptions): Record<string, unknown> {
  const wanted = options.display === 'full' || options.display === 'ids' ? null : new Set(options.display);
  const row: Record<string, unknown> = {};
  if (!wanted || wanted.has('id')) row.id = record.id;
  const names = [...Object.keys(def.fields), ...(def.dated ? ['date_add', 'date_upd'] : [])];
  for (const name of names) {
    if (wanted && !wanted.has(name)) continue;
    if (name === 'date_upd' && def.dated === 'add') continue;
    const value = record.fields[name];
    if (def.fields[name]?.lang) {
      const translations = (typeof value === 'object' ? value : {}) as Record<string, string>;
      const entries = options.languages.map((id) => ({ id, value: translations[id] ?? '' }));
      row[name] = entries.length === 1 ? entries[0]?.value : entries;
    } else {
      row[name] = typeof value === 'string' ? value : '';
    }
  }
  if (!wanted || wanted.has('associations')) {
    const associations: Record<string, unknown> = {};
    for (const [name, items] of Object.entries(record.associations)) if (items.length) associations[name] = items;
    if (Object.keys(associations).length) row.associations = associations;
  }
  return row;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '__cdata',
  format: false,
  suppressBooleanAttributes: false,
});

/** The same object as `WebserviceOutputXML` renders it, values in CDATA. */
export function renderXmlNode(def: ResourceDef, record: FakeRecord, options: RenderOptions): Record<string, unknown> {
  const json = renderJson(def, record, { ...options, languages: options.languages });
  const node: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(json)) {
    if (name === 'associations') {
      node.associations = Object.fromEntries(
        Object.entries(value as Record<string, Record<string, string>[]>).map(([association, items]) => [
          association,
          {
            [def.associations?.[association]?.node ?? association]: items.map((item) =>
              Object.fromEntries(Object.entries(item).map(([k, v]) => [k, { __cdata: v }])),
            ),
          },
        ]),
      );
    } else if (Array.isArray(value)) {
      node[name] = {
        language: value.map((entry: { id: string; value: string }) => ({ '@_id': entry.id, __cdata: entry.value })),
      };
    } else {
      node[name] = { __cdata: String(value) };
    }
  }
  return node;
}

export function xmlDocument(content: Record<string, unknown>): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    prestashop: { '@_xmlns:xlink': 'http://www.w3.org/1999/xlink', ...content },
  }) as string;
}

export interface WsError {
  code: number;
  message: string;
}

export function errorBody(errors: WsError[], format: OutputFormat): string {
  if (format === 'JSON') return JSON.stringify({ errors });
  return xmlDocument({
    errors: {
      error: errors.map((error) => ({ code: { __cdata: String(error.code) }, message: { __cdata: error.message } })),
    },
  });
}
