import { createMemoryAdapter, createModule, createSqliteStore, generatePassword } from '@passerelle/core';
import { createShopApp } from './create-app.js';

// A runnable sketch: an Express app with the endpoint mounted at /passerelle/v1, over the
// reference in-memory adapter (swap in a real bridge's adapter in your shop).
const store = createSqliteStore({ path: process.env.PASSERELLE_DB ?? './passerelle-express.db' });
const module = await createModule({ adapter: createMemoryAdapter(), store });
const password = process.env.PASSERELLE_PASSWORD ?? generatePassword();
await module.settings.setPassword(password, 'embed-in-express');
const port = Number(process.env.PASSERELLE_PORT ?? 8788);
const server = createShopApp(module).listen(port, '127.0.0.1', () => {
  console.log(`Express shop on http://127.0.0.1:${port}/ with Passerelle at /passerelle/v1`);
  if (!process.env.PASSERELLE_PASSWORD) console.log(`Endpoint password (shown once): ${password}`);
});
const stop = () => {
  server.close();
  void module.close().then(() => store.close());
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
