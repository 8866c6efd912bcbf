import type { Address, CustomerWrite, PlannedWrite, WriteContext, WriteOutcome } from '@passerelle/core';
import { type AdapterContext, mapBounded, WRITE_CONCURRENCY } from '../adapter-context.js';
import {
  CUSTOMER_ADDRESS_CREATE_MUTATION,
  CUSTOMER_CREATE_MUTATION,
  CUSTOMER_QUERY,
  CUSTOMER_UPDATE_MUTATION,
  TAGS_ADD_MUTATION,
} from '../graphql/customers.js';
import type { CustomerNode, UserError } from '../graphql/shopify.types.js';
import { toAddress, toMailingAddressInput } from '../map/address.js';
import { groupTags, toCustomerInput } from '../map/customer.js';
import { isGid } from '../map/gid.js';
import { shopifySectionOf } from '../settings.js';
import { assertNoUserErrors, failureOutcome } from './user-errors.js';

/** Contract fields a Shopify customer can hold (the group as tags, addresses through their own mutations). */
const HANDLED = new Set([
  'reference',
  'email',
  'firstName',
  'lastName',
  'note',
  'language',
  'newsletter',
  'groups',
  'defaultGroup',
  'addresses',
  'sourceUpdatedAt',
]);

function sameAddress(a: Address, b: Address): boolean {
  const key = (address: Address) =>
    [address.address1, address.postcode, address.city, address.country]
      .map((part) => part.trim().toLowerCase())
      .join('|');
  return key(a) === key(b);
}

export function createCustomerWriter(context: AdapterContext) {
  const { client } = context;

  const current = async (id: string): Promise<CustomerNode | null> =>
    (await client.request<{ customer: CustomerNode | null }>(CUSTOMER_QUERY, { id })).customer;

  const addAddresses = async (customerId: string, addresses: Address[], existing: Address[]) => {
    let first = existing.length === 0;
    for (const address of addresses) {
      if (existing.some((known) => sameAddress(known, address))) continue;
      const answer = await client.request<{ customerAddressCreate: { userErrors: UserError[] } }>(
        CUSTOMER_ADDRESS_CREATE_MUTATION,
        {
          customerId,
          address: toMailingAddressInput(address),
          setAsDefault: first || address.type === 'both',
        },
      );
      assertNoUserErrors(answer.customerAddressCreate.userErrors, 'customerAddressCreate');
      first = false;
    }
  };

  const write = async (plan: PlannedWrite<CustomerWrite>, writeContext: WriteContext): Promise<WriteOutcome> => {
    const settings = shopifySectionOf(writeContext.settings);
    const data = plan.data;
    const groups = [
      ...(data.groups ?? []),
      ...(data.defaultGroup && !data.groups?.includes(data.defaultGroup) ? [data.defaultGroup] : []),
    ];
    const unsupported = Object.keys(data).filter((field) => !HANDLED.has(field));
    const note = unsupported.length ? { note: `not stored by Shopify: ${unsupported.join(', ')}` } : {};
    const prefix = settings.customerGroupTagPrefix;

    if (plan.action === 'create') {
      const answer = await client.request<{
        customerCreate: { customer: { id: string } | null; userErrors: UserError[] };
      }>(CUSTOMER_CREATE_MUTATION, {
        input: { ...toCustomerInput(data, plan.key), ...(groups.length ? { tags: groupTags(groups, prefix) } : {}) },
      });
      assertNoUserErrors(answer.customerCreate.userErrors, 'customerCreate');
      const id = answer.customerCreate.customer?.id;
      if (!id) throw new Error('customerCreate answered no customer');
      if (data.addresses?.length) await addAddresses(id, data.addresses, []);
      return { key: plan.key, ok: true, id, ...note };
    }

    const id = plan.platformId;
    if (!id || !isGid(id, 'Customer'))
      return { key: plan.key, ok: false, error: `no Shopify customer id for "${plan.key}"`, retryable: false };
    const needsCurrent = groups.length > 0 || data.addresses !== undefined;
    const existing = needsCurrent ? await current(id) : null;
    if (needsCurrent && !existing)
      return { key: plan.key, ok: false, error: `customer ${id} does not exist`, retryable: false };

    const input: Record<string, unknown> = { id, ...toCustomerInput(data, plan.key) };
    if (groups.length && settings.replaceCustomerTags && existing) {
      // Replace the groups, keep the tags that are not groups (those without the prefix, when one is set).
      const kept = prefix ? existing.tags.filter((tag) => !tag.startsWith(prefix)) : [];
      input.tags = [...kept, ...groupTags(groups, prefix)];
    }
    const answer = await client.request<{
      customerUpdate: { customer: { id: string } | null; userErrors: UserError[] };
    }>(CUSTOMER_UPDATE_MUTATION, { input });
    assertNoUserErrors(answer.customerUpdate.userErrors, 'customerUpdate');
    if (!answer.customerUpdate.customer)
      return { key: plan.key, ok: false, error: `customer ${id} does not exist`, retryable: false };
    if (groups.length && !settings.replaceCustomerTags) {
      const tags = await client.request<{ tagsAdd: { userErrors: UserError[] } }>(TAGS_ADD_MUTATION, {
        id,
        tags: groupTags(groups, prefix),
      });
      assertNoUserErrors(tags.tagsAdd.userErrors, 'tagsAdd');
    }
    if (data.addresses && existing) {
      const known = existing.addressesV2.nodes
        .map((node) => toAddress(node, 'shipping'))
        .filter((address): address is Address => address !== null);
      await addAddresses(id, data.addresses, known);
    }
    return { key: plan.key, ok: true, id, ...note };
  };

  return (plans: PlannedWrite<CustomerWrite>[], writeContext: WriteContext): Promise<WriteOutcome[]> =>
    mapBounded(plans, WRITE_CONCURRENCY, async (plan) => {
      try {
        return await write(plan, writeContext);
      } catch (error) {
        return failureOutcome(plan.key, error);
      }
    });
}
