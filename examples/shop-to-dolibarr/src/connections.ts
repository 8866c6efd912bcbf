import { isAbsolute, resolve } from 'node:path';
import {
  createSqliteStore,
  envError,
  envValue,
  generatePassword,
  type Logger,
  PlatformError,
  StartupError,
} from '@passerelle/core';
import {
  createClient,
  type PasserelleClient,
  PasserelleClientError,
  PasserelleHttpError,
} from '@passerelle/core/client';
import { apiBaseOf, createDolibarrModule, type DolibarrModule } from '@passerelle/dolibarr-module';
import type { FlowTypes } from './flow-types.js';

/** Nothing answered, or the credentials were refused: said plainly, the process exits 1. */
export class ConnectionError extends StartupError {}

export interface EndpointConnection {
  url: string;
  password: string;
}

export type ErpConnection =
  | ({ kind: 'endpoint' } & EndpointConnection)
  | { kind: 'embedded'; dolibarrUrl: string; apiKey: string; entity: string | null; dbPath: string };

/** `SHOP_URL` (default: the demo shop of `npm start`) and `SHOP_PASSWORD`. */
export function readShopConnection(env: Readonly<Record<string, string | undefined>>): EndpointConnection {
  const url = envValue(env, 'SHOP_URL') ?? 'http://127.0.0.1:8787/passerelle/v1';
  try {
    new URL(url);
  } catch {
    throw envError(
      'SHOP_URL',
      `expected the shop module's endpoint URL such as http://127.0.0.1:8787/passerelle/v1, got ${JSON.stringify(url)}`,
    );
  }
  const password = envValue(env, 'SHOP_PASSWORD');
  if (!password)
    throw envError(
      'SHOP_PASSWORD',
      'is required: the shop module endpoint password (printed by `npm start` on its first start)',
    );
  return { url, password };
}

/**
 * The Dolibarr side: a running Dolibarr module (`DOLIBARR_MODULE_URL`, `DOLIBARR_MODULE_PASSWORD`),
 * or a Dolibarr itself (`DOLIBARR_URL`, `DOLIBARR_API_KEY`, `DOLIBARR_ENTITY`), for which the worker
 * runs a Dolibarr module of its own (state in `PASSERELLE_DB`).
 */
export function readErpConnection(env: Readonly<Record<string, string | undefined>>, cwd: string): ErpConnection {
  const moduleUrl = envValue(env, 'DOLIBARR_MODULE_URL');
  if (moduleUrl) {
    try {
      new URL(moduleUrl);
    } catch {
      throw envError(
        'DOLIBARR_MODULE_URL',
        `expected the Dolibarr module's endpoint URL, got ${JSON.stringify(moduleUrl)}`,
      );
    }
    const password = envValue(env, 'DOLIBARR_MODULE_PASSWORD');
    if (!password)
      throw envError(
        'DOLIBARR_MODULE_PASSWORD',
        'is required with DOLIBARR_MODULE_URL: the Dolibarr module endpoint password',
      );
    return { kind: 'endpoint', url: moduleUrl, password };
  }
  const dolibarrUrl = envValue(env, 'DOLIBARR_URL');
  if (!dolibarrUrl)
    throw envError(
      'DOLIBARR_URL',
      'is required (or DOLIBARR_MODULE_URL): the address of your Dolibarr, e.g. https://erp.example.com',
    );
  try {
    apiBaseOf(dolibarrUrl);
  } catch (error) {
    throw envError('DOLIBARR_URL', error instanceof Error ? error.message : 'is not a URL');
  }
  const apiKey = envValue(env, 'DOLIBARR_API_KEY');
  if (!apiKey)
    throw envError('DOLIBARR_API_KEY', 'is required with DOLIBARR_URL: the API key on the Dolibarr user card');
  const entity = envValue(env, 'DOLIBARR_ENTITY') ?? null;
  if (entity !== null && !/^\d+$/.test(entity))
    throw envError('DOLIBARR_ENTITY', `expected a Multicompany entity id such as 1, got ${JSON.stringify(entity)}`);
  const db = envValue(env, 'PASSERELLE_DB') ?? './passerelle-dolibarr.db';
  return { kind: 'embedded', dolibarrUrl, apiKey, entity, dbPath: isAbsolute(db) ? db : resolve(cwd, db) };
}

function explain(error: unknown, what: string): string {
  if (error instanceof PasserelleHttpError) {
    if (error.status === 401) return `${what} refused the password (401)`;
    if (error.status === 503) return `${what} has no password set yet (503): set one on the module first`;
    return `${what} answered ${error.status}: ${error.message}`;
  }
  if (error instanceof PasserelleClientError) return `${what} cannot be reached: ${error.message}`;
  if (error instanceof PlatformError) {
    if (error.status === 401) return `${what} refused the API key (401): check DOLIBARR_API_KEY`;
    if (error.status === 404)
      return `${what} has no REST API there (404): enable the module "API REST (Web services)" and check DOLIBARR_URL`;
    return `${what}: ${error.message}`;
  }
  return `${what} cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
}

/** A client of a module endpoint, checked with `GET /info` (authenticated) before anything runs. */
export async function connectEndpoint(
  connection: EndpointConnection,
  what: string,
): Promise<PasserelleClient<FlowTypes>> {
  const client = createClient<FlowTypes>({
    baseUrl: connection.url,
    password: connection.password,
    retry: { limit: 2 },
  });
  try {
    await client.info();
  } catch (error) {
    throw new ConnectionError(explain(error, `${what} at ${connection.url}`));
  }
  return client;
}

export interface OpenedErp {
  client: PasserelleClient<FlowTypes>;
  /** Set when the worker runs its own Dolibarr module. */
  module: DolibarrModule | null;
  close(): Promise<void>;
}

const quietLogger: Logger = {
  info() {},
  warn: (message) => console.error(`[dolibarr module] ${message}`),
  error: (message) => console.error(`[dolibarr module] ${message}`),
};

/** The Dolibarr module to push into: the running one, or one this process runs on 127.0.0.1. */
export async function openErp(connection: ErpConnection, settings?: unknown): Promise<OpenedErp> {
  if (connection.kind === 'endpoint') {
    return { client: await connectEndpoint(connection, 'The Dolibarr module'), module: null, close: async () => {} };
  }
  const store = createSqliteStore({ path: connection.dbPath });
  const module = await createDolibarrModule({
    store,
    logger: quietLogger,
    ...(settings ? { settings } : {}),
    dolibarr: { url: connection.dolibarrUrl, apiKey: connection.apiKey, entity: connection.entity },
  });
  const close = async () => {
    await module.close();
    await store.close();
  };
  try {
    await module.adapter.client.whoami();
  } catch (error) {
    await close();
    throw new ConnectionError(explain(error, `Dolibarr at ${connection.dolibarrUrl}`));
  }
  // A fresh password per run: only this process talks to its own module.
  const password = generatePassword();
  await module.settings.setPassword(password, 'worker start');
  const server = await module.listen({ port: 0, host: '127.0.0.1' });
  const client = createClient<FlowTypes>({ baseUrl: server.url, password, retry: { limit: 2 } });
  return { client, module, close };
}
