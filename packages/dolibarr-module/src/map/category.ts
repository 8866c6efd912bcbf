import type { Category, CategoryWrite } from '@passerelle/core';
import { type DolibarrObject, idOf, stringOf } from '../payloads.types.js';

/** The ERP's category key lives in `ref_ext`: Dolibarr categories have no reference of their own. */
export function categoryFromDolibarr(raw: DolibarrObject, language: string): Category {
  const parent = idOf(raw.fk_parent);
  const description = typeof raw.description === 'string' && raw.description !== '' ? raw.description : undefined;
  return {
    id: String(raw.id),
    ...(stringOf(raw.ref_ext) ? { reference: stringOf(raw.ref_ext) } : {}),
    name: { [language]: stringOf(raw.label) ?? String(raw.id) },
    ...(description ? { description: { [language]: description } } : {}),
    parent: parent === null ? null : { id: String(parent) },
  };
}

export function categoryPayload(data: Partial<CategoryWrite>, language: string): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  if (data.reference !== undefined) payload.ref_ext = data.reference;
  if (data.name !== undefined) payload.label = data.name[language] ?? Object.values(data.name)[0] ?? '';
  if (data.description !== undefined)
    payload.description = data.description[language] ?? Object.values(data.description)[0] ?? '';
  return payload;
}
