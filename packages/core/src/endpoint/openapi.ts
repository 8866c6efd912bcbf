import { z } from 'zod';
import {
  acknowledgeItemSchema,
  categorySchema,
  categoryWriteSchema,
  changeSchema,
  customerGroupWriteSchema,
  customerSchema,
  customerWriteSchema,
  invoiceSchema,
  orderSchema,
  orderStatusWriteSchema,
  paymentSchema,
  priceWriteSchema,
  productSchema,
  productWriteSchema,
  stockLevelSchema,
  stockWriteSchema,
} from '../contracts/index.js';
import { MAX_BATCH, MAX_LIMIT } from './limits.js';

const itemResult = z.object({
  key: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'skipped', 'failed']),
  id: z.string().optional(),
  changed: z.array(z.string()).optional(),
  withheld: z.array(z.string()).optional(),
  reason: z.string().optional(),
  error: z.string().optional(),
});

interface RouteDoc {
  method: 'get' | 'put' | 'post';
  path: string;
  summary: string;
  item?: z.ZodType;
  body?: z.ZodType;
  query?: string[];
  auth?: false;
}

const page = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const batch = (item: z.ZodType) => z.object({ items: z.array(item).min(1).max(MAX_BATCH) });

const routes: RouteDoc[] = [
  { method: 'get', path: '/health', summary: 'Liveness (no details, no authentication).', auth: false },
  {
    method: 'get',
    path: '/info',
    summary: 'Protocol, module and platform versions, capabilities, settings revision, sync health.',
  },
  {
    method: 'get',
    path: '/configuration',
    summary: 'Lookups the cloud maps against (order states, payment modules, carriers, taxes…).',
  },
  {
    method: 'get',
    path: '/orders',
    summary: 'The transfer queue: orders in a sync status not yet acknowledged.',
    item: page(orderSchema),
    query: ['limit', 'cursor'],
  },
  {
    method: 'get',
    path: '/orders/{id}',
    summary: 'One order, shaped by the order-reading settings.',
    item: orderSchema,
  },
  {
    method: 'post',
    path: '/orders/acknowledge',
    summary: 'Acknowledge transferred orders (idempotent, durable).',
    body: batch(acknowledgeItemSchema),
  },
  {
    method: 'post',
    path: '/orders/reset',
    summary: 'Put acknowledged orders back in the queue: `{ ids }` or `{ all: true }`.',
  },
  {
    method: 'post',
    path: '/orders/status',
    summary: 'Order status, tracking number and ERP document number.',
    body: batch(orderStatusWriteSchema),
  },
  {
    method: 'get',
    path: '/changes',
    summary: 'The change journal after a cursor.',
    item: page(changeSchema),
    query: ['limit', 'cursor', 'entities'],
  },
  {
    method: 'get',
    path: '/customers',
    summary: 'Customers created or updated since a date.',
    item: page(customerSchema),
    query: ['limit', 'cursor', 'since', 'withoutOrders'],
  },
  {
    method: 'get',
    path: '/products',
    summary: 'Products with their variants.',
    item: page(productSchema),
    query: ['limit', 'cursor', 'since'],
  },
  {
    method: 'get',
    path: '/stock',
    summary: 'Stock levels.',
    item: page(stockLevelSchema),
    query: ['limit', 'cursor', 'since'],
  },
  {
    method: 'get',
    path: '/categories',
    summary: 'Categories.',
    item: page(categorySchema),
    query: ['limit', 'cursor', 'since'],
  },
  {
    method: 'get',
    path: '/invoices',
    summary: 'Invoices.',
    item: page(invoiceSchema),
    query: ['limit', 'cursor', 'since'],
  },
  {
    method: 'get',
    path: '/payments',
    summary: 'Payments.',
    item: page(paymentSchema),
    query: ['limit', 'cursor', 'since'],
  },
  {
    method: 'get',
    path: '/journal',
    summary: 'The activity log.',
    query: ['limit', 'cursor', 'level', 'kind', 'entity', 'outcome'],
  },
  { method: 'put', path: '/categories', summary: 'Create or update categories.', body: batch(categoryWriteSchema) },
  {
    method: 'put',
    path: '/products',
    summary: 'Create or update products (sync rules apply).',
    body: batch(productWriteSchema),
  },
  { method: 'put', path: '/stock', summary: 'Absolute stock quantities.', body: batch(stockWriteSchema) },
  { method: 'put', path: '/prices', summary: 'Prices and specific prices.', body: batch(priceWriteSchema) },
  { method: 'put', path: '/customers', summary: 'Create or update customers.', body: batch(customerWriteSchema) },
  {
    method: 'put',
    path: '/customer-groups',
    summary: 'Create or update customer groups.',
    body: batch(customerGroupWriteSchema),
  },
  { method: 'post', path: '/products/activation', summary: 'Activate or deactivate products by reference.' },
  { method: 'post', path: '/customers/activation', summary: 'Activate or deactivate customers by reference.' },
  { method: 'put', path: '/orders', summary: 'ERP side: receive orders.', body: batch(orderSchema) },
  { method: 'put', path: '/invoices', summary: 'ERP side: receive invoices.', body: batch(invoiceSchema) },
  { method: 'put', path: '/payments', summary: 'ERP side: receive payments.', body: batch(paymentSchema) },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

const problem = {
  description: 'RFC 9457 problem',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The OpenAPI 3 document, generated from the same zod schemas that validate the requests. */
export function buildOpenApi(basePath: string, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      ...(route.auth === false ? { security: [] } : {}),
      parameters: [
        ...(route.path.includes('{id}')
          ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]
          : []),
        ...(route.query ?? []).map((name) => ({
          name,
          in: 'query',
          required: false,
          schema:
            name === 'limit' ? { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 100 } : { type: 'string' },
        })),
        ...(route.method !== 'get'
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }]
          : []),
      ],
      responses: {
        200: {
          description: 'OK',
          content: {
            'application/json': {
              schema: route.body
                ? jsonSchema(z.object({ results: z.array(itemResult) }), 'output')
                : route.item
                  ? jsonSchema(route.item, 'output')
                  : { type: 'object' },
            },
          },
        },
        401: problem,
        422: problem,
        429: problem,
        501: problem,
        503: problem,
      },
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
    };
    const path = paths[route.path] ?? {};
    path[route.method] = operation;
    paths[route.path] = path;
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Passerelle module endpoint', version },
    servers: [{ url: basePath }],
    security: [{ bearer: [] }, { basic: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
    paths,
  };
}
