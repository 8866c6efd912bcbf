import type {
  AdapterPage,
  CustomerGroup,
  CustomerGroupWrite,
  ListOptions,
  PlannedWrite,
  WriteContext,
  WriteOutcome,
} from '@passerelle/core';
import { type Bridge, failure, forEachWrite, outcomeWithNotes } from '../bridge-context.js';
import type { PsRow } from '../client.js';
import { namedAs } from '../lookups.js';
import { toCustomerGroup } from '../map/customer-group.js';
import { writeLocalized } from '../map/multilang.js';
import { decimal, psText } from '../map/scalars.js';
import type { PsFieldValue } from '../xml.js';
import { idPage, updatedSinceFilter } from './product-reads.js';

async function mapGroups(bridge: Bridge, rows: PsRow[]): Promise<CustomerGroup[]> {
  const shop = await bridge.shop.snapshot();
  const references = await bridge.references.references(
    'customer-group',
    rows.map((row) => psText(row.id)),
  );
  return rows.map((row) => toCustomerGroup(row, shop, references, bridge.contractShopId, bridge.includeRaw));
}

export async function listGroups(bridge: Bridge, options: ListOptions): Promise<AdapterPage<CustomerGroup>> {
  const { rows, nextCursor } = await idPage(
    bridge,
    'groups',
    options,
    'full',
    await updatedSinceFilter(bridge, 'date_upd', options.updatedSince),
  );
  return { items: await mapGroups(bridge, rows), nextCursor };
}

export async function getGroup(bridge: Bridge, id: string): Promise<CustomerGroup | null> {
  if (!/^\d+$/.test(id)) return null;
  const row = await bridge.client.get('groups', id);
  return row ? ((await mapGroups(bridge, [row]))[0] ?? null) : null;
}

/** Groups by binding, else id, else exact name: PrestaShop groups have no code of their own. */
export async function groupsByReferences(bridge: Bridge, references: string[]): Promise<Map<string, CustomerGroup>> {
  const bound = await bridge.references.platformIds('customer-group', references);
  const groups = await bridge.lookups.groups(true);
  const out = new Map<string, CustomerGroup>();
  for (const reference of references) {
    const id =
      bound.get(reference) ??
      (/^\d+$/.test(reference) && groups.has(reference) ? reference : undefined) ??
      [...groups.values()].find((group) => namedAs(group.names, reference))?.id;
    if (!id) continue;
    const group = await getGroup(bridge, id);
    if (group) out.set(reference, { ...group, reference });
  }
  return out;
}

interface GroupCreationSettings {
  allowAllModules?: boolean;
  enableInAllCategories?: boolean;
}

/**
 * Creates or updates customer groups. PrestaShop gives a new group access to Home and every carrier;
 * module restrictions and category access are not in the Webservice, so the two "new group" options
 * of `customerGroups` are reported on the item when on, for the admin to finish in the back office.
 */
export async function writeGroups(
  bridge: Bridge,
  plans: PlannedWrite<CustomerGroupWrite>[],
  context: WriteContext,
): Promise<WriteOutcome[]> {
  const options = ((context.settings as { customerGroups?: GroupCreationSettings } | undefined)?.customerGroups ??
    {}) as GroupCreationSettings;
  return forEachWrite(bridge, context, plans, async (plan) => {
    try {
      const shop = await bridge.shop.snapshot();
      const notes: string[] = [];
      const fields: Record<string, PsFieldValue> = {};
      if (plan.data.name !== undefined) {
        const { value, unknown } = writeLocalized(plan.data.name, shop);
        if (unknown.length) notes.push(`name: language ${unknown.join(', ')} is not installed in the shop`);
        fields.name = value;
      }
      if (plan.data.reduction !== undefined) fields.reduction = decimal(plan.data.reduction);
      if (plan.data.priceDisplay !== undefined)
        fields.price_display_method = plan.data.priceDisplay === 'taxExcl' ? '1' : '0';
      let id: string;
      if (plan.action === 'create') {
        fields.price_display_method ??= '0';
        fields.show_prices = '1';
        id = psText((await bridge.client.create('groups', { fields })).id);
        bridge.lookups.rememberGroup(
          id,
          (fields.name as { languages: Record<string, string> } | undefined)?.languages ?? {},
        );
        if (options.allowAllModules)
          notes.push(
            'allowAllModules: module access of a group is not in the Webservice; set it in Customers > Groups',
          );
        if (options.enableInAllCategories) {
          notes.push(
            'enableInAllCategories: category access of a group is not in the Webservice; the group sees Home only until set in the back office',
          );
        }
      } else {
        id = plan.platformId as string;
        if (Object.keys(fields).length) await bridge.client.update('groups', id, { fields });
      }
      return outcomeWithNotes(plan.key, id, notes);
    } catch (error) {
      return failure(plan.key, error);
    }
  });
}
