import { randomBytes } from 'node:crypto';
import type { Address, CustomerWrite, PlannedWrite, WriteContext, WriteOutcome } from '@passerelle/core';
import { fromAddress } from '../map/address.js';
import { META } from '../map/meta.js';
import type { WooRuntime } from '../runtime.js';
import type { WooCustomer, WooMeta } from '../woo.types.js';
import { describeWithheld } from './product-write.js';
import { type BatchOp, runBatch } from './run-batch.js';
import type { Withheld } from './sale-price.js';

interface CustomerDirectives {
  passwordMode?: 'random-no-email' | 'random-and-reset-email' | 'erp-provided';
  notificationEmail?: boolean;
}

function pickAddress(addresses: readonly Address[], type: 'billing' | 'shipping'): Address | undefined {
  return addresses.find((address) => address.type === type) ?? addresses.find((address) => address.type === 'both');
}

/** Maps one planned customer write: WooCommerce fields where it has them, the bridge's meta keys for the rest. */
export function buildCustomerPayload(plan: PlannedWrite<CustomerWrite>): {
  payload: Record<string, unknown>;
  withheld: Withheld[];
} {
  const { data } = plan;
  const directives = plan.directives as CustomerDirectives;
  const payload: Record<string, unknown> = {};
  const meta: WooMeta[] = [];
  const withheld: Withheld[] = [];
  const billing: Record<string, unknown> = {};

  if (data.email !== undefined) payload.email = data.email;
  if (data.firstName !== undefined) payload.first_name = data.firstName;
  if (data.lastName !== undefined) payload.last_name = data.lastName;
  if (data.addresses !== undefined) {
    const invoice = pickAddress(data.addresses, 'billing');
    const delivery = pickAddress(data.addresses, 'shipping');
    if (invoice) Object.assign(billing, fromAddress(invoice, data.email ?? plan.incoming.email));
    if (delivery) payload.shipping = fromAddress(delivery);
    if (data.addresses.length > 2)
      withheld.push({
        field: 'addresses',
        reason: 'WooCommerce keeps one billing and one shipping address per customer',
      });
  }
  // The company travels with the billing address, where WooCommerce keeps it.
  if (data.company !== undefined) billing.company = data.company;
  if (Object.keys(billing).length) payload.billing = billing;
  const metaFields = [
    ['vatNumber', META.vatNumber],
    ['siret', META.siret],
    ['ape', META.ape],
    ['outstandingAllowed', META.outstandingAllowed],
    ['maxPaymentDays', META.maxPaymentDays],
    ['riskLevel', META.riskLevel],
    ['note', META.customerNote],
    ['erpAccount', META.erpAccount],
  ] as const;
  for (const [field, key] of metaFields) {
    const value = data[field];
    if (value !== undefined) meta.push({ key, value: String(value) });
  }
  // The ERP code is the customer's identity: kept on the customer, so the next write finds it by code.
  meta.push({ key: META.customerCode, value: plan.key });
  for (const field of ['groups', 'defaultGroup'] as const) {
    if (data[field] !== undefined)
      withheld.push({ field, reason: 'customer groups need a plug-in (Groups or Wholesale Prices Premium)' });
  }
  for (const field of ['newsletter', 'optIn', 'language', 'birthday'] as const) {
    if (data[field] !== undefined) withheld.push({ field, reason: 'WooCommerce customers have no such field' });
  }
  if (data.active !== undefined)
    withheld.push({ field: 'active', reason: 'WooCommerce customers cannot be deactivated' });
  if (plan.action === 'create') {
    if (directives.passwordMode === 'erp-provided')
      withheld.push({ field: 'password', reason: 'the ERP sent no password: a random one was set' });
    if (directives.passwordMode === 'random-and-reset-email') {
      withheld.push({
        field: 'password reset e-mail',
        reason: 'WooCommerce REST cannot send it: the customer uses "Lost your password?"',
      });
    }
    // WooCommerce mails its "new account" message on every creation; it cannot be turned off through REST.
    payload.password = randomBytes(18).toString('base64url');
  }
  payload.meta_data = meta;
  return { payload, withheld };
}

/** Writes customers through `POST /customers/batch` (creates and updates together, 100 per call). */
export async function writeCustomers(
  runtime: WooRuntime,
  plans: readonly PlannedWrite<CustomerWrite>[],
  _context: WriteContext,
): Promise<WriteOutcome[]> {
  const ops: BatchOp<Record<string, unknown>>[] = [];
  const withheld = new Map<string, Withheld[]>();
  const outcomes = new Map<string, WriteOutcome>();
  for (const plan of plans) {
    if (plan.action === 'create' && !plan.data.email) {
      outcomes.set(plan.key, {
        key: plan.key,
        ok: false,
        error: 'WooCommerce needs an email to create a customer',
        retryable: false,
      });
      continue;
    }
    const built = buildCustomerPayload(plan);
    withheld.set(plan.key, built.withheld);
    ops.push(
      plan.action === 'create'
        ? { key: plan.key, kind: 'create', payload: built.payload }
        : { key: plan.key, kind: 'update', payload: { id: Number(plan.platformId), ...built.payload } },
    );
  }
  const results = await runBatch<Record<string, unknown>, WooCustomer>(runtime.client, 'customers', ops);
  for (const [key, result] of results) {
    const note = describeWithheld(withheld.get(key) ?? []);
    outcomes.set(
      key,
      result.ok
        ? { key, ok: true, id: String(result.item.id), ...(note ? { note } : {}) }
        : { key, ok: false, error: result.error, retryable: result.retryable },
    );
  }
  return plans.map(
    (plan) =>
      outcomes.get(plan.key) ?? { key: plan.key, ok: false, error: 'the customer write was not sent', retryable: true },
  );
}
