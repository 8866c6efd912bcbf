import { compareDecimals, divideDecimals, roundDecimal, subtractDecimals, sumDecimals } from '@passerelle/core';
import { decimalOf } from '../../src/map/decimal.js';
import { applyMovement } from './catalog-routes.js';
import {
  columnOf,
  computeLine,
  datetime,
  documentTotals,
  type FakeContext,
  FakeHttpError,
  listAnswer,
  money,
  rate,
} from './context.js';
import { numberParam, type Route, text } from './router.js';
import type { DocumentLine, InvoiceRow, OrderRow, PaymentRow, ShipmentRow } from './state.js';

const MAIN_CURRENCY = 'EUR';

function yymm(context: FakeContext): string {
  const date = new Date(context.now());
  return `${String(date.getUTCFullYear()).slice(2)}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function nextRef(context: FakeContext, prefix: string): string {
  return `${prefix}${yymm(context)}-${String(context.nextId(`ref_${prefix}`)).padStart(4, '0')}`;
}

function lineFrom(
  context: FakeContext,
  input: Record<string, unknown>,
  rang: number,
  multicurrencyTx: string,
): DocumentLine {
  const productId =
    input.fk_product === undefined || input.fk_product === null || input.fk_product === ''
      ? null
      : Number(input.fk_product);
  const productRow = productId === null ? null : context.tables.products.get(productId);
  if (productId !== null && (!productRow || productRow.entity !== context.entity))
    throw new FakeHttpError(400, `Product ${productId} not found`);
  const qty = decimalOf(input.qty);
  if (qty === null) throw new FakeHttpError(400, 'qty is mandatory on a line');
  const line: DocumentLine = {
    id: context.nextId('line'),
    fk_product: productId,
    label: text(input.label),
    desc: text(input.desc) ?? text(input.description) ?? '',
    product_type: input.product_type === undefined ? (productRow?.type ?? 0) : Number(input.product_type),
    qty,
    subprice: decimalOf(input.subprice) ?? '0',
    remise_percent: decimalOf(input.remise_percent) ?? '0',
    tva_tx: decimalOf(input.tva_tx) ?? '0',
    localtax1_tx: decimalOf(input.localtax1_tx) ?? '0',
    localtax2_tx: decimalOf(input.localtax2_tx) ?? '0',
    multicurrency_subprice: decimalOf(input.multicurrency_subprice),
    rang: input.rang === undefined ? rang : Number(input.rang),
    special_code: Number(input.special_code ?? 0),
    total_ht: '0',
    total_tva: '0',
    total_localtax1: '0',
    total_localtax2: '0',
    total_ttc: '0',
    multicurrency_total_ht: '0',
    multicurrency_total_tva: '0',
    multicurrency_total_ttc: '0',
  };
  computeLine(line, multicurrencyTx);
  return line;
}

function serializeLine(
  context: FakeContext,
  line: DocumentLine,
  parentField: string,
  parentId: number,
): Record<string, unknown> {
  const productRow = line.fk_product === null ? null : context.tables.products.get(line.fk_product);
  return {
    id: String(line.id),
    rowid: String(line.id),
    [parentField]: String(parentId),
    fk_product: line.fk_product === null ? null : String(line.fk_product),
    product_ref: productRow?.ref ?? null,
    product_label: productRow?.label ?? null,
    product_type: String(line.product_type),
    label: line.label,
    desc: line.desc,
    description: line.desc,
    qty: line.qty,
    subprice: money(line.subprice),
    remise_percent: line.remise_percent,
    tva_tx: rate(line.tva_tx),
    localtax1_tx: rate(line.localtax1_tx),
    localtax2_tx: rate(line.localtax2_tx),
    total_ht: money(line.total_ht),
    total_tva: money(line.total_tva),
    total_localtax1: money(line.total_localtax1),
    total_localtax2: money(line.total_localtax2),
    total_ttc: money(line.total_ttc),
    multicurrency_subprice: money(line.multicurrency_subprice ?? line.subprice),
    multicurrency_total_ht: money(line.multicurrency_total_ht),
    multicurrency_total_tva: money(line.multicurrency_total_tva),
    multicurrency_total_ttc: money(line.multicurrency_total_ttc),
    rang: String(line.rang),
    special_code: String(line.special_code),
    info_bits: '0',
  };
}

function totalsOf(lines: DocumentLine[]): Record<string, string | null> {
  const totals = documentTotals(lines);
  return Object.fromEntries(Object.entries(totals).map(([key, value]) => [key, money(value)]));
}

function linkKey(context: FakeContext): string {
  return String(context.nextId('element_element'));
}

const linkIds = new WeakMap<object, Map<string, string>>();

function stableLinkKey(context: FakeContext, owner: object, target: string): string {
  let known = linkIds.get(owner);
  if (!known) {
    known = new Map();
    linkIds.set(owner, known);
  }
  const existing = known.get(target);
  if (existing) return existing;
  const key = linkKey(context);
  known.set(target, key);
  return key;
}

function orderLinks(context: FakeContext, row: OrderRow): Record<string, Record<string, string>> {
  const invoices = [...context.tables.invoices.values()].filter((invoice) => invoice.fk_order === row.id);
  const shipments = [...context.tables.shipments.values()].filter((shipment) => shipment.origin_id === row.id);
  const links: Record<string, Record<string, string>> = {};
  if (invoices.length) {
    links.facture = Object.fromEntries(
      invoices.map((invoice) => [stableLinkKey(context, row, `facture${invoice.id}`), String(invoice.id)]),
    );
  }
  if (shipments.length) {
    links.shipping = Object.fromEntries(
      shipments.map((shipment) => [stableLinkKey(context, row, `shipping${shipment.id}`), String(shipment.id)]),
    );
  }
  return links;
}

function paymentCode(context: FakeContext, id: number | null): string | null {
  return context.tables.paymentTypes.find((type) => type.id === id)?.code ?? null;
}

export function serializeOrder(
  context: FakeContext,
  row: OrderRow,
  options: { links: boolean; contacts: boolean },
): Record<string, unknown> {
  return {
    id: String(row.id),
    entity: String(row.entity),
    ref: row.ref,
    ref_client: row.ref_client,
    ref_ext: row.ref_ext,
    socid: String(row.socid),
    statut: String(row.status),
    status: String(row.status),
    billed: String(row.billed),
    date: Math.floor(row.date / 1000),
    date_commande: Math.floor(row.date / 1000),
    date_creation: Math.floor(row.datec / 1000),
    date_validation: row.date_valid === null ? null : Math.floor(row.date_valid / 1000),
    date_modification: Math.floor(row.tms / 1000),
    delivery_date: null,
    ...totalsOf(row.lines),
    multicurrency_code: row.multicurrency_code,
    multicurrency_tx: money(row.multicurrency_tx),
    mode_reglement_id: row.mode_reglement_id === null ? null : String(row.mode_reglement_id),
    mode_reglement_code: paymentCode(context, row.mode_reglement_id),
    cond_reglement_id: '1',
    shipping_method_id: row.shipping_method_id === null ? null : String(row.shipping_method_id),
    warehouse_id: row.warehouse_id === null ? null : String(row.warehouse_id),
    note_public: row.note_public,
    note_private: row.note_private,
    lines: row.lines.map((line) => serializeLine(context, line, 'fk_commande', row.id)),
    ...(options.links ? { linkedObjectsIds: orderLinks(context, row) } : {}),
    ...(options.contacts
      ? { contacts_ids: row.contacts.map(([id, type]) => ({ id: String(id), code: type, source: 'external' })) }
      : {}),
  };
}

function sumPayments(context: FakeContext, invoiceId: number, multicurrency = false): string {
  return sumDecimals(
    [...context.tables.payments.values()].flatMap((payment) => {
      const amount = (multicurrency ? payment.multicurrency_amounts : payment.amounts).get(invoiceId);
      return amount === undefined ? [] : [amount];
    }),
  );
}

export function serializeInvoice(context: FakeContext, row: InvoiceRow): Record<string, unknown> {
  const totals = documentTotals(row.lines);
  const paid = sumPayments(context, row.id);
  return {
    id: String(row.id),
    entity: String(row.entity),
    ref: row.ref,
    ref_client: row.ref_client,
    ref_ext: row.ref_ext,
    socid: String(row.socid),
    type: '0',
    statut: String(row.status),
    status: String(row.status),
    paye: String(row.paye),
    date: Math.floor(row.date / 1000),
    date_lim_reglement: Math.floor(row.date / 1000),
    date_creation: Math.floor(row.datec / 1000),
    date_validation: row.date_valid === null ? null : Math.floor(row.date_valid / 1000),
    date_modification: Math.floor(row.tms / 1000),
    ...totalsOf(row.lines),
    multicurrency_code: row.multicurrency_code,
    multicurrency_tx: money(row.multicurrency_tx),
    mode_reglement_id: row.mode_reglement_id === null ? null : String(row.mode_reglement_id),
    mode_reglement_code: paymentCode(context, row.mode_reglement_id),
    totalpaid: roundDecimal(paid, 2),
    totalcreditnotes: 0,
    totaldeposits: 0,
    remaintopay: roundDecimal(subtractDecimals(totals.total_ttc, paid), 2),
    lines: row.lines.map((line) => serializeLine(context, line, 'fk_facture', row.id)),
    linkedObjectsIds:
      row.fk_order === null
        ? {}
        : { commande: { [stableLinkKey(context, row, `commande${row.fk_order}`)]: String(row.fk_order) } },
  };
}

export function serializeShipment(context: FakeContext, row: ShipmentRow): Record<string, unknown> {
  const method = context.tables.shippingMethods.find((entry) => entry.id === row.shipping_method_id);
  return {
    id: String(row.id),
    entity: String(row.entity),
    ref: row.ref,
    socid: String(row.socid),
    origin: 'commande',
    origin_type: 'commande',
    origin_id: String(row.origin_id),
    statut: String(row.status),
    status: String(row.status),
    tracking_number: row.tracking_number,
    tracking_url: row.tracking_number ? `https://tracking.example/${row.tracking_number}` : null,
    shipping_method_id: row.shipping_method_id === null ? null : String(row.shipping_method_id),
    shipping_method: method?.code ?? null,
    date_creation: Math.floor(row.datec / 1000),
    date_valid: row.date_valid === null ? null : Math.floor(row.date_valid / 1000),
    date_delivery: null,
    date_modification: Math.floor(row.tms / 1000),
    lines: row.lines.map((line) => ({
      id: String(line.id),
      origin_line_id: String(line.origin_line_id),
      fk_product: line.fk_product === null ? null : String(line.fk_product),
      qty: line.qty,
      entrepot_id: line.entrepot_id === null ? null : String(line.entrepot_id),
    })),
  };
}

function order(context: FakeContext, id: number): OrderRow {
  const row = context.tables.orders.get(id);
  if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'Order not found');
  return row;
}

function invoice(context: FakeContext, id: number): InvoiceRow {
  const row = context.tables.invoices.get(id);
  if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'Invoice not found');
  return row;
}

function shipment(context: FakeContext, id: number): ShipmentRow {
  const row = context.tables.shipments.get(id);
  if (!row || row.entity !== context.entity) throw new FakeHttpError(404, 'Shipment not found');
  return row;
}

function touchOrder(context: FakeContext, row: OrderRow): void {
  row.tms = context.now();
}

/** What a validated order or shipment takes from the warehouse. */
function moveStockFor(
  context: FakeContext,
  lines: { fk_product: number | null; qty: number; product_type: number }[],
  warehouseId: number,
  sign: 1 | -1,
  origin: string,
): void {
  const warehouse = context.tables.warehouses.get(warehouseId);
  if (!warehouse || warehouse.entity !== context.entity)
    throw new FakeHttpError(500, `Warehouse ${warehouseId} not found`);
  for (const line of lines) {
    if (line.fk_product === null || line.product_type !== 0) continue;
    const productRow = context.tables.products.get(line.fk_product);
    if (productRow && productRow.type === 0)
      applyMovement(context, productRow, warehouseId, sign * line.qty, origin, origin);
  }
}

function validateOrder(context: FakeContext, row: OrderRow, body: Record<string, unknown>): void {
  if (row.status !== 0) throw new FakeHttpError(304, 'Error nothing done. May be object is already validated');
  if (row.lines.length === 0)
    throw new FakeHttpError(500, 'Error when validating Order: ErrorObjectMustHaveLinesToBeValidated');
  const warehouseId = Number(body.idwarehouse ?? 0);
  const productLines = row.lines
    .filter((line) => line.fk_product !== null && line.product_type === 0)
    .map((line) => ({ fk_product: line.fk_product, qty: Number(line.qty), product_type: line.product_type }));
  if (context.options.stockDecrementOn === 'order' && productLines.length > 0) {
    if (!(warehouseId > 0))
      throw new FakeHttpError(500, 'Error when validating Order: ErrorWarehouseRequiredToDecreaseStock');
    moveStockFor(context, productLines, warehouseId, -1, `(OrderValidated) ${row.ref}`);
    row.stockTakenFrom = warehouseId;
  }
  if (/^\(?PROV/i.test(row.ref)) row.ref = nextRef(context, 'CO');
  row.status = 1;
  row.date_valid = context.now();
  touchOrder(context, row);
}

function validateInvoice(context: FakeContext, row: InvoiceRow, body: Record<string, unknown>): void {
  if (row.status !== 0) throw new FakeHttpError(304, 'Error nothing done. May be object is already validated');
  if (row.lines.length === 0)
    throw new FakeHttpError(500, 'Error when validating Invoice: ErrorObjectMustHaveLinesToBeValidated');
  const forced = text(body.force_number);
  if (forced) {
    const taken = [...context.tables.invoices.values()].some(
      (other) => other.id !== row.id && other.entity === row.entity && other.ref === forced,
    );
    if (taken) throw new FakeHttpError(500, 'Error when validating Invoice: ErrorRefAlreadyExists');
    row.ref = forced;
  } else if (/^\(?PROV/i.test(row.ref)) {
    row.ref = nextRef(context, 'FA');
  }
  row.status = 1;
  row.date_valid = context.now();
  row.tms = context.now();
  const linked = row.fk_order === null ? null : context.tables.orders.get(row.fk_order);
  if (linked) {
    const invoiced = sumDecimals(
      [...context.tables.invoices.values()]
        .filter((other) => other.fk_order === linked.id && other.status > 0)
        .map((other) => documentTotals(other.lines).total_ttc),
    );
    // WORKFLOW_INVOICE_AMOUNT_CLASSIFY_BILLED_ORDER: the order is billed once its invoices cover it.
    if (compareDecimals(invoiced, documentTotals(linked.lines).total_ttc) >= 0) {
      linked.billed = 1;
      touchOrder(context, linked);
    }
  }
}

function recordPayment(
  context: FakeContext,
  body: Record<string, unknown>,
  amounts: Map<number, string>,
  multicurrencyAmounts: Map<number, string>,
): number {
  if (context.options.bankModule && !(Number(body.accountid) > 0))
    throw new FakeHttpError(400, 'Account ID is mandatory');
  const paymentType = Number(body.paymentid);
  if (!(paymentType > 0)) throw new FakeHttpError(400, 'Payment ID or Payment Code is mandatory');
  if (!context.tables.paymentTypes.some((type) => type.id === paymentType))
    throw new FakeHttpError(400, 'Payment error : ErrorBadValueForParameter paymentid');
  if (
    context.options.bankModule &&
    !context.tables.bankAccounts.some((account) => account.id === Number(body.accountid))
  ) {
    throw new FakeHttpError(400, 'Add payment to bank error : bank account not found');
  }
  const code = paymentCode(context, paymentType);
  if (code === 'CHQ' && context.options.bankModule && !text(body.chqemetteur)) {
    throw new FakeHttpError(400, `Emetteur is mandatory when payment code is ${code}`);
  }
  const datepaye = body.datepaye;
  const date =
    typeof datepaye === 'number' || (typeof datepaye === 'string' && /^\d+$/.test(datepaye))
      ? Number(datepaye) * 1000
      : Date.parse(String(datepaye));
  if (Number.isNaN(date)) throw new FakeHttpError(400, 'Bad value for datepaye');
  const row: PaymentRow = {
    id: context.nextId('payment'),
    entity: context.entity,
    ref: nextRef(context, 'PAY'),
    ref_ext: text(body.ref_ext),
    datep: date,
    fk_paiement: paymentType,
    num_payment: text(body.num_payment) ?? '',
    note_private: text(body.comment) ?? '',
    accountid: body.accountid === undefined ? null : Number(body.accountid),
    amounts,
    multicurrency_amounts: multicurrencyAmounts,
  };
  context.tables.payments.set(row.id, row);
  if (body.closepaidinvoices === 'yes') {
    for (const invoiceId of amounts.keys()) {
      const paidInvoice = context.tables.invoices.get(invoiceId);
      if (!paidInvoice) continue;
      const totals = documentTotals(paidInvoice.lines);
      // A foreign-currency invoice is settled when its own currency is (Paiement::create compares the multicurrency remain).
      const foreign = paidInvoice.multicurrency_code !== MAIN_CURRENCY;
      const settled = foreign
        ? compareDecimals(sumPayments(context, invoiceId, true), totals.multicurrency_total_ttc) >= 0
        : compareDecimals(sumPayments(context, invoiceId), totals.total_ttc) >= 0;
      if (settled) {
        paidInvoice.status = 2;
        paidInvoice.paye = 1;
      }
      paidInvoice.tms = context.now();
    }
  }
  return row.id;
}

export function documentRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/orders',
      run: ({ context, query }) => {
        context.requireRight('commande.lire');
        const ids = (query.get('thirdparty_ids') ?? '').split(',').filter(Boolean).map(Number);
        const links = query.get('loadlinkedobjects') === '1' || query.get('loadlinkedobjects') === 'true';
        return listAnswer(context, query, {
          rows: [...context.tables.orders.values()].filter((row) => ids.length === 0 || ids.includes(row.socid)),
          column: columnOf({
            't.rowid': (row: OrderRow) => row.id,
            't.ref': (row: OrderRow) => row.ref,
            't.ref_client': (row: OrderRow) => row.ref_client,
            't.ref_ext': (row: OrderRow) => row.ref_ext,
            't.fk_soc': (row: OrderRow) => row.socid,
            't.fk_statut': (row: OrderRow) => row.status,
            't.facture': (row: OrderRow) => row.billed,
            't.entity': (row: OrderRow) => row.entity,
            't.tms': (row: OrderRow) => datetime(row.tms),
            't.date_creation': (row: OrderRow) => datetime(row.datec),
            't.date_commande': (row: OrderRow) => datetime(row.date),
          }),
          serialize: (row) => serializeOrder(context, row, { links, contacts: true }),
          defaultSort: 't.rowid',
          emptyMessage: 'No order found',
        });
      },
    },
    {
      method: 'GET',
      path: '/orders/ref_ext/{refExt}',
      run: ({ context, params }) => {
        context.requireRight('commande.lire');
        const wanted = decodeURIComponent(params.refExt ?? '');
        const row = [...context.tables.orders.values()].find(
          (candidate) => candidate.ref_ext === wanted && candidate.entity === context.entity,
        );
        if (!row) throw new FakeHttpError(404, 'Order not found');
        return serializeOrder(context, row, { links: true, contacts: false });
      },
    },
    {
      method: 'GET',
      path: '/orders/{id}',
      run: ({ context, params, query }) => {
        context.requireRight('commande.lire');
        const contactList = Number(query.get('contact_list') ?? '-1');
        return serializeOrder(context, order(context, numberParam(params.id)), {
          links: true,
          contacts: contactList > -1,
        });
      },
    },
    {
      method: 'POST',
      path: '/orders',
      run: ({ context, body }) => {
        context.requireRight('commande.creer');
        if (body.socid === undefined || body.socid === null) throw new FakeHttpError(400, 'socid field missing');
        if (body.date === undefined || body.date === null) throw new FakeHttpError(400, 'date field missing');
        const socid = Number(body.socid);
        const customer = context.tables.thirdparties.get(socid);
        if (!customer || customer.entity !== context.entity)
          throw new FakeHttpError(500, 'Error creating order: ErrorThirdpartyNotFound');
        const code = text(body.multicurrency_code) ?? MAIN_CURRENCY;
        if (!context.tables.currencies.some((currency) => currency.code === code))
          throw new FakeHttpError(500, `Error creating order: ErrorUnknownCurrency ${code}`);
        const tx = decimalOf(body.multicurrency_tx) ?? '1';
        const now = context.now();
        const id = context.nextId('order');
        const providedRef = text(body.ref);
        const lines = Array.isArray(body.lines) ? (body.lines as Record<string, unknown>[]) : [];
        const row: OrderRow = {
          id,
          entity: context.entity,
          ref: providedRef && !/^\(?PROV/i.test(providedRef) ? providedRef : `(PROV${id})`,
          ref_client: text(body.ref_client),
          ref_ext: text(body.ref_ext),
          socid,
          status: 0,
          billed: 0,
          date: Number(body.date) * 1000,
          datec: now,
          date_valid: null,
          tms: now,
          multicurrency_code: code,
          multicurrency_tx: tx,
          mode_reglement_id:
            body.mode_reglement_id === undefined || body.mode_reglement_id === null
              ? null
              : Number(body.mode_reglement_id),
          shipping_method_id:
            body.shipping_method_id === undefined || body.shipping_method_id === null
              ? null
              : Number(body.shipping_method_id),
          warehouse_id:
            body.warehouse_id === undefined || body.warehouse_id === null ? null : Number(body.warehouse_id),
          note_public: text(body.note_public) ?? '',
          note_private: text(body.note_private) ?? '',
          lines: lines.map((line, index) => lineFrom(context, line, index + 1, tx)),
          contacts: [],
          stockTakenFrom: null,
        };
        if (
          providedRef &&
          [...context.tables.orders.values()].some((other) => other.ref === row.ref && other.entity === row.entity)
        ) {
          throw new FakeHttpError(500, 'Error creating order: ErrorRefAlreadyExists');
        }
        context.tables.orders.set(id, row);
        return id;
      },
    },
    {
      method: 'PUT',
      path: '/orders/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('commande.creer');
        const row = order(context, numberParam(params.id));
        for (const field of ['ref_client', 'ref_ext', 'note_public', 'note_private'] as const) {
          if (body[field] !== undefined) (row as unknown as Record<string, unknown>)[field] = text(body[field]) ?? '';
        }
        touchOrder(context, row);
        return serializeOrder(context, row, { links: true, contacts: false });
      },
    },
    {
      method: 'POST',
      path: '/orders/{id}/lines',
      run: ({ context, params, body }) => {
        context.requireRight('commande.creer');
        const row = order(context, numberParam(params.id));
        if (row.status !== 0) throw new FakeHttpError(400, 'ErrorOrderNotDraft');
        const line = lineFrom(context, body, row.lines.length + 1, row.multicurrency_tx);
        row.lines.push(line);
        touchOrder(context, row);
        return line.id;
      },
    },
    {
      method: 'POST',
      path: '/orders/{id}/validate',
      run: ({ context, params, body }) => {
        context.requireRight('commande.creer');
        const row = order(context, numberParam(params.id));
        validateOrder(context, row, body);
        return serializeOrder(context, row, { links: true, contacts: false });
      },
    },
    {
      method: 'POST',
      path: '/orders/{id}/close',
      run: ({ context, params }) => {
        context.requireRight('commande.creer');
        const row = order(context, numberParam(params.id));
        if (row.status === 3) throw new FakeHttpError(304, 'Error nothing done. May be object is already closed');
        if (row.status < 1) throw new FakeHttpError(500, 'Error when closing Order: ErrorOrderNotValidated');
        row.status = 3;
        touchOrder(context, row);
        return serializeOrder(context, row, { links: true, contacts: false });
      },
    },
    {
      method: 'POST',
      path: '/orders/{id}/setinvoiced',
      run: ({ context, params }) => {
        context.requireRight('commande.creer');
        const row = order(context, numberParam(params.id));
        row.billed = 1;
        touchOrder(context, row);
        return serializeOrder(context, row, { links: true, contacts: false });
      },
    },
    {
      method: 'POST',
      path: '/orders/{id}/contact/{contactId}/{type}',
      run: ({ context, params }) => {
        context.requireRight('commande.creer');
        const row = order(context, numberParam(params.id));
        const contactId = numberParam(params.contactId);
        const type = String(params.type).toUpperCase();
        if (!['BILLING', 'SHIPPING', 'CUSTOMER'].includes(type))
          throw new FakeHttpError(400, `Bad value for type ${type}`);
        const contact = context.tables.contacts.get(contactId);
        if (!contact || contact.entity !== context.entity) throw new FakeHttpError(500, 'Error when added the contact');
        if (row.contacts.some(([id, code]) => id === contactId && code === type))
          throw new FakeHttpError(304, 'contact already added');
        row.contacts.push([contactId, type]);
        touchOrder(context, row);
        return { success: { code: 200, message: 'Contact linked to the order' } };
      },
    },
    {
      method: 'GET',
      path: '/invoices',
      run: ({ context, query }) => {
        context.requireRight('facture.lire');
        const status = query.get('status');
        const wanted =
          status === 'draft' ? 0 : status === 'unpaid' ? 1 : status === 'paid' ? 2 : status === 'cancelled' ? 3 : null;
        return listAnswer(context, query, {
          rows: [...context.tables.invoices.values()].filter((row) => wanted === null || row.status === wanted),
          column: columnOf({
            't.rowid': (row: InvoiceRow) => row.id,
            't.ref': (row: InvoiceRow) => row.ref,
            't.ref_ext': (row: InvoiceRow) => row.ref_ext,
            't.ref_client': (row: InvoiceRow) => row.ref_client,
            't.fk_soc': (row: InvoiceRow) => row.socid,
            't.fk_statut': (row: InvoiceRow) => row.status,
            't.paye': (row: InvoiceRow) => row.paye,
            't.entity': (row: InvoiceRow) => row.entity,
            't.tms': (row: InvoiceRow) => datetime(row.tms),
            't.datef': (row: InvoiceRow) => datetime(row.date),
            't.datec': (row: InvoiceRow) => datetime(row.datec),
          }),
          serialize: (row) => serializeInvoice(context, row),
          defaultSort: 't.rowid',
          emptyMessage: 'No invoice found',
        });
      },
    },
    {
      method: 'GET',
      path: '/invoices/{id}',
      run: ({ context, params }) => {
        context.requireRight('facture.lire');
        return serializeInvoice(context, invoice(context, numberParam(params.id)));
      },
    },
    {
      method: 'POST',
      path: '/invoices/createfromorder/{orderId}',
      run: ({ context, params }) => {
        context.requireRight('commande.lire');
        context.requireRight('facture.creer');
        const source = order(context, numberParam(params.orderId));
        const now = context.now();
        const id = context.nextId('invoice');
        const row: InvoiceRow = {
          id,
          entity: context.entity,
          ref: `(PROV${id})`,
          ref_client: source.ref_client,
          ref_ext: null,
          socid: source.socid,
          status: 0,
          paye: 0,
          date: now,
          datec: now,
          date_valid: null,
          tms: now,
          multicurrency_code: source.multicurrency_code,
          multicurrency_tx: source.multicurrency_tx,
          mode_reglement_id: source.mode_reglement_id,
          lines: source.lines.map((line) => ({ ...line, id: context.nextId('line') })),
          fk_order: source.id,
        };
        context.tables.invoices.set(id, row);
        touchOrder(context, source);
        return serializeInvoice(context, row);
      },
    },
    {
      method: 'PUT',
      path: '/invoices/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('facture.creer');
        const row = invoice(context, numberParam(params.id));
        for (const field of ['ref_client', 'ref_ext'] as const) {
          if (body[field] !== undefined) row[field] = text(body[field]);
        }
        if (body.date !== undefined && row.status === 0) row.date = Number(body.date) * 1000;
        row.tms = context.now();
        return serializeInvoice(context, row);
      },
    },
    {
      method: 'POST',
      path: '/invoices/{id}/validate',
      run: ({ context, params, body }) => {
        context.requireRight('facture.creer');
        const row = invoice(context, numberParam(params.id));
        validateInvoice(context, row, body);
        return serializeInvoice(context, row);
      },
    },
    {
      method: 'GET',
      path: '/invoices/{id}/payments',
      run: ({ context, params }) => {
        context.requireRight('facture.lire');
        const row = invoice(context, numberParam(params.id));
        return [...context.tables.payments.values()]
          .filter((payment) => payment.amounts.has(row.id))
          .map((payment) => ({
            amount: money(payment.amounts.get(row.id)),
            multicurrency_amount: money(payment.multicurrency_amounts.get(row.id) ?? payment.amounts.get(row.id)),
            type: paymentCode(context, payment.fk_paiement),
            date: Math.floor(payment.datep / 1000),
            num: payment.num_payment,
            ref: payment.ref,
            ref_ext: payment.ref_ext,
            fk_bank_line: payment.accountid === null ? null : String(payment.id),
          }));
      },
    },
    {
      method: 'POST',
      path: '/invoices/paymentsdistributed',
      run: ({ context, body }) => {
        context.requireRight('facture.creer');
        const requested = (body.arrayofamounts ?? {}) as Record<
          string,
          { amount?: unknown; multicurrency_amount?: unknown }
        >;
        const amounts = new Map<number, string>();
        const foreign = new Map<number, string>();
        for (const [key, value] of Object.entries(requested)) {
          const row = invoice(context, Number(key));
          if (row.status === 0) throw new FakeHttpError(400, `Payment error : invoice ${row.ref} is a draft`);
          const totals = documentTotals(row.lines);
          const multicurrency =
            value.multicurrency_amount !== undefined &&
            value.multicurrency_amount !== '' &&
            value.multicurrency_amount !== null;
          const remain = subtractDecimals(
            multicurrency ? totals.multicurrency_total_ttc : totals.total_ttc,
            sumPayments(context, row.id, multicurrency),
          );
          const raw = multicurrency ? value.multicurrency_amount : value.amount;
          const amount = raw === 'remain' ? remain : roundDecimal(decimalOf(raw) ?? '0', 2);
          if (compareDecimals(amount, remain) > 0 && !body.accepthigherpayment) {
            throw new FakeHttpError(
              400,
              `Payment amount on invoice ID ${row.id} (${amount}) is higher than remain to pay (${roundDecimal(remain, 2)})`,
            );
          }
          const tx = row.multicurrency_tx;
          if (multicurrency) {
            foreign.set(row.id, amount);
            amounts.set(
              row.id,
              compareDecimals(tx, '0') === 0 ? amount : roundDecimal(divideDecimals(amount, tx, 8), 2),
            );
          } else {
            amounts.set(row.id, amount);
          }
        }
        if (amounts.size === 0)
          throw new FakeHttpError(
            400,
            'Invoice ID is mandatory. Fill the invoice id and amount into arrayofamounts parameter.',
          );
        return recordPayment(context, body, amounts, foreign);
      },
    },
    {
      method: 'POST',
      path: '/invoices/{id}/payments',
      run: ({ context, params, body }) => {
        context.requireRight('facture.creer');
        const row = invoice(context, numberParam(params.id));
        const remain = roundDecimal(
          subtractDecimals(documentTotals(row.lines).total_ttc, sumPayments(context, row.id)),
          2,
        );
        return recordPayment(context, body, new Map([[row.id, remain]]), new Map());
      },
    },
    {
      method: 'GET',
      path: '/shipments',
      run: ({ context, query }) => {
        context.requireRight('expedition.lire');
        return listAnswer(context, query, {
          rows: context.tables.shipments.values(),
          column: columnOf({
            't.rowid': (row: ShipmentRow) => row.id,
            't.ref': (row: ShipmentRow) => row.ref,
            't.fk_soc': (row: ShipmentRow) => row.socid,
            't.fk_statut': (row: ShipmentRow) => row.status,
            't.tracking_number': (row: ShipmentRow) => row.tracking_number,
            't.entity': (row: ShipmentRow) => row.entity,
            't.tms': (row: ShipmentRow) => datetime(row.tms),
          }),
          serialize: (row) => serializeShipment(context, row),
          defaultSort: 't.rowid',
          emptyMessage: 'No shipment found',
        });
      },
    },
    {
      method: 'GET',
      path: '/shipments/{id}',
      run: ({ context, params }) => {
        context.requireRight('expedition.lire');
        return serializeShipment(context, shipment(context, numberParam(params.id)));
      },
    },
    {
      method: 'POST',
      path: '/shipments',
      run: ({ context, body }) => {
        context.requireRight('expedition.creer');
        const source = order(context, Number(body.origin_id));
        if (source.status < 1) throw new FakeHttpError(500, 'Error creating shipment: the order is not validated');
        const inputs = Array.isArray(body.lines) ? (body.lines as Record<string, unknown>[]) : [];
        const now = context.now();
        const id = context.nextId('shipment');
        const row: ShipmentRow = {
          id,
          entity: context.entity,
          ref: `(PROV${id})`,
          socid: source.socid,
          origin_id: source.id,
          status: 0,
          tracking_number: text(body.tracking_number),
          shipping_method_id:
            body.shipping_method_id === undefined ? source.shipping_method_id : Number(body.shipping_method_id),
          datec: now,
          date_valid: null,
          tms: now,
          lines: inputs.map((input) => {
            const origin = source.lines.find((line) => line.id === Number(input.origin_line_id));
            if (!origin) throw new FakeHttpError(400, `Order line ${String(input.origin_line_id)} not found`);
            return {
              id: context.nextId('shipment_line'),
              origin_line_id: origin.id,
              fk_product: origin.fk_product,
              qty: Number(input.qty ?? origin.qty),
              entrepot_id: input.entrepot_id === undefined ? null : Number(input.entrepot_id),
            };
          }),
        };
        context.tables.shipments.set(id, row);
        touchOrder(context, source);
        return id;
      },
    },
    {
      method: 'PUT',
      path: '/shipments/{id}',
      run: ({ context, params, body }) => {
        context.requireRight('expedition.creer');
        const row = shipment(context, numberParam(params.id));
        if (body.tracking_number !== undefined) row.tracking_number = text(body.tracking_number);
        row.tms = context.now();
        const source = context.tables.orders.get(row.origin_id);
        if (source) touchOrder(context, source);
        return serializeShipment(context, row);
      },
    },
    {
      method: 'POST',
      path: '/shipments/{id}/validate',
      run: ({ context, params }) => {
        context.requireRight('expedition.creer');
        const row = shipment(context, numberParam(params.id));
        if (row.status !== 0) throw new FakeHttpError(304, 'Error nothing done. May be object is already validated');
        if (context.options.stockDecrementOn === 'shipment') {
          for (const line of row.lines) {
            if (line.entrepot_id === null)
              throw new FakeHttpError(500, 'Error when validating shipment: ErrorWarehouseRequired');
            moveStockFor(
              context,
              [{ fk_product: line.fk_product, qty: line.qty, product_type: 0 }],
              line.entrepot_id,
              -1,
              `(ShipmentValidated) ${row.ref}`,
            );
          }
        }
        row.ref = nextRef(context, 'SH');
        row.status = 1;
        row.date_valid = context.now();
        row.tms = context.now();
        const source = context.tables.orders.get(row.origin_id);
        if (source && source.status === 1) source.status = 2;
        if (source) touchOrder(context, source);
        return serializeShipment(context, row);
      },
    },
    {
      method: 'POST',
      path: '/shipments/{id}/close',
      run: ({ context, params }) => {
        context.requireRight('expedition.creer');
        const row = shipment(context, numberParam(params.id));
        if (row.status === 2) throw new FakeHttpError(304, 'Error nothing done. May be object is already closed');
        row.status = 2;
        row.tms = context.now();
        const source = context.tables.orders.get(row.origin_id);
        if (source && source.status >= 1) {
          source.status = 3;
          touchOrder(context, source);
        }
        return serializeShipment(context, row);
      },
    },
  ];
}
