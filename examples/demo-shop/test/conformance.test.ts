import { runAdapterConformance, runModuleConformance } from '@passerelle/core/testing';
import { demoSubject } from './demo-shop-fixture.js';

runAdapterConformance('demo-shop', demoSubject);

runModuleConformance('demo-shop', demoSubject, {
  skip: {
    // The check looks for a stock level without a location; every level of this shop is in the Paris or the
    // Geneva warehouse. The same behaviour (a bad SKU fails alone next to a good one) is covered through the
    // real endpoint in start-demo.test.ts.
    batch: 'every demo-shop stock level belongs to a warehouse (the check needs one without a location)',
  },
});
