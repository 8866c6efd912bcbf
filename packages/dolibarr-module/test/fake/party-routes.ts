import { columnOf, datetime, type FakeContext, FakeHttpError, listAnswer } from './context.js';
import { numberParam, type Route, text } from './router.js';
import type { ContactRow, ThirdpartyRow } from './state.js';

export function serializeThirdparty(context: FakeContext, row: ThirdpartyRow): Record<string, unknown> {
  return {
    id: String(row.id),
    entity: String(row.entity),
    name: row.name,
    name_alias: row.name_alias,
    firstname: row.firstname,
    lastname: row.lastname,
    email: row.email,
    phone: row.phone,
    address: row.address,
    zip: row.zip,
    town: row.town,
    country_id: row.country_id === null ? null : String(row.country_id),
    country_code: context.countryCode(row.country_id),
    state_id: null,
    client: String(row.client),
    prospect: '0',
    fournisseur: '0',
    code_client: row.code_client,
    code_fournisseur: null,
    status: String(row.status),
    tva_intra: row.tva_intra,
    idprof1: row.idprof1,
    idprof2: row.idprof2,
    idprof3: row.idprof3,
    default_lang: row.default_lang,
    note_private: row.note_private,
    note_public: row.note_public,
    date_creation: Math.floor(row.datec / 1000),
    date_modification: Math.floor(row.tms / 1000),
    array_options: {},
  };
}

const thirdpartyColumn = columnOf({
  't.rowid': (row: ThirdpartyRow) => row.id,
  't.nom': (row: ThirdpartyRow) => row.name,
  't.name_alias': (row: ThirdpartyRow) => row.name_alias,
  't.email': (row: ThirdpartyRow) => row.email,
  't.code_client': (row: ThirdpartyRow) => row.code_client,
  't.client': (row: ThirdpartyRow) => row.client,
  't.status': (row: ThirdpartyRow) => row.status,
  't.phone': (row: ThirdpartyRow) => row.phone,
  't.entity': (row: ThirdpartyRow) => row.entity,
  't.tms': (row: ThirdpartyRow) => datetime(row.tms),
  't.datec': (row: ThirdpartyRow) => datetime(row.datec),
});

function thirdparty(context: FakeContext, id: number): ThirdpartyRow {
  const row = context.tables.thirdparties.get(id);
  if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'Thirdparty not found');
  return row;
}

const THIRDPARTY_TEXT = [
  'name',
  'name_alias',
  'firstname',
  'lastname',
  'email',
  'phone',
  'address',
  'zip',
  'town',
  'tva_intra',
  'idprof1',
  'idprof2',
  'idprof3',
  'default_lang',
  'note_private',
  'note_public',
] as const;

function applyThirdpartyFields(context: FakeContext, row: ThirdpartyRow, body: Record<string, unknown>): void {
  for (const field of THIRDPARTY_TEXT) {
    if (body[field] !== undefined)
      (row as unknown as Record<string, unknown>)[field] =
        text(body[field]) ?? (field === 'name' || field === 'name_alias' ? '' : null);
  }
  if (body.country_id !== undefined) row.country_id = body.country_id === null ? null : Number(body.country_id);
  if (body.client !== undefined) row.client = Number(body.client);
  if (body.status !== undefined) row.status = Number(body.status);
  if (body.code_client !== undefined) {
    const code = text(body.code_client);
    if (code === '-1' || code === 'auto') row.code_client = row.code_client ?? nextCustomerCode(context);
    else if (code && code !== row.code_client) {
      const taken = [...context.tables.thirdparties.values()].some(
        (other) => other.id !== row.id && other.entity === row.entity && other.code_client === code,
      );
      if (taken) throw new FakeHttpError(500, 'Error creating thirdparty: ErrorCustomerCodeAlreadyUsed');
      row.code_client = code;
    }
  }
  row.tms = context.now();
}

function nextCustomerCode(context: FakeContext): string {
  const date = new Date(context.now());
  const prefix = `CU${String(date.getUTCFullYear()).slice(2)}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${prefix}-${String(context.nextId('customer_code')).padStart(5, '0')}`;
}

export function createThirdpartyRow(context: FakeContext, body: Record<string, unknown>): ThirdpartyRow {
  const name = text(body.name);
  if (!name) throw new FakeHttpError(400, 'name field missing');
  const now = context.now();
  const row: ThirdpartyRow = {
    id: 0,
    entity: context.entity,
    name,
    name_alias: '',
    firstname: null,
    lastname: null,
    email: null,
    phone: null,
    address: null,
    zip: null,
    town: null,
    country_id: null,
    client: 1,
    code_client: null,
    status: 1,
    tva_intra: null,
    idprof1: null,
    idprof2: null,
    idprof3: null,
    default_lang: null,
    note_private: null,
    note_public: null,
    datec: now,
    tms: now,
  };
  applyThirdpartyFields(context, row, body);
  row.id = context.nextId('thirdparty');
  context.tables.thirdparties.set(row.id, row);
  return row;
}

export function serializeContact(context: FakeContext, row: ContactRow): Record<string, unknown> {
  return {
    id: String(row.id),
    entity: String(row.entity),
    socid: row.socid === null ? null : String(row.socid),
    firstname: row.firstname,
    lastname: row.lastname,
    email: row.email,
    address: row.address,
    zip: row.zip,
    town: row.town,
    country_id: row.country_id === null ? null : String(row.country_id),
    country_code: context.countryCode(row.country_id),
    phone_pro: row.phone_pro,
    phone_mobile: row.phone_mobile,
    statut: String(row.statut),
    date_creation: Math.floor(row.datec / 1000),
    date_modification: Math.floor(row.tms / 1000),
  };
}

const CONTACT_TEXT = ['firstname', 'lastname', 'email', 'address', 'zip', 'town', 'phone_pro', 'phone_mobile'] as const;

function applyContactFields(context: FakeContext, row: ContactRow, body: Record<string, unknown>): void {
  for (const field of CONTACT_TEXT) {
    if (body[field] !== undefined)
      (row as unknown as Record<string, unknown>)[field] =
        text(body[field]) ?? (field === 'firstname' || field === 'lastname' ? '' : null);
  }
  if (body.country_id !== undefined) row.country_id = body.country_id === null ? null : Number(body.country_id);
  if (body.socid !== undefined) row.socid = body.socid === null ? null : Number(body.socid);
  row.tms = context.now();
}

export function partyRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/thirdparties',
      run: ({ context, query }) => {
        context.requireRight('societe.lire');
        const mode = Number(query.get('mode') ?? '0');
        return listAnswer(context, query, {
          rows: [...context.tables.thirdparties.values()].filter(
            (row) => mode === 0 || (mode === 1 ? row.client === 1 || row.client === 3 : row.client === mode),
          ),
          column: thirdpartyColumn,
          serialize: (row) => serializeThirdparty(context, row),
          defaultSort: 't.rowid',
          emptyMessage: 'Thirdparties not found',
        });
      },
    },
    {
      method: 'GET',
      path: '/thirdparties/{id}',
      run: ({ context, params }) => {
        context.requireRight('societe.lire');
        return serializeThirdparty(context, thirdparty(context, numberParam(params.id)));
      },
    },
    {
      method: 'POST',
      path: '/thirdparties',
      run: ({ context, body }) => {
        context.requireRight('societe.creer');
        return createThirdpartyRow(context, body).id;
      },
    },
    {
      method: 'PUT',
      path: '/thirdparties/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('societe.creer');
        const row = thirdparty(context, numberParam(params.id));
        applyThirdpartyFields(context, row, body);
        return serializeThirdparty(context, row);
      },
    },
    {
      method: 'GET',
      path: '/contacts',
      run: ({ context, query }) => {
        context.requireRight('societe.contact.lire');
        const ids = (query.get('thirdparty_ids') ?? '').split(',').filter(Boolean).map(Number);
        return listAnswer(context, query, {
          rows: [...context.tables.contacts.values()].filter(
            (row) => ids.length === 0 || (row.socid !== null && ids.includes(row.socid)),
          ),
          column: columnOf({
            't.rowid': (row: ContactRow) => row.id,
            't.fk_soc': (row: ContactRow) => row.socid,
            't.email': (row: ContactRow) => row.email,
            't.lastname': (row: ContactRow) => row.lastname,
            't.firstname': (row: ContactRow) => row.firstname,
            't.tms': (row: ContactRow) => datetime(row.tms),
          }),
          serialize: (row) => serializeContact(context, row),
          defaultSort: 't.rowid',
          emptyMessage: 'No contacts found',
        });
      },
    },
    {
      method: 'GET',
      path: '/contacts/{id}',
      run: ({ context, params }) => {
        context.requireRight('societe.contact.lire');
        const row = context.tables.contacts.get(numberParam(params.id));
        if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'Contact not found');
        return serializeContact(context, row);
      },
    },
    {
      method: 'POST',
      path: '/contacts',
      run: ({ context, body }) => {
        context.requireRight('societe.contact.creer');
        if (!text(body.lastname)) throw new FakeHttpError(400, 'lastname field missing');
        const socid = body.socid === undefined || body.socid === null ? null : Number(body.socid);
        if (socid !== null) thirdparty(context, socid);
        const now = context.now();
        const row: ContactRow = {
          id: context.nextId('contact'),
          entity: context.entity,
          socid,
          firstname: '',
          lastname: '',
          email: null,
          address: null,
          zip: null,
          town: null,
          country_id: null,
          phone_pro: null,
          phone_mobile: null,
          statut: 1,
          datec: now,
          tms: now,
        };
        applyContactFields(context, row, body);
        context.tables.contacts.set(row.id, row);
        return row.id;
      },
    },
    {
      method: 'PUT',
      path: '/contacts/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('societe.contact.creer');
        const row = context.tables.contacts.get(numberParam(params.id));
        if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'Contact not found');
        applyContactFields(context, row, body);
        return serializeContact(context, row);
      },
    },
  ];
}
