import {
  type Address,
  type Customer,
  type CustomerListOptions,
  type CustomerOperations,
  type CustomerWrite,
  type ListOptions,
  normaliseEmail,
  type PlannedWrite,
  type WriteContext,
  type WriteOutcome,
} from '@passerelle/core';
import { type AdapterContext, dolibarrSettings, failure } from '../adapter-context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { chunk, FILTER_CHUNK, pageFilter } from '../lookups.js';
import {
  contactPayload,
  customerFromDolibarr,
  mainAddressOf,
  sameAddress,
  thirdpartyPayload,
} from '../map/customer.js';
import { type DolibarrObject, type DolibarrThirdparty, idOf, stringOf } from '../payloads.types.js';
import type { DolibarrSettings } from '../settings.js';
import { isFilterable, oneOf, test } from '../sqlfilters.js';

/** Third parties that are customers (`client` 1 or 3): the `mode=1` of `GET /thirdparties`. */
const CUSTOMERS = 1;

export function createCustomerOperations(context: AdapterContext): CustomerOperations & {
  findThirdparty(email: string | undefined, code: string | undefined): Promise<DolibarrThirdparty | null>;
} {
  const { client, lookups } = context;

  async function toCustomer(raw: DolibarrThirdparty): Promise<Customer> {
    const code = stringOf(raw.country_code) ?? (await lookups.countryCode(raw.country_id));
    return customerFromDolibarr(raw, code ?? null);
  }

  async function search(field: 't.code_client' | 't.email', values: string[]): Promise<DolibarrThirdparty[]> {
    const dialect = await client.dialect();
    const out: DolibarrThirdparty[] = [];
    for (const part of chunk([...new Set(values)].filter(isFilterable), FILTER_CHUNK)) {
      out.push(
        ...(await client.list<DolibarrThirdparty>('thirdparties', {
          sqlfilters: oneOf(field, part, dialect),
          limit: part.length * 3 + 1,
          sortfield: 't.rowid',
        })),
      );
    }
    return out;
  }

  async function byCodes(codes: string[]): Promise<Map<string, DolibarrThirdparty>> {
    const rows = await search('t.code_client', codes);
    return new Map(
      rows.flatMap((row) =>
        stringOf(row.code_client) && codes.includes(stringOf(row.code_client) as string)
          ? [[stringOf(row.code_client) as string, row] as const]
          : [],
      ),
    );
  }

  /** By normalised email; the oldest third party wins when several share one (as Dolibarr lists them). */
  async function byEmails(emails: string[]): Promise<Map<string, DolibarrThirdparty>> {
    const wanted = new Set(emails.map(normaliseEmail));
    const rows = await search('t.email', [...wanted]);
    const out = new Map<string, DolibarrThirdparty>();
    for (const row of rows) {
      const email = stringOf(row.email);
      if (email && wanted.has(normaliseEmail(email)) && !out.has(normaliseEmail(email)))
        out.set(normaliseEmail(email), row);
    }
    return out;
  }

  async function page(options: ListOptions) {
    const dialect = await client.dialect();
    const after = decodeCursor(options.cursor);
    const since = options.updatedSince ? test('t.tms', '>=', { date: options.updatedSince }, dialect) : null;
    const rows = await client.list<DolibarrThirdparty>('thirdparties', {
      mode: CUSTOMERS,
      sortfield: 't.rowid',
      sortorder: 'ASC',
      limit: options.limit,
      sqlfilters: await pageFilter(client, after, since),
    });
    const lastId = idOf(rows.at(-1)?.id);
    return { rows, nextCursor: rows.length >= options.limit && lastId !== null ? encodeCursor(lastId) : null };
  }

  /** Addresses other than the main one become the third party's contacts (once each). */
  async function syncContacts(
    socid: number,
    addresses: Address[] | undefined,
    email: string | undefined,
  ): Promise<void> {
    const main = mainAddressOf(addresses);
    const others = (addresses ?? []).filter((address) => address !== main);
    if (others.length === 0) return;
    const contacts = await client.list<DolibarrObject>('contacts', { thirdparty_ids: socid, limit: 500 });
    for (const address of others) {
      if (contacts.some((contact) => sameAddress(contact, address))) continue;
      const payload = await contactPayload(address, socid, email, async (code) => lookups.countryId(code));
      await client.post('contacts', payload);
      contacts.push({ ...payload, country_code: address.country });
    }
  }

  async function writeOne(plan: PlannedWrite<CustomerWrite>, settings: DolibarrSettings): Promise<WriteOutcome> {
    const countryId = (code: string | undefined) => lookups.countryId(code);
    let id: number | null = idOf(plan.platformId);
    let action = plan.action;
    if (action === 'create') {
      // Another request may have created it since core looked: the code, then the email, find it.
      const reference = plan.data.reference ?? plan.key;
      const existing =
        (await byCodes([reference])).get(reference) ??
        (plan.data.email ? (await byEmails([plan.data.email])).get(normaliseEmail(plan.data.email)) : undefined);
      if (existing) {
        id = idOf(existing.id);
        action = 'update';
      }
    }
    if (action === 'create') {
      const payload = await thirdpartyPayload(plan.data, null, settings, countryId);
      id = idOf(
        await client.post('thirdparties', {
          client: 1,
          status: 1,
          ...payload,
          code_client: plan.data.reference ?? plan.key,
        }),
      );
      if (id === null) throw new Error(`Dolibarr did not return an id for the customer ${plan.key}`);
    } else {
      if (id === null) throw new Error(`no Dolibarr id for the customer ${plan.key}`);
      const { code_client: _code, ...payload } = await thirdpartyPayload(plan.data, plan.incoming, settings, countryId);
      if (Object.keys(payload).length) await client.put(`thirdparties/${id}`, payload);
    }
    if (plan.data.addresses) await syncContacts(id, plan.data.addresses, plan.data.email ?? plan.incoming.email);
    return { key: plan.key, ok: true, id: String(id) };
  }

  return {
    async list(options: CustomerListOptions) {
      const { rows, nextCursor } = await page(options);
      return { items: await Promise.all(rows.map(toCustomer)), nextCursor };
    },
    async get(id) {
      if (!/^\d+$/.test(id)) return null;
      const row = await client.getOrNull<DolibarrThirdparty>(`thirdparties/${id}`);
      return row ? toCustomer(row) : null;
    },
    async getByReferences(references) {
      const found = await byCodes(references);
      return new Map(await Promise.all([...found].map(async ([code, row]) => [code, await toCustomer(row)] as const)));
    },
    async getByEmails(emails) {
      const found = await byEmails(emails);
      return new Map(
        await Promise.all([...found].map(async ([email, row]) => [email, await toCustomer(row)] as const)),
      );
    },
    async listIds(options) {
      const { rows, nextCursor } = await page(options);
      return { items: rows.map((row) => String(row.id)), nextCursor };
    },
    async write(plans: PlannedWrite<CustomerWrite>[], write: WriteContext): Promise<WriteOutcome[]> {
      const settings = await dolibarrSettings(context, write.settings);
      const outcomes: WriteOutcome[] = [];
      for (const plan of plans) {
        try {
          outcomes.push(await context.lock(`customer:${plan.key}`, () => writeOne(plan, settings)));
        } catch (error) {
          outcomes.push(failure(plan.key, error));
        }
      }
      return outcomes;
    },
    /** The third party of an order: by email first, then by customer code (CyberOffice's order). */
    async findThirdparty(email, code) {
      if (email) {
        const found = (await byEmails([email])).get(normaliseEmail(email));
        if (found) return found;
      }
      if (code) return (await byCodes([code])).get(code) ?? null;
      return null;
    },
  };
}
