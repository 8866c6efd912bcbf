import { divideDecimals, multiplyDecimals, roundDecimal, subtractDecimals, sumDecimals } from '@passerelle/core';
import { isoFromLocal, localFromIso } from '../../src/map/dates.js';
import type {
  AttributeRow,
  AttributeValueRow,
  BankAccountRow,
  CategoryRow,
  CombinationRow,
  ContactRow,
  CountryEntry,
  DictionaryEntry,
  DocumentLine,
  InvoiceRow,
  MovementRow,
  OrderRow,
  PaymentRow,
  ProductRow,
  ShipmentRow,
  ThirdpartyRow,
  WarehouseRow,
} from './state.js';
import { type ColumnValue, evaluateUsf, parseUsf, UsfError } from './usf.js';

/** A Restler error: `{"error":{"code":404,"message":"Not Found: Order not found"}}`. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function restlerBody(status: number, detail: string): { error: { code: number; message: string } } {
  const text = STATUS_TEXT[status] ?? 'Error';
  return { error: { code: status, message: detail ? `${text}: ${detail}` : text } };
}

export interface FakeOptions {
  /** What `/status` reports; gates the filter syntax (strict from 20) and empty lists (404 before 17). @default '20.0.2' */
  version?: string;
  /** @default 'test-dolibarr-key' */
  apiKey?: string;
  /** The server's time zone: local date strings and `sqlfilters` dates. @default 'UTC' */
  timeZone?: string;
  /** The shop clock. @default () => new Date() */
  now?: () => Date;
  /** Rights of the API user; absent: all of them. */
  rights?: string[];
  /** Where stock leaves: when an order is validated (STOCK_CALCULATE_ON_VALIDATE_ORDER) or a shipment. @default 'order' */
  stockDecrementOn?: 'order' | 'shipment';
  /** The Bank module is on: a payment needs `accountid`. @default true */
  bankModule?: boolean;
  /** PRODUIT_MULTIPRICES: several price levels per product; `PUT /products` then ignores `price`, as Dolibarr does. @default false */
  multiprices?: boolean;
  /** Milliseconds added to every answer, for tests that kill a client mid-run. @default 0 */
  latencyMs?: number;
}

export interface FakeTables {
  products: Map<number, ProductRow>;
  attributes: Map<number, AttributeRow>;
  attributeValues: Map<number, AttributeValueRow>;
  combinations: Map<number, CombinationRow>;
  categories: Map<number, CategoryRow>;
  warehouses: Map<number, WarehouseRow>;
  movements: Map<number, MovementRow>;
  thirdparties: Map<number, ThirdpartyRow>;
  contacts: Map<number, ContactRow>;
  orders: Map<number, OrderRow>;
  invoices: Map<number, InvoiceRow>;
  payments: Map<number, PaymentRow>;
  shipments: Map<number, ShipmentRow>;
  countries: CountryEntry[];
  paymentTypes: DictionaryEntry[];
  shippingMethods: DictionaryEntry[];
  currencies: { code: string; label: string; rate: string }[];
  bankAccounts: BankAccountRow[];
}

export interface FakeContext {
  options: Required<Omit<FakeOptions, 'rights' | 'now'>> & { rights: Set<string> | null; now: () => Date };
  tables: FakeTables;
  versionMajor: number;
  /** The entity of the current request (DOLAPIENTITY, else 1). */
  entity: number;
  now(): number;
  nextId(table: string): number;
  /** `"YYYY-MM-DD HH:MM:SS"` in the server's zone. */
  local(epochMs: number): string;
  fromLocal(wall: string): number;
  unix(epochMs: number | null): number | null;
  requireRight(right: string): void;
  countryCode(id: number | null): string | null;
  countryId(code: string | null | undefined): number | null;
}

export function createContext(options: FakeOptions): FakeContext {
  const resolved = {
    version: options.version ?? '20.0.2',
    apiKey: options.apiKey ?? 'test-dolibarr-key',
    timeZone: options.timeZone ?? 'UTC',
    stockDecrementOn: options.stockDecrementOn ?? 'order',
    bankModule: options.bankModule ?? true,
    latencyMs: options.latencyMs ?? 0,
    multiprices: options.multiprices ?? false,
    rights: options.rights ? new Set(options.rights) : null,
    now: options.now ?? (() => new Date()),
  };
  const sequences = new Map<string, number>();
  let lastNow = 0;
  const context: FakeContext = {
    options: resolved,
    tables: emptyTables(),
    versionMajor: Number(/^(\d+)/.exec(resolved.version)?.[1] ?? '20'),
    entity: 1,
    now() {
      // Strictly increasing, so two writes in one millisecond still order.
      const value = Math.max(resolved.now().getTime(), lastNow + 1);
      lastNow = value;
      return value;
    },
    nextId(table) {
      const next = (sequences.get(table) ?? 0) + 1;
      sequences.set(table, next);
      return next;
    },
    local: (epochMs) => localFromIso(new Date(epochMs).toISOString(), resolved.timeZone),
    fromLocal: (wall) => Date.parse(isoFromLocal(wall, resolved.timeZone) ?? 'invalid'),
    unix: (epochMs) => (epochMs === null ? null : Math.floor(epochMs / 1000)),
    requireRight(right) {
      if (resolved.rights && !resolved.rights.has(right)) throw new FakeHttpError(403, 'Insufficient rights');
    },
    countryCode(id) {
      return context.tables.countries.find((country) => country.id === id)?.code ?? null;
    },
    countryId(code) {
      if (!code) return null;
      return context.tables.countries.find((country) => country.code === code.toUpperCase())?.id ?? null;
    },
  };
  return context;
}

function emptyTables(): FakeTables {
  return {
    products: new Map(),
    attributes: new Map(),
    attributeValues: new Map(),
    combinations: new Map(),
    categories: new Map(),
    warehouses: new Map(),
    movements: new Map(),
    thirdparties: new Map(),
    contacts: new Map(),
    orders: new Map(),
    invoices: new Map(),
    payments: new Map(),
    shipments: new Map(),
    countries: [
      { id: 1, code: 'FR', code_iso: 'FRA', label: 'France' },
      { id: 2, code: 'BE', code_iso: 'BEL', label: 'Belgium' },
      { id: 3, code: 'IT', code_iso: 'ITA', label: 'Italy' },
      { id: 4, code: 'DE', code_iso: 'DEU', label: 'Germany' },
      { id: 5, code: 'ES', code_iso: 'ESP', label: 'Spain' },
      { id: 6, code: 'CH', code_iso: 'CHE', label: 'Switzerland' },
      { id: 7, code: 'GB', code_iso: 'GBR', label: 'United Kingdom' },
      { id: 11, code: 'US', code_iso: 'USA', label: 'United States' },
      { id: 14, code: 'CA', code_iso: 'CAN', label: 'Canada' },
      { id: 12, code: 'NL', code_iso: 'NLD', label: 'Netherlands' },
      { id: 25, code: 'PT', code_iso: 'PRT', label: 'Portugal' },
      { id: 140, code: 'LU', code_iso: 'LUX', label: 'Luxembourg' },
    ],
    paymentTypes: [
      { id: 2, code: 'VIR', label: 'Bank transfer' },
      { id: 4, code: 'LIQ', label: 'Cash' },
      { id: 6, code: 'CB', label: 'Credit card' },
      { id: 7, code: 'CHQ', label: 'Check' },
      { id: 50, code: 'VAD', label: 'Online payment' },
      { id: 100, code: 'PPL', label: 'PayPal' },
    ],
    shippingMethods: [
      { id: 1, code: 'CATCH', label: 'In-store pickup' },
      { id: 2, code: 'TRANS', label: 'Generic transporter' },
      { id: 3, code: 'COLSUI', label: 'Colissimo' },
      { id: 4, code: 'LETTREMAX', label: 'Lettre Max' },
    ],
    currencies: [
      { code: 'EUR', label: 'Euros', rate: '1' },
      { code: 'USD', label: 'US Dollar', rate: '1.08' },
      { code: 'CHF', label: 'Swiss Franc', rate: '0.96' },
      { code: 'CAD', label: 'Canadian Dollar', rate: '1.47' },
      { code: 'GBP', label: 'Pound Sterling', rate: '0.85' },
    ],
    bankAccounts: [
      { id: 1, ref: 'BANK', label: 'Main bank account', currency_code: 'EUR', clos: 0 },
      { id: 2, ref: 'STRIPE', label: 'Stripe balance', currency_code: 'EUR', clos: 0 },
      { id: 3, ref: 'PAYPAL', label: 'PayPal balance', currency_code: 'EUR', clos: 0 },
    ],
  };
}

/** Dolibarr's money strings: 8 decimals. */
export function money(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return roundDecimal(value, 8);
}

/** A rate as Dolibarr prints it: `"20.000"`. */
export function rate(value: string): string {
  return roundDecimal(value, 3);
}

/** Dolibarr's per-line computation (calcul_price_total, totals rounded per line to 2 decimals). */
export function computeLine(line: DocumentLine, multicurrencyTx: string): void {
  const net = (unit: string) => {
    const gross = multiplyDecimals(unit, line.qty);
    const kept = divideDecimals(multiplyDecimals(gross, subtractDecimals('100', line.remise_percent)), '100', 8);
    return roundDecimal(kept, 2);
  };
  const taxes = (ht: string) => ({
    tva: roundDecimal(divideDecimals(multiplyDecimals(ht, line.tva_tx), '100', 8), 2),
    lt1: roundDecimal(divideDecimals(multiplyDecimals(ht, line.localtax1_tx), '100', 8), 2),
    lt2: roundDecimal(divideDecimals(multiplyDecimals(ht, line.localtax2_tx), '100', 8), 2),
  });
  line.total_ht = net(line.subprice);
  const main = taxes(line.total_ht);
  line.total_tva = main.tva;
  line.total_localtax1 = main.lt1;
  line.total_localtax2 = main.lt2;
  line.total_ttc = sumDecimals([line.total_ht, main.tva, main.lt1, main.lt2]);
  const foreignUnit = line.multicurrency_subprice ?? roundDecimal(multiplyDecimals(line.subprice, multicurrencyTx), 8);
  line.multicurrency_total_ht = net(foreignUnit);
  const foreign = taxes(line.multicurrency_total_ht);
  line.multicurrency_total_tva = foreign.tva;
  line.multicurrency_total_ttc = sumDecimals([line.multicurrency_total_ht, foreign.tva, foreign.lt1, foreign.lt2]);
}

export function documentTotals(lines: DocumentLine[]) {
  const sum = (pick: (line: DocumentLine) => string) => roundDecimal(sumDecimals(lines.map(pick)), 2);
  return {
    total_ht: sum((line) => line.total_ht),
    total_tva: sum((line) => line.total_tva),
    total_localtax1: sum((line) => line.total_localtax1),
    total_localtax2: sum((line) => line.total_localtax2),
    total_ttc: sum((line) => line.total_ttc),
    multicurrency_total_ht: sum((line) => line.multicurrency_total_ht),
    multicurrency_total_tva: sum((line) => line.multicurrency_total_tva),
    multicurrency_total_ttc: sum((line) => line.multicurrency_total_ttc),
  };
}

export interface ListSpec<R> {
  rows: Iterable<R>;
  /** The value of a `t.` / `s.` column for filters and sorting; unknown columns throw (Dolibarr: SQL error, 503). */
  column(row: R, field: string): ColumnValue;
  serialize(row: R): unknown;
  defaultSort: string;
  /** What an old version says when nothing matches: "No product found". */
  emptyMessage: string;
}

export class UnknownColumnError extends Error {}

/** A Dolibarr list call: entity, sqlfilters, sort, `limit`/`page` (0-based), `pagination_data`, old 404 on empty. */
export function listAnswer<R>(context: FakeContext, query: URLSearchParams, spec: ListSpec<R>): unknown {
  const filters = query.get('sqlfilters');
  let rows = [...spec.rows].filter((row) => {
    const entity = (row as { entity?: unknown }).entity;
    return entity === undefined || entity === context.entity;
  });
  if (filters) {
    const strict = context.versionMajor >= 20;
    try {
      const node = parseUsf(filters, strict);
      rows = rows.filter((row) => evaluateUsf(node, (field) => spec.column(row, field), context.fromLocal));
    } catch (error) {
      if (error instanceof UsfError) {
        if (strict) throw new FakeHttpError(400, `Error when validating parameter sqlfilters -> ${error.message}`);
        throw new FakeHttpError(503, `Error when validating parameter sqlfilters ${filters}`);
      }
      if (error instanceof UnknownColumnError)
        throw new FakeHttpError(503, `Error when retrieve list : Unknown column '${error.message}'`);
      throw error;
    }
  }
  const sortfield = query.get('sortfield') ?? spec.defaultSort;
  const descending = (query.get('sortorder') ?? 'ASC').toUpperCase() === 'DESC';
  const keyOf = (row: R): number | string => {
    const value = spec.column(row, sortfield);
    if (value === null) return '';
    return typeof value === 'object' ? value.datetime : value;
  };
  try {
    rows.sort((a, b) => {
      const left = keyOf(a);
      const right = keyOf(b);
      const order = left < right ? -1 : left > right ? 1 : 0;
      return descending ? -order : order;
    });
  } catch (error) {
    if (error instanceof UnknownColumnError)
      throw new FakeHttpError(503, `Error when retrieve list : Unknown column '${error.message}'`);
    throw error;
  }
  const limit = Number(query.get('limit') ?? '100');
  const page = Math.max(0, Number(query.get('page') ?? '0'));
  const total = rows.length;
  const pageRows = limit > 0 ? rows.slice(page * limit, page * limit + limit) : rows;
  if (pageRows.length === 0 && context.versionMajor < 17) throw new FakeHttpError(404, spec.emptyMessage);
  const items = pageRows.map((row) => spec.serialize(row));
  if (query.get('pagination_data') === 'true' || query.get('pagination_data') === '1') {
    return { data: items, pagination: { total, page, page_count: limit > 0 ? Math.ceil(total / limit) : 1, limit } };
  }
  return items;
}

/** Column helpers for `ListSpec.column`. */
export function columnOf(map: Record<string, (row: never) => ColumnValue>) {
  return <R>(row: R, field: string): ColumnValue => {
    const read = (map as Record<string, (row: R) => ColumnValue>)[field];
    if (!read) throw new UnknownColumnError(field);
    return read(row);
  };
}

export const datetime = (epochMs: number | null): ColumnValue => (epochMs === null ? null : { datetime: epochMs });
