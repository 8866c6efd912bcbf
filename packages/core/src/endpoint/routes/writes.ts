import { z } from 'zod';
import type {
  ActivationWrite,
  CategoryWrite,
  CustomerGroupWrite,
  CustomerWrite,
  PlannedWrite,
  PriceWrite,
  ProductWrite,
  StockWritePlan,
  WriteOutcome,
} from '../../adapter.js';
import type { Category, Customer, CustomerGroup, Product } from '../../contracts/index.js';
import {
  categoryWriteSchema,
  customerGroupWriteSchema,
  customerWriteSchema,
  priceWriteSchema,
  productWriteSchema,
  stockWriteSchema,
} from '../../contracts/index.js';
import type { ItemResult } from '../../events.js';
import { matchCustomer, normaliseEmail, planCustomerWrite } from '../../rules/plan-customer.js';
import { planProductWrite } from '../../rules/plan-product.js';
import { planCategoryWrite, planCustomerGroupWrite, planPriceWrite } from '../../rules/plan-simple.js';
import type { FieldPlan } from '../../rules/plan-write.js';
import { isStaleWrite, STALE_REASON } from '../../rules/stale-guard.js';
import { applyStockPolicy } from '../../rules/stock-policy.js';
import { isToggleOn } from '../../settings/index.js';
import type { BatchRun, BatchSpec } from '../batch.js';
import { applyPlans } from '../batch.js';
import type { EndpointContext } from '../context.js';

type StockWrite = z.output<typeof stockWriteSchema>;

/** Name of the cursor holding when the module last applied a write for `key`. */
const appliedCursor = (entity: string, key: string): string => `applied:${entity}:${key}`;

/** When the module last applied a write for a key: the stale guard compares against it. One store read per batch. */
async function appliedAt(context: EndpointContext, entity: string, keys: string[]): Promise<Map<string, string>> {
  const names = keys.map((key) => appliedCursor(entity, key));
  const stored = await context.store.getCursors(context.shopId, names);
  const out = new Map<string, string>();
  keys.forEach((key, index) => {
    const value = stored.get(names[index] as string);
    if (value) out.set(key, value);
  });
  return out;
}

/**
 * Remembers what was written: the write's own date (the stale guard's stamp) and the binding (reference <->
 * platform id) of every created or updated item. One store write for the stamps and one for the bindings per
 * batch, not three per item: a binding is committed with fsync, so per item it was most of a batch's time.
 * A platform id already bound to another reference is warned about for that item alone, the others are bound.
 */
async function remember(
  context: EndpointContext,
  entity: string,
  results: ItemResult[],
  stamps: Map<string, string | undefined>,
): Promise<void> {
  const syncedAt = context.clock.now().toISOString();
  const written = results.filter((result) => result.outcome === 'created' || result.outcome === 'updated');
  const applied = written.flatMap((result) => {
    const stamp = stamps.get(result.key);
    return stamp ? [{ name: appliedCursor(entity, result.key), value: stamp }] : [];
  });
  if (applied.length > 0) await context.store.setCursors(context.shopId, applied);

  const bound = written.filter((result) => result.id);
  if (bound.length === 0) return;
  let conflicts: (Error | null)[];
  try {
    const existing = await context.store.getBindings(
      context.shopId,
      entity,
      bound.map((result) => result.key),
    );
    conflicts = await context.store.upsertBindings(
      bound.map((result) => {
        const previous = existing.get(result.key);
        return {
          shopId: context.shopId,
          entity,
          reference: result.key,
          platformId: result.id as string,
          // The sweep owns content hashes: it hashes what the platform shows, not what was sent.
          contentHash: previous?.contentHash ?? null,
          sourceUpdatedAt: previous?.sourceUpdatedAt ?? null,
          syncedAt,
        };
      }),
    );
  } catch (error) {
    // The platform has the write: a store that fails here costs the bindings, not the answer (as when each item
    // was bound alone and each failure was warned about).
    conflicts = bound.map(() => (error instanceof Error ? error : new Error('unknown')));
  }
  for (const [index, conflict] of conflicts.entries()) {
    if (conflict === null) continue;
    const result = bound[index] as ItemResult;
    await context.activity.warn('write', 'binding not recorded: the platform id is bound to another reference', {
      entity,
      reference: result.key,
      outcome: result.outcome,
      details: { id: result.id, error: conflict.message },
    });
  }
}

function stampOf(item: { asOf?: string | undefined; sourceUpdatedAt?: string | undefined }): string | undefined {
  return item.asOf ?? item.sourceUpdatedAt;
}

function planResult<T>(key: string, plan: FieldPlan<T>, id: string | undefined): ItemResult {
  return {
    key,
    outcome: 'unchanged',
    ...(id ? { id } : {}),
    ...(plan.withheld.length ? { withheld: plan.withheld } : {}),
  };
}

/**
 * The shared shape of a keyed upsert: look the items up, guard stale writes, plan each with
 * the rules, send the planned ones to the adapter, and answer one result per item.
 */
async function upsertKeyed<W extends { reference: string }, E extends { id?: string | undefined }>(
  run: BatchRun<W>,
  context: EndpointContext,
  entity: string,
  lookup: (items: W[]) => Promise<Map<string, E>>,
  plan: (item: W, existing: E | null) => FieldPlan<W> & { skip?: string; directives?: Record<string, unknown> },
  write: (plans: PlannedWrite<W>[]) => Promise<WriteOutcome[]>,
): Promise<ItemResult[]> {
  const keys = run.items.map((item) => item.reference);
  const [existing, applied] = await Promise.all([lookup(run.items), appliedAt(context, entity, keys)]);
  const results: (ItemResult | undefined)[] = new Array(run.items.length);
  const planned: PlannedWrite<W>[] = [];
  const details = new Map<string, { changed: string[]; withheld: string[] }>();
  const stamps = new Map<string, string | undefined>();

  run.items.forEach((item, index) => {
    const key = item.reference;
    const current = existing.get(key) ?? null;
    const stamp = stampOf(item as { asOf?: string; sourceUpdatedAt?: string });
    if (isStaleWrite(stamp, applied.get(key))) {
      results[index] = { key, outcome: 'skipped', reason: STALE_REASON, ...(current?.id ? { id: current.id } : {}) };
      return;
    }
    const decision = plan(item, current);
    if (decision.skip) {
      results[index] = { key, outcome: 'skipped', reason: decision.skip };
      return;
    }
    if (decision.action === 'unchanged') {
      results[index] = planResult(key, decision, current?.id);
      return;
    }
    stamps.set(key, stamp);
    details.set(key, { changed: decision.changed, withheld: decision.withheld });
    planned.push({
      key,
      action: decision.action,
      platformId: current?.id ?? null,
      data: decision.data,
      incoming: item,
      directives: decision.directives ?? {},
    });
  });

  const applied2 = await applyPlans(planned, write, (p) => {
    const detail = details.get(p.key);
    // Assigned rather than spread: V8 grows objects made by spreading slowly, and this runs for every item.
    const extra: Partial<ItemResult> = {};
    if (detail?.changed.length) extra.changed = detail.changed;
    if (detail?.withheld.length) extra.withheld = detail.withheld;
    return extra;
  });
  const final = run.items.map((item, index) => results[index] ?? (applied2.get(item.reference) as ItemResult));
  await remember(context, entity, final, stamps);
  return final;
}

async function byReferences<E>(
  get: ((references: string[]) => Promise<Map<string, E>>) | undefined,
  references: string[],
): Promise<Map<string, E>> {
  return get ? get(references) : new Map();
}

export function productsBatch(): BatchSpec<ProductWrite> {
  return {
    entity: 'product',
    capability: 'products',
    itemSchema: productWriteSchema as unknown as z.ZodType<ProductWrite>,
    keyOf: (item) => item.reference,
    async execute(run, context) {
      const ops = context.adapter.products!;
      const configuration = run.settings.products.update.allLanguages ? null : await context.adapter.configuration();
      const mainLanguage = configuration?.languages?.find((language) => language.default)?.code;
      return upsertKeyed<ProductWrite, Product>(
        run,
        context,
        'product',
        (items) =>
          byReferences(
            ops.getByReferences?.bind(ops),
            items.map((item) => item.reference),
          ),
        (item, existing) => {
          const plan = planProductWrite({
            incoming: item,
            existing,
            settings: run.settings,
            ...(mainLanguage ? { mainLanguage } : {}),
          });
          const variants = plan.variants
            .filter((variant) => variant.action !== 'unchanged')
            .map((variant) => ({
              key: variant.key,
              action: variant.action,
              platformId: variant.platformId,
              data: variant.data,
            }));
          if (variants.length)
            plan.data.variants = variants.map((variant) => ({
              ...variant.data,
              reference: variant.key,
            })) as ProductWrite['variants'];
          // Object.assign, not a spread: V8 grows an object made by spreading slowly, and this runs per item.
          return { ...plan, directives: Object.assign({}, plan.directives, { variants }) };
        },
        (plans) => ops.write!(plans, run.write),
      );
    },
  };
}

/** What a keyed entity's adapter offers: a lookup by reference (optional) and a batch write. */
interface KeyedOps<W, E> {
  getByReferences?(references: string[]): Promise<Map<string, E>>;
  write(plans: PlannedWrite<W>[], context: BatchRun<W>['write']): Promise<WriteOutcome[]>;
}

/** A batch of items keyed by `reference`, looked up, planned by one rule and written by one adapter call. */
function referenceBatch<W extends { reference: string }, E extends { id?: string | undefined }>(spec: {
  entity: string;
  capability: NonNullable<BatchSpec<W>['capability']>;
  itemSchema: z.ZodType;
  ops: (context: EndpointContext) => KeyedOps<W, E>;
  plan: (run: BatchRun<W>, item: W, existing: E | null) => FieldPlan<W>;
}): BatchSpec<W> {
  return {
    entity: spec.entity,
    capability: spec.capability,
    itemSchema: spec.itemSchema as unknown as z.ZodType<W>,
    keyOf: (item) => item.reference,
    execute: (run, context) => {
      const ops = spec.ops(context);
      return upsertKeyed<W, E>(
        run,
        context,
        spec.entity,
        (items) =>
          byReferences(
            ops.getByReferences?.bind(ops),
            items.map((item) => item.reference),
          ),
        (item, existing) => spec.plan(run, item, existing),
        (plans) => ops.write(plans, run.write),
      );
    },
  };
}

export function categoriesBatch(): BatchSpec<CategoryWrite> {
  return referenceBatch({
    entity: 'category',
    capability: 'categories',
    itemSchema: categoryWriteSchema,
    ops: (context) => context.adapter.categories as KeyedOps<CategoryWrite, Category>,
    plan: (run, item, existing) => planCategoryWrite({ incoming: item, existing, settings: run.settings }),
  });
}

export function customerGroupsBatch(): BatchSpec<CustomerGroupWrite> {
  return referenceBatch({
    entity: 'customer-group',
    capability: 'customerGroups',
    itemSchema: customerGroupWriteSchema,
    ops: (context) => context.adapter.customerGroups as KeyedOps<CustomerGroupWrite, CustomerGroup>,
    plan: (run, item, existing) => planCustomerGroupWrite({ incoming: item, existing, settings: run.settings }),
  });
}

export function customersBatch(): BatchSpec<CustomerWrite> {
  return {
    entity: 'customer',
    capability: 'customers',
    itemSchema: customerWriteSchema as unknown as z.ZodType<CustomerWrite>,
    keyOf: (item) => item.reference,
    execute: (run, context) => {
      const ops = context.adapter.customers!;
      return upsertKeyed<CustomerWrite, Customer>(
        run,
        context,
        'customer',
        async (items) => {
          const references = items.map((item) => item.reference);
          const emails = items.flatMap((item) => (item.email ? [normaliseEmail(item.email)] : []));
          const [byReference, byEmail] = await Promise.all([
            byReferences(ops.getByReferences?.bind(ops), references),
            ops.getByEmails ? ops.getByEmails(emails) : Promise.resolve(new Map<string, Customer>()),
          ]);
          const normalisedByEmail = new Map([...byEmail].map(([email, customer]) => [normaliseEmail(email), customer]));
          const out = new Map<string, Customer>();
          for (const item of items) {
            const match = matchCustomer(item, byReference, normalisedByEmail);
            if (match) out.set(item.reference, match);
          }
          return out;
        },
        (item, existing) => planCustomerWrite({ incoming: item, existing, settings: run.settings }),
        (plans) => ops.write!(plans, run.write),
      );
    },
  };
}

export function pricesBatch(): BatchSpec<PriceWrite> {
  return referenceBatch<PriceWrite, PriceWrite & { id?: string }>({
    entity: 'price',
    capability: 'prices',
    itemSchema: priceWriteSchema,
    ops: (context) => context.adapter.prices as KeyedOps<PriceWrite, PriceWrite & { id?: string }>,
    plan: (run, item, existing) => {
      const plan = planPriceWrite({ incoming: item, existing, settings: run.settings });
      // A price write always concerns an existing product: planned as an update.
      return plan.action === 'create' ? { ...plan, action: 'update' as const } : plan;
    },
  });
}

export function stockBatch(): BatchSpec<StockWrite> {
  return {
    entity: 'stock',
    capability: 'stock',
    itemSchema: stockWriteSchema as unknown as z.ZodType<StockWrite>,
    keyOf: (item) => (item.location ? `${item.reference}@${item.location}` : item.reference),
    async execute(run, context) {
      const ops = context.adapter.stock!;
      const keyOf = (item: StockWrite) => (item.location ? `${item.reference}@${item.location}` : item.reference);
      const keys = run.items.map(keyOf);
      const [levels, applied] = await Promise.all([
        byReferences(ops.getByReferences?.bind(ops), [...new Set(run.items.map((item) => item.reference))]),
        appliedAt(context, 'stock', keys),
      ]);
      const allowed = isToggleOn(run.settings, 'products.update.quantity');
      const results: (ItemResult | undefined)[] = new Array(run.items.length);
      const plans: StockWritePlan[] = [];
      const stamps = new Map<string, string | undefined>();
      const notes = new Map<string, string>();

      run.items.forEach((item, index) => {
        const key = keys[index] as string;
        const level = levels.get(item.reference);
        if (!level) {
          results[index] = {
            key,
            outcome: 'failed',
            error: `no product or variant with reference "${item.reference}"`,
          };
          return;
        }
        if (isStaleWrite(item.asOf, applied.get(key))) {
          results[index] = { key, outcome: 'skipped', reason: STALE_REASON };
          return;
        }
        // The adapter answers one level per reference; for another location its quantity says nothing.
        const sameLocation = !item.location || !level.location || item.location === level.location;
        const decision = applyStockPolicy({
          quantity: item.quantity,
          tracked: level.tracked,
          previousQuantity: sameLocation ? level.quantity : null,
          settings: run.settings,
        });
        if (sameLocation && decision.quantity === level.quantity && decision.setActive === undefined) {
          results[index] = { key, outcome: 'unchanged', ...(decision.adjusted ? { reason: decision.adjusted } : {}) };
          return;
        }
        if (!allowed) {
          results[index] = {
            key,
            outcome: 'unchanged',
            withheld: ['quantity'],
            reason: 'products.update.quantity is off',
          };
          return;
        }
        stamps.set(key, item.asOf);
        if (decision.adjusted) notes.set(key, decision.adjusted);
        plans.push({
          key,
          reference: item.reference,
          platformId: level.variantId ?? level.productId ?? null,
          location: item.location ?? level.location ?? null,
          quantity: decision.quantity,
          ...(decision.setActive !== undefined ? { setActive: decision.setActive } : {}),
          ...(decision.outOfStock !== undefined ? { outOfStock: decision.outOfStock } : {}),
        });
      });

      const written = await applyPlans(
        plans.map((plan) => ({ ...plan, action: 'update' as const })),
        (batch) => ops.write!(batch, run.write),
        (plan) => ({ changed: ['quantity'], ...(notes.get(plan.key) ? { reason: notes.get(plan.key) } : {}) }),
      );
      const final = run.items.map((_, index) => results[index] ?? (written.get(keys[index] as string) as ItemResult));
      await remember(
        context,
        'stock',
        final.map((result) => ({ ...result, id: undefined }) as ItemResult),
        stamps,
      );
      return final;
    },
  };
}

const activationItemSchema = z.strictObject({
  reference: z.string().min(1).max(255),
  active: z.boolean(),
});
type ActivationItem = z.output<typeof activationItemSchema>;

/** Activation by reference (spec §2.2 rows 18 and 22): deactivate, never delete. */
export function activationBatch(kind: 'products' | 'customers'): BatchSpec<ActivationItem> {
  return {
    entity: kind === 'products' ? 'product' : 'customer',
    capability: kind === 'products' ? 'productActivation' : 'customerActivation',
    itemSchema: activationItemSchema,
    keyOf: (item) => item.reference,
    async execute(run, context) {
      const ops = kind === 'products' ? context.adapter.products! : context.adapter.customers!;
      const existing: Map<string, { id?: string; active?: boolean }> = await byReferences(
        ops.getByReferences?.bind(ops) as
          | ((refs: string[]) => Promise<Map<string, { id?: string; active?: boolean }>>)
          | undefined,
        run.items.map((item) => item.reference),
      );
      const results: (ItemResult | undefined)[] = new Array(run.items.length);
      const plans: (ActivationWrite & { action: 'update' })[] = [];
      run.items.forEach((item, index) => {
        const current = existing.get(item.reference);
        if (!current?.id) {
          results[index] = {
            key: item.reference,
            outcome: 'failed',
            error: `no ${kind === 'products' ? 'product' : 'customer'} with reference "${item.reference}"`,
          };
        } else if (current.active === item.active) {
          results[index] = { key: item.reference, outcome: 'unchanged', id: current.id };
        } else {
          plans.push({ key: item.reference, platformId: current.id, active: item.active, action: 'update' });
        }
      });
      const written = await applyPlans(
        plans,
        (batch) => ops.setActive!(batch, run.write),
        () => ({ changed: ['active'] }),
      );
      return run.items.map((item, index) => results[index] ?? (written.get(item.reference) as ItemResult));
    },
  };
}
