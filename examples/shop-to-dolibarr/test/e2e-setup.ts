import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, type Logger, type Store } from '@passerelle/core';
import { createClient, type PasserelleClient } from '@passerelle/core/client';
import { createDolibarrModule, type DolibarrModule } from '@passerelle/dolibarr-module';
import {
  type CreateFakeOptions,
  createFakeDolibarr,
  type FakeDolibarr,
} from '../../../packages/dolibarr-module/test/fake-dolibarr.js';
import { type RunningDemo, startDemo } from '../../demo-shop/src/start-demo.js';
import type { FlowTypes } from '../src/flow-types.js';

export const SHOP_PASSWORD = 'shop-e2e-password-0123456789';
export const ERP_PASSWORD = 'erp-e2e-password-0123456789';

const silent: Logger = { info() {}, warn() {}, error() {} };

export interface Stage {
  dir: string;
  demo: RunningDemo;
  fake: FakeDolibarr;
  fakeUrl: string;
  erpModule: DolibarrModule;
  erpStore: Store;
  erpUrl: string;
  shop: PasserelleClient<FlowTypes>;
  erp: PasserelleClient<FlowTypes>;
  close(): Promise<void>;
}

/**
 * The demo shop (its own module, as `npm start` runs it), a fake Dolibarr served on 127.0.0.1 with
 * the shop's catalogue already imported (as an ERP holding the same references), and a Dolibarr
 * module over it: every piece a worker in another process reaches over HTTP.
 */
export async function stage(fakeOptions: CreateFakeOptions = {}): Promise<Stage> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-e2e-'));
  const demo = await startDemo({
    env: {
      PASSERELLE_PASSWORD: SHOP_PASSWORD,
      PASSERELLE_DB: join(dir, 'shop-module.db'),
      PASSERELLE_DEMO_DATA: join(dir, 'shop.db'),
    },
    cwd: dir,
    port: 0,
    print: () => {},
    logger: silent,
  });
  const fake = createFakeDolibarr({ seed: false, stockDecrementOn: 'shipment', ...fakeOptions });
  let cursor: string | null = null;
  do {
    const page = await demo.adapter.products.list({ cursor, limit: 100 });
    for (const product of page.items) {
      const sellables = product.variants?.length
        ? product.variants.map((variant) => ({
            ref: variant.reference,
            price: variant.price ?? product.price ?? '0',
            quantity: variant.quantity ?? 0,
          }))
        : [{ ref: product.reference, price: product.price ?? '0', quantity: product.quantity ?? 0 }];
      for (const item of sellables) {
        if (!item.ref) continue;
        fake.backOffice.addProduct({
          ref: item.ref,
          label: product.name.en ?? item.ref,
          price: item.price,
          tvaTx: product.taxRate ?? '20',
          stock: Math.max(0, item.quantity),
        });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  const live = await fake.listen();
  const erpStore = createSqliteStore({ path: join(dir, 'dolibarr-module.db') });
  const erpModule = await createDolibarrModule({
    store: erpStore,
    logger: silent,
    dolibarr: { url: live.url, apiKey: fake.apiKey },
  });
  await erpModule.settings.setPassword(ERP_PASSWORD, 'e2e');
  const server = await erpModule.listen({ port: 0 });
  return {
    dir,
    demo,
    fake,
    fakeUrl: live.url,
    erpModule,
    erpStore,
    erpUrl: server.url,
    shop: createClient<FlowTypes>({ baseUrl: demo.url, password: SHOP_PASSWORD }),
    erp: createClient<FlowTypes>({ baseUrl: server.url, password: ERP_PASSWORD }),
    async close() {
      await erpModule.close();
      await erpStore.close();
      await live.close();
      await demo.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
