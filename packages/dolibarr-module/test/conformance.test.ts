import { runAdapterConformance, runModuleConformance } from '@passerelle/core/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { dolibarrModuleSettingsSchema } from '../src/settings.js';
import { conformanceSettings, dolibarrSubject } from './conformance-subject.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

runAdapterConformance('dolibarr', () => dolibarrSubject(server), {
  settings: conformanceSettings,
  skip: {
    'stock.get':
      'Dolibarr has no stock record with an id: a level is a sum of warehouse rows of a product, read by reference or listed',
  },
});

runModuleConformance('dolibarr', () => dolibarrSubject(server), {
  settingsSchema: dolibarrModuleSettingsSchema,
  settings: { orders: { read: { guestAccount: 'GUEST' } } },
});
