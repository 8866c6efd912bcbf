import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A `fetch` over Node's own HTTP stack, with the connections it keeps open. */
export interface NodeTransport {
  fetch: typeof globalThis.fetch;
  /** Closes the idle connections. */
  close(): void;
}

export interface NodeTransportOptions {
  /**
   * Connections kept per host; a few more than the write concurrency so reads beside writes do not wait.
   * @default 8
   */
  maxSockets?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

function decoded(response: IncomingMessage): NodeJS.ReadableStream {
  switch ((response.headers['content-encoding'] ?? '').toLowerCase()) {
    case 'gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

/**
 * PrestaShop answers one object per call, so a sync makes thousands of small calls: this transport keeps
 * HTTP/1.1 connections alive and costs a fraction of the CPU of the global `fetch` per call, which is
 * what bounded concurrency needs to reach the Webservice's own pace. It follows redirects for GET and
 * HEAD only (a redirected write would be replayed as a GET), and decodes gzip, deflate and brotli.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const maxSockets = options.maxSockets ?? 8;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets }),
  };

  async function send(request: Request, body: Buffer | null, redirects: number): Promise<Response> {
    const url = new URL(request.url);
    const protocol = url.protocol === 'https:' ? 'https:' : url.protocol === 'http:' ? 'http:' : null;
    if (!protocol) throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
    const signal = request.signal;
    if (signal?.aborted) throw abortError(signal);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    if (body) headers['content-length'] = String(body.length);

    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      // Looked up on each call (not imported by name) so a test interceptor patching the module is honoured.
      const send = protocol === 'https:' ? https.request : http.request;
      const outgoing = send(url, { method: request.method, headers, agent: agents[protocol] }, resolve);
      const onAbort = () => outgoing.destroy(signal ? abortError(signal) : undefined);
      signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.on('close', () => signal?.removeEventListener('abort', onAbort));
      outgoing.on('error', (error) =>
        reject(signal?.aborted ? abortError(signal) : new TypeError('fetch failed', { cause: error })),
      );
      outgoing.end(body ?? undefined);
    });

    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (
      REDIRECTS.has(status) &&
      location &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      redirects < MAX_REDIRECTS
    ) {
      response.resume();
      return send(
        new Request(new URL(location, url), { method: request.method, headers: request.headers, signal }),
        null,
        redirects + 1,
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of decoded(response)) chunks.push(chunk as Buffer);
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || name === 'content-encoding' || name === 'content-length') continue;
      for (const entry of Array.isArray(value) ? value : [value]) responseHeaders.append(name, entry);
    }
    const empty = status === 204 || status === 304 || request.method === 'HEAD';
    const answer = new Response(empty ? null : Buffer.concat(chunks), {
      status,
      statusText: response.statusMessage ?? '',
      headers: responseHeaders,
    });
    Object.defineProperty(answer, 'url', { value: url.href });
    return answer;
  }

  return {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : null;
      return send(request, body, 0);
    }) as typeof globalThis.fetch,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
