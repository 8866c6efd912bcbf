import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * The Webservice reads XML only ("As of PrestaShop 8.1, the Webservice is only able to output JSON,
 * it cannot read JSON inputs"). Writes are built here: every value in CDATA (so `&`, `<` and HTML
 * descriptions survive), translated fields as `<language id="N">`, no pretty-print whitespace inside
 * value tags (the docs warn it breaks values).
 */

export type PsScalar = string | number | boolean | null;

/** A translated field: PrestaShop language id → text. */
export interface PsTranslated {
  languages: Record<string, string>;
}

export type PsFieldValue = PsScalar | PsTranslated;

/** One association list (`<categories><category><id>2</id></category></categories>`). */
export interface PsAssociation {
  /** The element name of one item (`category` in `categories`). */
  node: string;
  items: Record<string, PsScalar>[];
}

/** An entity to write: its fields (only those to send) and the associations to replace. */
export interface PsEntity {
  fields: Record<string, PsFieldValue>;
  associations?: Record<string, PsAssociation>;
}

export function isTranslated(value: unknown): value is PsTranslated {
  return typeof value === 'object' && value !== null && 'languages' in value;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '__cdata',
  format: false,
  suppressEmptyNode: false,
});

function scalarNode(value: PsScalar): unknown {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return { __cdata: text };
}

/** `<prestashop><{root}>…</{root}></prestashop>` for a POST, PUT or PATCH body. */
export function buildEntityXml(root: string, entity: PsEntity): string {
  const node: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity.fields)) {
    node[name] = isTranslated(value)
      ? {
          language: Object.entries(value.languages).map(([id, text]) => ({ '@_id': id, __cdata: text })),
        }
      : scalarNode(value);
  }
  if (entity.associations && Object.keys(entity.associations).length > 0) {
    const associations: Record<string, unknown> = {};
    for (const [name, association] of Object.entries(entity.associations)) {
      // An empty list element clears the association; PrestaShop calls its setter with [].
      associations[name] =
        association.items.length === 0
          ? ''
          : {
              [association.node]: association.items.map((item) =>
                Object.fromEntries(Object.entries(item).map(([key, value]) => [key, scalarNode(value)])),
              ),
            };
    }
    node.associations = associations;
  }
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    prestashop: { '@_xmlns:xlink': 'http://www.w3.org/1999/xlink', [root]: node },
  }) as string;
}

/** Parses Webservice XML: attributes as `@_name`, CDATA kept apart (`__cdata`), lists where PrestaShop has lists. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '__cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, jpath) =>
    name === 'language' || name === 'error' || /associations\.[^.]+\.[^.]+$/.test(String(jpath)),
});

export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text) as Record<string, unknown>;
}

/** The text of a parsed node, CDATA sections and plain text joined. */
export function xmlText(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(xmlText).join('');
  if (typeof node === 'object') {
    const record = node as Record<string, unknown>;
    return `${xmlText(record.__cdata)}${xmlText(record['#text'])}`;
  }
  return '';
}

/** The `{ code, message }` list of a Webservice XML error body, or `null` when the XML holds none. */
export function xmlErrors(text: string): { code: number | null; message: string }[] | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(text);
  } catch {
    return null;
  }
  const errors = (parsed.prestashop as { errors?: { error?: unknown[] } } | undefined)?.errors?.error;
  if (!Array.isArray(errors)) return null;
  return errors.map((error) => {
    const record = (error ?? {}) as Record<string, unknown>;
    const code = Number.parseInt(xmlText(record.code), 10);
    return { code: Number.isFinite(code) ? code : null, message: xmlText(record.message) };
  });
}
