import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A real HTTP server on 127.0.0.1 for the client's tests (as ky tests against a local server rather
 * than fetch mocks). Each test implements just the part of the protocol it exercises.
 */

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  /** Path relative to `/passerelle/v1`. */
  route: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON (`application/problem+json` when the status is an error). */
  json?: unknown;
  /** Sent as is, instead of `json`. */
  text?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type Handler = (request: RecordedRequest, index: number) => FakeResponse | Promise<FakeResponse>;

export interface TestServer {
  /** `http://127.0.0.1:<port>/passerelle/v1`. */
  baseUrl: string;
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        route: url.pathname.replace(/^\/passerelle\/v1/, ''),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      const index = requests.push(recorded) - 1;
      void Promise.resolve(handler(recorded, index)).then(async (answer) => {
        if (answer.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        if (res.destroyed) return;
        const status = answer.status ?? 200;
        const headers: Record<string, string> = { ...answer.headers };
        let payload = answer.text ?? '';
        if (answer.text === undefined && answer.json !== undefined) {
          headers['content-type'] ??= status >= 400 ? 'application/problem+json' : 'application/json';
          payload = JSON.stringify(answer.json);
        }
        res.writeHead(status, headers);
        res.end(payload);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/passerelle/v1`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A validation problem as the endpoint sends it. */
export function validationProblem(errors: { path: string; message: string }[]): FakeResponse {
  return {
    status: 422,
    json: {
      type: 'https://passerelle.dev/problems/validation',
      title: 'Invalid request',
      status: 422,
      detail: 'The request body is invalid.',
      errors,
    },
  };
}

/** Answers a write batch with one `created` result per item, keyed by reference (or id). */
export function echoResults(request: RecordedRequest): FakeResponse {
  const { items } = JSON.parse(request.body) as { items: { reference?: string; id?: string }[] };
  return { json: { results: items.map((item) => ({ key: item.reference ?? item.id, outcome: 'created' })) } };
}
