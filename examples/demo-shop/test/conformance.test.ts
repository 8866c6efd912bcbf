import { runAdapterConformance, runModuleConformance } from '@passerelle/core/testing';
import { demoSubject } from './demo-shop-fixture.js';

runAdapterConformance('demo-shop', demoSubject);

runModuleConformance('demo-shop', demoSubject);
