import { Hono } from 'hono';
import { capabilitiesOf } from '../adapter.js';
import { AuthError, NotConfiguredError, NotFoundError, PasserelleError, RateLimitedError } from '../errors/index.js';
import { handleBatch } from './batch.js';
import { resolveClientAddress } from './client-address.js';
import type { EndpointContext, RequestEnv } from './context.js';
import { createIdempotency } from './idempotency.js';
import { buildOpenApi } from './openapi.js';
import { problemResponse } from './problem.js';
import { erpInvoicesBatch, erpOrdersBatch, erpPaymentsBatch } from './routes/erp.js';
import { acknowledgeBatch, getOrder, listQueue, resetOrders, statusBatch } from './routes/orders.js';
import { listChanges, listCustomers, listEntity, listJournal } from './routes/reads.js';
import {
  activationBatch,
  categoriesBatch,
  customerGroupsBatch,
  customersBatch,
  pricesBatch,
  productsBatch,
  stockBatch,
} from './routes/writes.js';

export const PROTOCOL_VERSION = '1';

const sweptEntities = [
  'product',
  'variant',
  'category',
  'stock',
  'customer',
  'customer-group',
  'order',
  'invoice',
  'payment',
  'shipment',
];

/**
 * Per entity, the latest platform change the sweep has seen and how far behind now it is: a lag that
 * keeps growing while the shop is busy means the sweep is stuck.
 */
async function highWaterMarks(context: EndpointContext) {
  const now = context.clock.now().getTime();
  const highWaterMarks: Record<string, string> = {};
  const lagSeconds: Record<string, number> = {};
  await Promise.all(
    sweptEntities.map(async (entity) => {
      const raw = await context.store.getCursor(context.shopId, `journal.${entity}.mark`);
      if (!raw) return;
      try {
        const mark = (JSON.parse(raw) as { highWaterMark?: unknown }).highWaterMark;
        if (typeof mark !== 'string' || Number.isNaN(Date.parse(mark))) return;
        highWaterMarks[entity] = mark;
        lagSeconds[entity] = Math.max(0, Math.round((now - Date.parse(mark)) / 1000));
      } catch {
        // A mark this module cannot read says nothing about health; the sweep rewrites it.
      }
    }),
  );
  return { highWaterMarks, lagSeconds };
}

export type GetClientAddress = (request: Request, env: RequestEnv | undefined) => string | undefined;

/**
 * The endpoint as a hono app. Every route but `GET /health` passes the access guard;
 * every error leaves through `problemResponse`, the one place errors become answers.
 */
export function createEndpointApp(context: EndpointContext, options: { getClientAddress?: GetClientAddress } = {}) {
  const app = new Hono<{ Bindings: RequestEnv }>().basePath(context.basePath);
  const idempotency = createIdempotency(context.store);

  app.onError((error, c) => {
    if (!PasserelleError.is(error)) {
      void context.activity.error('endpoint', 'unexpected error while answering a request', {
        details: { path: new URL(c.req.url).pathname, error: error instanceof Error ? error.name : 'unknown' },
      });
    }
    return problemResponse(error, new URL(c.req.url).pathname);
  });
  app.notFound((c) => problemResponse(new NotFoundError('No such route.'), new URL(c.req.url).pathname));

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    if (url.pathname === `${context.basePath}/health`) return next();
    const { settings } = await context.settings.current();
    const clientAddress =
      options.getClientAddress?.(c.req.raw, c.env) ??
      c.env?.clientAddress ??
      resolveClientAddress({
        socketAddress: c.env?.incoming?.socket?.remoteAddress ?? '',
        forwardedFor: c.req.header('x-forwarded-for') ?? null,
        trustedProxies: settings.access.trustedProxies,
      });
    try {
      await context.guard.check({ request: c.req.raw, clientAddress });
    } catch (error) {
      const failure =
        error instanceof AuthError
          ? error.failure
          : error instanceof RateLimitedError
            ? 'rate-limited'
            : error instanceof NotConfiguredError
              ? 'not-configured'
              : null;
      if (failure) {
        context.events.emit('auth-rejected', { address: clientAddress, failure, path: url.pathname });
        // Journaled without the credential or the query string: only what, where and who.
        await context.activity.warn('auth', `request refused: ${failure}`, {
          outcome: 'rejected',
          details: { address: clientAddress, path: url.pathname, method: c.req.method },
        });
      }
      throw error;
    }
    return next();
  });

  app.get('/info', async (c) => {
    const [description, snapshot, lastSeq, marks, backlog] = await Promise.all([
      context.adapter.describe(),
      context.settings.current(),
      context.store.lastChangeSeq(context.shopId),
      highWaterMarks(context),
      context.store.inboxBacklog(context.shopId),
    ]);
    return c.json({
      protocol: PROTOCOL_VERSION,
      module: { name: '@passerelle/core', version: context.moduleVersion },
      platform: description,
      capabilities: capabilitiesOf(context.adapter),
      settingsRevision: snapshot.revision,
      shopId: context.shopId,
      health: {
        ...context.health,
        highWaterMarks: marks.highWaterMarks,
        cursorLagSeconds: marks.lagSeconds,
        inboxBacklog: backlog,
        lastChangeSeq: lastSeq,
        now: context.clock.now().toISOString(),
      },
    });
  });
  app.get('/configuration', async (c) => c.json(await context.adapter.configuration()));
  // Generated from the zod schemas on the first request, then served as the same bytes: it never changes.
  let openApiJson: string | undefined;
  app.get('/openapi.json', (c) => {
    openApiJson ??= JSON.stringify(buildOpenApi(context.basePath, PROTOCOL_VERSION));
    return c.body(openApiJson, 200, { 'content-type': 'application/json' });
  });

  app.get('/orders', async (c) => c.json(await listQueue(context, new URL(c.req.url))));
  app.post('/orders/acknowledge', (c) => handleBatch(c.req.raw, context, idempotency, acknowledgeBatch()));
  app.post('/orders/reset', async (c) => c.json(await resetOrders(context, c.req.raw, 'endpoint')));
  app.post('/orders/status', (c) => handleBatch(c.req.raw, context, idempotency, statusBatch()));
  app.get('/orders/:id', async (c) => c.json(await getOrder(context, c.req.param('id'))));

  app.get('/changes', async (c) => c.json(await listChanges(context, new URL(c.req.url))));
  app.get('/journal', async (c) => c.json(await listJournal(context, new URL(c.req.url))));
  app.get('/customers', async (c) => c.json(await listCustomers(context, new URL(c.req.url))));
  for (const entity of ['products', 'stock', 'categories', 'invoices', 'payments'] as const) {
    app.get(`/${entity}`, async (c) => c.json(await listEntity(context, new URL(c.req.url), entity)));
  }
  app.get('/customer-groups', async (c) => c.json(await listEntity(context, new URL(c.req.url), 'customerGroups')));

  app.put('/categories', (c) => handleBatch(c.req.raw, context, idempotency, categoriesBatch()));
  app.put('/products', (c) => handleBatch(c.req.raw, context, idempotency, productsBatch()));
  app.put('/stock', (c) => handleBatch(c.req.raw, context, idempotency, stockBatch()));
  app.put('/prices', (c) => handleBatch(c.req.raw, context, idempotency, pricesBatch()));
  app.put('/customers', (c) => handleBatch(c.req.raw, context, idempotency, customersBatch()));
  app.put('/customer-groups', (c) => handleBatch(c.req.raw, context, idempotency, customerGroupsBatch()));
  app.post('/products/activation', (c) => handleBatch(c.req.raw, context, idempotency, activationBatch('products')));
  app.post('/customers/activation', (c) => handleBatch(c.req.raw, context, idempotency, activationBatch('customers')));
  app.put('/orders', (c) => handleBatch(c.req.raw, context, idempotency, erpOrdersBatch()));
  app.put('/invoices', (c) => handleBatch(c.req.raw, context, idempotency, erpInvoicesBatch()));
  app.put('/payments', (c) => handleBatch(c.req.raw, context, idempotency, erpPaymentsBatch()));

  return app;
}
