import { expect } from 'vitest';
import { capabilitiesOf } from '../adapter.js';
import type { AdapterCheck, AdapterCheckContext } from './adapter-check-context.js';
import { floorToSecond, requireMutations, unknownId, unknownReference } from './adapter-check-context.js';
import {
  describeIssues,
  type GenericReads,
  type Listed,
  type ReadEntityDescriptor,
  readEntityDescriptors,
  walkPages,
  withoutFields,
} from './read-entities.js';
import type { CheckHooks } from './register-checks.js';

const FAR_FUTURE = '2999-01-01T00:00:00.000Z';

/** The entity's reads, or the proof that the adapter does not claim them (then the check ends there). */
async function readsOrAbsent(
  entity: ReadEntityDescriptor,
  context: AdapterCheckContext,
  hooks: CheckHooks,
): Promise<GenericReads | null> {
  const reads = entity.reads(context.adapter);
  if (reads) return reads;
  expect(capabilitiesOf(context.adapter).read[entity.name], `capabilities.read.${entity.name}`).toBe(false);
  await hooks.note(`the adapter does not read ${entity.name}; capabilities agree`);
  return null;
}

async function listAll(reads: GenericReads, context: AdapterCheckContext): Promise<Listed[]> {
  return (await walkPages((options) => reads.list(options), { limit: context.pageSize })).items;
}

function pagedReadCheck(entity: ReadEntityDescriptor): AdapterCheck {
  return {
    title: `${entity.name}: every page respects the limit, every item passes its contract, ids are unique`,
    keys: [entity.name, 'read', `${entity.name}.read`],
    async run(context, hooks) {
      const reads = await readsOrAbsent(entity, context, hooks);
      if (!reads) return;
      const { pages, items } = await walkPages((options) => reads.list(options), { limit: context.pageSize });
      pages.forEach((page, index) => {
        expect(
          page.length,
          `${entity.name} page ${index + 1} holds more than limit=${context.pageSize}`,
        ).toBeLessThanOrEqual(context.pageSize);
      });
      expect(
        items.length,
        `the fake holds no ${entity.name}: seed some, or skip '${entity.name}.read' with the reason`,
      ).toBeGreaterThan(0);
      const seen = new Map<string, number>();
      items.forEach((item, index) => {
        const parsed = entity.schema.safeParse(item);
        const where = `${entity.name}[${index}] (id ${String(item?.id)})`;
        const issues = parsed.success ? [] : describeIssues(parsed.error);
        expect(issues.length, `${where} breaks the ${entity.name} contract: ${issues.join('; ')}`).toBe(0);
        const identity = entity.identity(item);
        expect(identity, `${where} has no id`).toBeTruthy();
        const first = seen.get(identity as string);
        expect(first, `${where} was already read as item ${String(first)}: pages overlap`).toBeUndefined();
        seen.set(identity as string, index);
      });
    },
  };
}

function updatedSinceCheck(entity: ReadEntityDescriptor): AdapterCheck {
  return {
    title: `${entity.name}: updatedSince returns what changed at or after it, and nothing for a future instant`,
    keys: [entity.name, 'updatedSince', `${entity.name}.updatedSince`],
    async run(context, hooks) {
      const reads = await readsOrAbsent(entity, context, hooks);
      if (!reads) return;
      const future = await walkPages((options) => reads.list(options), {
        limit: context.pageSize,
        updatedSince: FAR_FUTURE,
      });
      expect(
        future.items.map((item) => entity.identity(item)),
        `${entity.name} changed after ${FAR_FUTURE}: updatedSince is ignored`,
      ).toEqual([]);

      const since = floorToSecond(context.now());
      let changedId: string | undefined;
      if (entity.name === 'products') {
        const mutate = requireMutations(context, 'products.updatedSince');
        const all = await listAll(reads, context);
        const target =
          all.find((item) => item.reference === context.fixtures.simpleProduct) ?? all.find((item) => item.reference);
        expect(target?.reference, 'no product with a reference to touch').toBeTruthy();
        await mutate.touchProduct(target?.reference as string);
        changedId = target?.id;
      } else if (entity.name === 'orders' && context.subject.mutate?.placeOrder) {
        changedId = await context.subject.mutate.placeOrder();
      }
      if (changedId === undefined) {
        await hooks.note(`no mutation to make on ${entity.name}: only the future-instant half was checked`);
        return;
      }
      const changed = await walkPages((options) => reads.list(options), {
        limit: context.pageSize,
        updatedSince: since,
      });
      const ids = changed.items.map((item) => item.id);
      expect(ids, `${entity.name} ${changedId} changed after ${since} but updatedSince=${since} misses it`).toContain(
        changedId,
      );
      for (const item of changed.items) {
        const updatedAt = entity.updatedAt(item);
        if (updatedAt === undefined) continue;
        expect(
          Date.parse(updatedAt),
          `${entity.name} ${String(item.id)} is dated ${updatedAt}, before updatedSince=${since} (time zone?)`,
        ).toBeGreaterThanOrEqual(Date.parse(since));
      }
    },
  };
}

function getCheck(entity: ReadEntityDescriptor): AdapterCheck {
  return {
    title: `${entity.name}: get(id) returns the entity the list returned, and null for an unknown id`,
    keys: [entity.name, 'get', `${entity.name}.get`],
    async run(context, hooks) {
      const reads = await readsOrAbsent(entity, context, hooks);
      if (!reads) return;
      const get = reads.get?.bind(reads);
      if (!get) return hooks.skip(`the adapter has no ${entity.name}.get`);
      const sample = (await listAll(reads, context)).filter((item) => item.id).slice(0, 4);
      expect(sample.length, `no ${entity.name} with an id to get`).toBeGreaterThan(0);
      for (const listed of sample) {
        const got = await get(listed.id as string);
        expect(got, `${entity.name}.get(${String(listed.id)}) found nothing`).not.toBeNull();
        expect(
          withoutFields(got, entity.volatile),
          `${entity.name}.get(${String(listed.id)}) differs from the listed item`,
        ).toEqual(withoutFields(listed, entity.volatile));
      }
      const missing = unknownId(context, entity.name);
      expect(await get(missing), `${entity.name}.get(${missing}) must resolve to null`).toBeNull();
    },
  };
}

function getByReferencesCheck(entity: ReadEntityDescriptor): AdapterCheck {
  return {
    title: `${entity.name}: getByReferences returns exactly the known references`,
    keys: [entity.name, 'getByReferences', `${entity.name}.getByReferences`],
    async run(context, hooks) {
      const reads = await readsOrAbsent(entity, context, hooks);
      if (!reads) return;
      const getByReferences = reads.getByReferences?.bind(reads);
      if (!getByReferences) return hooks.skip(`the adapter has no ${entity.name}.getByReferences`);
      const known = new Map<string, Listed>();
      for (const item of await listAll(reads, context)) {
        if (item.reference && !known.has(item.reference) && known.size < 3) known.set(item.reference, item);
      }
      if (known.size === 0) return hooks.skip(`no ${entity.name} in the fake has a reference`);
      const missing = unknownReference(context);
      const found = await getByReferences([...known.keys(), missing]);
      expect(found instanceof Map, `${entity.name}.getByReferences must resolve to a Map`).toBe(true);
      expect([...found.keys()].sort(), `${entity.name}.getByReferences keys`).toEqual([...known.keys()].sort());
      for (const [reference, listed] of known) {
        const item = found.get(reference);
        expect(item?.reference, `${entity.name}.getByReferences(${reference}).reference`).toBe(reference);
        if (listed.id) expect(item?.id, `${entity.name}.getByReferences(${reference}).id`).toBe(listed.id);
      }
    },
  };
}

function deletesCheck(entity: ReadEntityDescriptor): AdapterCheck {
  return {
    title: `${entity.name}: listIds lists exactly the ids the list holds (delete detection)`,
    keys: [entity.name, 'deletes', `${entity.name}.deletes`],
    async run(context, hooks) {
      const reads = await readsOrAbsent(entity, context, hooks);
      if (!reads) return;
      const listIds = reads.listIds?.bind(reads);
      if (!listIds) {
        expect(capabilitiesOf(context.adapter).deletes, 'capabilities.deletes').not.toContain(entity.singular);
        await hooks.note(`the adapter has no ${entity.name}.listIds; capabilities agree`);
        return;
      }
      const { pages, items: ids } = await walkPages(listIds, { limit: context.pageSize });
      for (const page of pages)
        expect(page.length, `${entity.name}.listIds page size`).toBeLessThanOrEqual(context.pageSize);
      expect(new Set(ids).size, `${entity.name}.listIds returned an id twice`).toBe(ids.length);
      const listed = (await listAll(reads, context)).map((item) => item.id);
      expect([...ids].sort(), `${entity.name}.listIds vs list`).toEqual([...listed].sort());
    },
  };
}

/** The read checks of every entity, in a stable order so reports line up between bridges. */
export function readChecks(): AdapterCheck[] {
  return readEntityDescriptors.flatMap((entity) => {
    const checks = [pagedReadCheck(entity), updatedSinceCheck(entity), getCheck(entity)];
    if (!['orders', 'invoices', 'payments', 'shipments'].includes(entity.name))
      checks.push(getByReferencesCheck(entity));
    if (['products', 'categories', 'customers', 'orders'].includes(entity.name)) checks.push(deletesCheck(entity));
    return checks;
  });
}
