import {
  type ErpOperations,
  type Invoice,
  isZeroDecimal,
  type Order,
  type Payment,
  PlatformError,
  subtractDecimals,
  type WriteContext,
  type WriteOutcome,
} from '@passerelle/core';
import { type AdapterContext, coreViewOf, externalRef, failure } from '../adapter-context.js';
import { contactPayload, sameAddress } from '../map/customer.js';
import { unixFromIso } from '../map/dates.js';
import { amountOf } from '../map/decimal.js';
import { orderPayload, roundingLine } from '../map/erp-order.js';
import { isValidatedInvoice } from '../map/order.js';
import {
  type DolibarrDocument,
  type DolibarrInvoicePayment,
  type DolibarrObject,
  type DolibarrThirdparty,
  idOf,
  linkedIds,
  stringOf,
} from '../payloads.types.js';
import { type DolibarrSettings, dolibarrSettingsOf } from '../settings.js';
import { isFilterable, test } from '../sqlfilters.js';
import type { createCustomerOperations } from './customers.js';

type Customers = ReturnType<typeof createCustomerOperations>;

/**
 * The ERP side: shop orders become validated Dolibarr orders, their invoices are made from those
 * orders, their payments land on the invoices. Each is found again by its `ref_ext` before anything
 * is created, so a cloud that re-sends after a crash (or sends twice at once: see the lock) never
 * makes a second document; an existing one answers `skipped` with its id.
 */
export function createErpOperations(context: AdapterContext, customers: Customers): ErpOperations {
  const { client, lookups } = context;

  async function byRefExt(resource: 'orders' | 'invoices', refExt: string): Promise<DolibarrDocument | null> {
    if (!isFilterable(refExt)) throw new PlatformError(`the key ${refExt} cannot be searched in Dolibarr`, 400);
    const dialect = await client.dialect();
    const rows = await client.list<DolibarrDocument>(resource, {
      sqlfilters: test('t.ref_ext', '=', refExt, dialect),
      limit: 2,
      sortfield: 't.rowid',
      ...(resource === 'orders' ? { loadlinkedobjects: 1 } : {}),
    });
    const found = rows.find((row) => stringOf(row.ref_ext) === refExt);
    // With loadlinkedobjects an order's list row carries its links (its invoices); a version that
    // ignores the parameter leaves them out, and only a read by id has them.
    if (found && resource === 'orders' && found.linkedObjectsIds === undefined)
      return client.get<DolibarrDocument>(`orders/${String(found.id)}`);
    return found ?? null;
  }

  async function tolerate304(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      // Restler's 304 "nothing done": already validated or already linked.
      if (error instanceof PlatformError && error.status === 304) return;
      throw error;
    }
  }

  function statusOf(document: DolibarrDocument): number {
    return Number(document.status ?? document.statut ?? 0);
  }

  async function warehouseFor(order: Order, settings: DolibarrSettings): Promise<number> {
    const carrier = order.shippingDestinations[0]?.carrier ?? order.shipping[0]?.carrier;
    const mapped =
      (carrier?.id ? settings.carrierWarehouses[carrier.id] : undefined) ??
      (carrier?.name ? settings.carrierWarehouses[carrier.name] : undefined);
    return lookups.warehouseId(mapped ?? settings.warehouse);
  }

  async function shippingMethodFor(order: Order): Promise<number | null> {
    const carrier = order.shippingDestinations[0]?.carrier ?? order.shipping[0]?.carrier;
    if (!carrier) return null;
    const name = carrier.name.trim().toLowerCase();
    const methods = await lookups.shippingMethods();
    return (
      methods.find((method) => method.label.toLowerCase() === name || method.code.toLowerCase() === name)?.id ?? null
    );
  }

  async function paymentTypeFor(module: string, settings: DolibarrSettings): Promise<{ id: number; code: string }> {
    const code = settings.paymentModes[module] ?? settings.defaultPaymentMode;
    const id = await lookups.paymentTypeId(code);
    if (id === null)
      throw new PlatformError(
        `the payment type ${code} is not in Dolibarr's dictionary (platform.dolibarr.paymentModes)`,
        400,
      );
    return { id, code };
  }

  async function linkAddresses(orderId: number, order: Order, thirdparty: DolibarrThirdparty): Promise<void> {
    const socid = idOf(thirdparty.id) as number;
    const wanted: [string, typeof order.billingAddress][] = [['BILLING', order.billingAddress]];
    const shipTo = order.shippingDestinations[0]?.address;
    if (shipTo) wanted.push(['SHIPPING', shipTo]);
    const differing = wanted.filter(([, address]) => !sameAddress(thirdparty as Record<string, unknown>, address));
    if (differing.length === 0) return;
    const contacts = await client.list<DolibarrObject>('contacts', { thirdparty_ids: socid, limit: 500 });
    for (const [type, address] of differing) {
      let contactId = idOf(contacts.find((contact) => sameAddress(contact, address))?.id);
      if (contactId === null) {
        const payload = await contactPayload(address, socid, order.customer.email, (code) => lookups.countryId(code));
        contactId = idOf(await client.post('contacts', payload));
        if (contactId === null) continue;
        contacts.push({ ...payload, id: contactId, country_code: address.country });
      }
      await tolerate304(() => client.post(`orders/${orderId}/contact/${contactId}/${type}`));
    }
  }

  /**
   * What follows the `POST /orders`: the rounding line, the address contacts, the validation. Each step
   * looks before it writes (the total against the shop's, contacts by address, the status), so an order
   * an earlier attempt left as a draft (its answer lost, a step failed) is completed, never doubled.
   */
  async function finishOrder(
    id: number,
    order: Order,
    thirdparty: DolibarrThirdparty,
    settings: DolibarrSettings,
    warehouse: number,
  ): Promise<void> {
    // Dolibarr recomputes every total from unit prices and rates; what it lands off the shop's total
    // (the shop's own rounding delta included) goes on one tax-free rounding line.
    const created = await client.get<DolibarrDocument>(`orders/${id}`);
    const foreign = order.currency !== settings.mainCurrency;
    const landed = amountOf(foreign ? created.multicurrency_total_ttc : created.total_ttc);
    const difference = subtractDecimals(order.totals.totalIncl, landed);
    if (!isZeroDecimal(difference)) {
      const line = roundingLine(
        difference,
        await lookups.service(settings.roundingService, 'Rounding difference'),
        foreign,
        order.conversionRate ?? '1',
      );
      if (line) await client.post(`orders/${id}/lines`, line);
    }
    await linkAddresses(id, order, thirdparty);
    if (settings.validateOrders)
      await tolerate304(() => client.post(`orders/${id}/validate`, { idwarehouse: warehouse, notrigger: 0 }));
  }

  async function upsertOrder(order: Order, write: WriteContext, settings: DolibarrSettings): Promise<WriteOutcome> {
    const key = order.id;
    const refExt = externalRef(order.shopId ?? write.shopId, 'o', order.id);
    const existing = await byRefExt('orders', refExt);
    if (existing && statusOf(existing) !== 0) {
      const id = idOf(existing.id) as number;
      return { key, ok: 'skipped', reason: `already in Dolibarr as ${stringOf(existing.ref) ?? id}`, id: String(id) };
    }
    const thirdparty = await customers.findThirdparty(order.customer.email, order.customer.reference);
    if (!thirdparty) {
      return {
        key,
        ok: false,
        error: `no Dolibarr third party has the email ${order.customer.email}${order.customer.reference ? ` or the code ${order.customer.reference}` : ''}: send the customer first (PUT /customers)`,
        retryable: false,
      };
    }
    const warehouse = await warehouseFor(order, settings);
    if (existing) {
      // A draft an earlier attempt left (its answer lost, or a later step failed): completed, not re-created.
      const id = idOf(existing.id) as number;
      await finishOrder(id, order, thirdparty, settings, warehouse);
      if (!settings.validateOrders)
        return { key, ok: 'skipped', reason: `already in Dolibarr as ${stringOf(existing.ref) ?? id}`, id: String(id) };
      return { key, ok: true, id: String(id), note: 'completed the order an earlier attempt had left as a draft' };
    }
    const socid = idOf(thirdparty.id) as number;
    const core = coreViewOf(write.settings);
    const skus = order.lines.flatMap((line) => (line.reference ? [line.reference] : []));
    const products = new Map(
      [...(await lookups.productsByRef(skus))].flatMap(([ref, row]) =>
        idOf(row.id) === null ? [] : [[ref, idOf(row.id) as number] as const],
      ),
    );
    const payment = await paymentTypeFor(order.paymentMethod.module, settings);
    const payload = await orderPayload(order, {
      settings,
      referenceTarget: core.referenceTarget,
      discountLineMode: core.discountLineMode,
      socid,
      refExt,
      products,
      services: {
        shipping: () => lookups.service(settings.shippingService, 'Shipping'),
        discount: () => lookups.service(settings.discountService, 'Discount'),
        wrapping: () => lookups.service(settings.wrappingService, 'Gift wrapping'),
      },
      paymentTypeId: payment.id,
      shippingMethodId: await shippingMethodFor(order),
      warehouseId: warehouse,
    });
    const id = idOf(await client.post('orders', payload));
    if (id === null) throw new PlatformError(`Dolibarr did not return an id for the order ${order.reference}`, 502);
    await finishOrder(id, order, thirdparty, settings, warehouse);
    const skipped = skus.filter((sku) => !products.has(sku));
    return {
      key,
      ok: true,
      id: String(id),
      ...(skipped.length ? { note: `not in Dolibarr's catalogue, written as free lines: ${skipped.join(', ')}` } : {}),
    };
  }

  async function upsertInvoice(
    invoice: Invoice,
    write: WriteContext,
    settings: DolibarrSettings,
  ): Promise<WriteOutcome> {
    const key = invoice.id;
    const shop = invoice.shopId ?? write.shopId;
    const refExt = externalRef(shop, 'i', invoice.id);
    const validate = async (id: number) => {
      if (!settings.validateInvoices) return;
      await tolerate304(() =>
        client.post(`invoices/${id}/validate`, {
          ...(settings.identicalInvoiceNumbers ? { force_number: invoice.number } : {}),
          idwarehouse: 0,
          notrigger: 0,
        }),
      );
    };
    const existing = await byRefExt('invoices', refExt);
    if (existing) {
      const id = idOf(existing.id) as number;
      if (settings.validateInvoices && statusOf(existing) === 0) {
        await validate(id);
        return { key, ok: true, id: String(id), note: 'validated the invoice an earlier attempt had left as a draft' };
      }
      return { key, ok: 'skipped', reason: `already in Dolibarr as ${stringOf(existing.ref) ?? id}`, id: String(id) };
    }
    const order = await byRefExt('orders', externalRef(shop, 'o', invoice.orderId));
    if (!order)
      return {
        key,
        ok: false,
        error: `the order ${invoice.orderId} is not in Dolibarr yet: send it first (PUT /orders)`,
        retryable: true,
      };
    // An invoice made from this order by an attempt that stopped before tagging it is adopted, not doubled.
    let id: number | null = null;
    for (const linked of linkedIds(order, 'facture')) {
      const candidate = await client.getOrNull<DolibarrDocument>(`invoices/${linked}`);
      if (candidate && !stringOf(candidate.ref_ext) && statusOf(candidate) !== 3) {
        id = linked;
        break;
      }
    }
    if (id === null) {
      const created = await client.post<DolibarrDocument>(`invoices/createfromorder/${String(order.id)}`);
      id = idOf(created?.id);
      if (id === null)
        throw new PlatformError(`Dolibarr did not return the invoice made from order ${String(order.ref)}`, 502);
    }
    await client.put(`invoices/${id}`, { ref_ext: refExt, date: unixFromIso(invoice.date) });
    await validate(id);
    return { key, ok: true, id: String(id) };
  }

  async function upsertPayment(
    payment: Payment,
    write: WriteContext,
    settings: DolibarrSettings,
  ): Promise<WriteOutcome> {
    const key = payment.id;
    if (payment.status !== 'completed')
      return { key, ok: 'skipped', reason: `a ${payment.status} payment is not money received: nothing to record` };
    if (amountOf(payment.amount.amount).startsWith('-') || isZeroDecimal(payment.amount.amount)) {
      return { key, ok: 'skipped', reason: 'a refund or a zero amount is not recorded as a customer payment' };
    }
    const shop = payment.shopId ?? write.shopId;
    const refExt = externalRef(shop, 'p', payment.id);
    const order = await byRefExt('orders', externalRef(shop, 'o', payment.orderId));
    if (!order)
      return {
        key,
        ok: false,
        error: `the order ${payment.orderId} is not in Dolibarr yet: send it first (PUT /orders)`,
        retryable: true,
      };
    const invoices: DolibarrDocument[] = [];
    for (const linked of linkedIds(order, 'facture')) {
      const invoice = await client.getOrNull<DolibarrDocument>(`invoices/${linked}`);
      if (invoice) invoices.push(invoice);
    }
    for (const invoice of invoices) {
      const recorded = await client.list<DolibarrInvoicePayment>(`invoices/${String(invoice.id)}/payments`);
      const same = recorded.find((entry) => stringOf(entry.ref_ext) === refExt || stringOf(entry.num) === refExt);
      if (same)
        return {
          key,
          ok: 'skipped',
          reason: `already recorded in Dolibarr as ${stringOf(same.ref) ?? 'a payment'}`,
          ...(stringOf(same.ref) ? { id: stringOf(same.ref) } : {}),
        };
    }
    const target = invoices.find(isValidatedInvoice);
    if (!target)
      return {
        key,
        ok: false,
        error: `order ${payment.orderId} has no validated invoice in Dolibarr yet: send it first (PUT /invoices)`,
        retryable: true,
      };
    const type = await paymentTypeFor(payment.module, settings);
    const account = await lookups.bankAccountId(settings.bankAccounts[payment.module] ?? settings.defaultBankAccount);
    const foreign = payment.amount.currency !== settings.mainCurrency;
    const amount = amountOf(payment.amount.amount);
    let issuer: string | undefined;
    if (type.code === 'CHQ') {
      const thirdparty = await client.getOrNull<DolibarrThirdparty>(`thirdparties/${String(order.socid)}`);
      issuer = stringOf(thirdparty?.name);
    }
    const id = await client.post<unknown>('invoices/paymentsdistributed', {
      arrayofamounts: {
        [String(target.id)]: foreign
          ? { amount: '', multicurrency_amount: amount }
          : { amount, multicurrency_amount: '' },
      },
      datepaye: unixFromIso(payment.paidAt),
      paymentid: type.id,
      closepaidinvoices: 'yes',
      ...(account !== null ? { accountid: account } : {}),
      num_payment: (payment.transactionId ?? refExt).slice(0, 50),
      comment: `${payment.name || payment.module} (${payment.module})`,
      ...(issuer ? { chqemetteur: issuer } : {}),
      ref_ext: refExt,
      accepthigherpayment: false,
    });
    return { key, ok: true, id: String(idOf(id) ?? id) };
  }

  function run<T extends { id: string; shopId?: string | undefined }>(
    kind: 'o' | 'i' | 'p',
    upsert: (item: T, write: WriteContext, settings: DolibarrSettings) => Promise<WriteOutcome>,
  ) {
    return async (items: T[], write: WriteContext): Promise<WriteOutcome[]> => {
      const settings = dolibarrSettingsOf(write.settings);
      const outcomes: WriteOutcome[] = [];
      for (const item of items) {
        try {
          outcomes.push(
            await context.lock(externalRef(item.shopId ?? write.shopId, kind, item.id), () =>
              upsert(item, write, settings),
            ),
          );
        } catch (error) {
          outcomes.push(failure(item.id, error));
        }
      }
      return outcomes;
    };
  }

  return {
    upsertOrders: run<Order>('o', upsertOrder),
    upsertInvoices: run<Invoice>('i', upsertInvoice),
    upsertPayments: run<Payment>('p', upsertPayment),
  };
}
