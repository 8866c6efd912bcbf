import { Readable } from 'node:stream';
import type { PasserelleModule } from '@passerelle/core';
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';

/**
 * An Express middleware that hands `/passerelle/*` requests to a Passerelle module. The module
 * speaks Web-standard `Request`/`Response`, so this only translates; the client address comes
 * from Express (`req.ip`), which honours the app's own `trust proxy` setting.
 */
export function mountPasserelle(module: PasserelleModule) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> => {
    if (!req.originalUrl.startsWith('/passerelle/')) return next();
    try {
      const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const item of value) headers.append(name, item);
        else if (value !== undefined) headers.set(name, value);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(new URL(req.originalUrl, origin), {
        method: req.method,
        headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
      } as RequestInit);
      const response = await module.fetch(request, { clientAddress: req.ip ?? req.socket.remoteAddress ?? '' });
      res.status(response.status);
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  };
}
