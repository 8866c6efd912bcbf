import { z } from 'zod';
import type { Capabilities, WriteContext, WriteOutcome } from '../adapter.js';
import { NotSupportedError, PasserelleError, UnsupportedMediaTypeError, ValidationError } from '../errors/index.js';
import type { ItemResult } from '../events.js';
import { redactText } from '../journal/redact-secrets.js';
import type { Settings } from '../settings/index.js';
import type { EndpointContext } from './context.js';
import { IDEMPOTENCY_HEADER, type WithIdempotency } from './idempotency.js';
import { MAX_BATCH } from './limits.js';
import { parseJsonBytes, readBodyBytes } from './problem.js';

export interface BatchRun<I> {
  items: I[];
  settings: Settings;
  write: WriteContext;
}

export interface BatchSpec<I> {
  /** Journal/activity entity name: `product`, `stock`, `order`… */
  entity: string;
  /** `null`: served whenever the route's reads are (acknowledgements). */
  capability: keyof Capabilities['write'] | null;
  itemSchema: z.ZodType<I>;
  keyOf(item: I): string;
  /** Returns exactly one result per item, in the items' order. */
  execute(run: BatchRun<I>, context: EndpointContext): Promise<ItemResult[]>;
}

/** Cursor name the store-writability probe writes to before a batch reaches the platform. */
const WRITE_PROBE_CURSOR = 'write-probe';

function buildBatchBodySchema<I>(itemSchema: z.ZodType<I>) {
  return z.strictObject({ items: z.array(itemSchema).min(1).max(MAX_BATCH) });
}

type BatchBodySchema<I> = ReturnType<typeof buildBatchBodySchema<I>>;
/** One body schema per item schema, built once: zod compiles an object schema's fast path on its first parse. */
const bodySchemas = new WeakMap<z.ZodType, BatchBodySchema<unknown>>();

export function batchBodySchema<I>(itemSchema: z.ZodType<I>): BatchBodySchema<I> {
  let schema = bodySchemas.get(itemSchema) as BatchBodySchema<I> | undefined;
  if (schema === undefined) {
    schema = buildBatchBodySchema(itemSchema);
    bodySchemas.set(itemSchema, schema as BatchBodySchema<unknown>);
  }
  return schema;
}

/** What the cloud reads when the platform fails: the bridge's message, never a stack or a secret. */
export function describeFailure(error: unknown): { error: string; retryable: boolean } {
  // A bridge's message may quote the URL it called (PrestaShop's ws_key) or a header: it goes into the
  // answer and the journal, so credentials are scrubbed from it first.
  if (PasserelleError.is(error)) return { error: redactText(error.message), retryable: error.retryable };
  return { error: 'the platform write failed unexpectedly', retryable: true };
}

/**
 * Runs the adapter's write for the planned items and turns its outcomes into one result
 * per plan: an outcome the adapter forgot, or a write that threw, is `failed`, never lost.
 */
export async function applyPlans<P extends { key: string; action?: 'create' | 'update' }>(
  plans: P[],
  write: (plans: P[]) => Promise<WriteOutcome[]>,
  extra: (plan: P) => Partial<ItemResult> = () => ({}),
): Promise<Map<string, ItemResult>> {
  const results = new Map<string, ItemResult>();
  if (plans.length === 0) return results;
  let outcomes: WriteOutcome[];
  try {
    outcomes = await write(plans);
  } catch (error) {
    const failure = describeFailure(error);
    for (const plan of plans)
      results.set(plan.key, { key: plan.key, outcome: 'failed', error: failure.error, ...extra(plan) });
    return results;
  }
  const byKey = new Map(outcomes.map((outcome) => [outcome.key, outcome]));
  for (const plan of plans) {
    const outcome = byKey.get(plan.key);
    const base = extra(plan);
    if (!outcome) {
      results.set(plan.key, {
        key: plan.key,
        outcome: 'failed',
        error: 'the platform adapter returned no result for this item',
        ...base,
      });
    } else if (outcome.ok === true) {
      results.set(plan.key, {
        key: plan.key,
        outcome: plan.action === 'create' ? 'created' : 'updated',
        id: outcome.id,
        ...base,
        ...(outcome.note ? { reason: outcome.note } : {}),
      });
    } else if (outcome.ok === 'skipped') {
      results.set(plan.key, {
        key: plan.key,
        outcome: 'skipped',
        reason: outcome.reason,
        ...(outcome.id ? { id: outcome.id } : {}),
        ...base,
      });
    } else {
      results.set(plan.key, { key: plan.key, outcome: 'failed', error: redactText(outcome.error), ...base });
    }
  }
  return results;
}

function assertUniqueKeys<I>(items: I[], keyOf: (item: I) => string): void {
  const seen = new Map<string, number>();
  const issues: { path: string; message: string }[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({ path: `items.${index}`, message: `duplicate key "${key}" (first at items.${first})` });
    else seen.set(key, index);
  });
  if (issues.length) throw new ValidationError('A batch names the same item twice.', issues);
}

/** The whole life of a write request: validate all, apply once, answer one result per item. */
export async function handleBatch<I>(
  request: Request,
  context: EndpointContext,
  idempotency: WithIdempotency,
  spec: BatchSpec<I>,
): Promise<Response> {
  if (spec.capability !== null && !context.capabilities.write[spec.capability]) {
    throw new NotSupportedError(`This platform adapter cannot write ${spec.capability}.`, context.capabilities);
  }
  const bytes = await readBodyBytes(request);
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType.trim())) throw new UnsupportedMediaTypeError(['application/json']);
  const body = await parseJsonBytes(bytes, batchBodySchema(spec.itemSchema));
  assertUniqueKeys(body.items, spec.keyOf);

  const url = new URL(request.url);
  const fingerprint = `${request.method} ${url.pathname}\n${new TextDecoder().decode(bytes)}`;
  const answer = await idempotency(context.shopId, request.headers.get(IDEMPOTENCY_HEADER), fingerprint, async () => {
    // A platform write the module cannot remember is half a write: when the store cannot commit (read-only
    // file, full disk) the batch is refused with 503 before the platform is touched, not after.
    if (spec.capability !== null)
      await context.store.setCursor(context.shopId, WRITE_PROBE_CURSOR, context.clock.now().toISOString());
    const { settings } = await context.settings.current();
    const results = await spec.execute(
      { items: body.items, settings, write: { shopId: context.shopId, settings } },
      context,
    );
    await record(context, spec.entity, results);
    return { status: 200, body: JSON.stringify({ results }) };
  });
  return new Response(answer.body, {
    status: answer.status,
    headers: { 'content-type': 'application/json', ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  });
}

async function record(context: EndpointContext, entity: string, results: ItemResult[]): Promise<void> {
  const at = context.clock.now().toISOString();
  for (const result of results) context.events.emit('write', { shopId: context.shopId, entity, result });
  await context.store.appendActivity(
    results.map((result) => ({
      shopId: context.shopId,
      at,
      level: result.outcome === 'failed' ? ('error' as const) : ('info' as const),
      kind: 'write',
      entity,
      reference: result.key,
      outcome: result.outcome,
      message: result.error ?? result.reason ?? result.outcome,
      details: activityDetails(result),
    })),
  );
}

/** What the journal keeps of an item's result. Assigned rather than spread: this runs for every item written. */
function activityDetails(result: ItemResult): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (result.id) details.id = result.id;
  if (result.changed?.length) details.changed = result.changed;
  if (result.withheld?.length) details.withheld = result.withheld;
  return details;
}
