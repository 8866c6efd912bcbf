import type { PasserelleModule } from '@passerelle/core';
import express, { type Express } from 'express';
import { mountPasserelle } from './mount-passerelle.js';

/** An existing shop back office written with Express, with the Passerelle endpoint mounted beside its own routes. */
export function createShopApp(module: PasserelleModule): Express {
  const app = express();
  // Behind one reverse proxy: Express then reports the real client in `req.ip`.
  app.set('trust proxy', 'loopback');
  app.get('/', (_req, res) => {
    res.type('text/plain').send('My shop back office');
  });
  app.use(mountPasserelle(module));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  return app;
}
