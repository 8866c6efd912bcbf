import { runAdapterConformance, runModuleConformance } from './index.js';
import { createMemoryAdapter } from './memory-adapter.js';
import { demoFixtures } from './memory-seed.js';

function memorySubject() {
  const adapter = createMemoryAdapter();
  return { adapter, fixtures: demoFixtures, mutate: adapter.backOffice };
}

runAdapterConformance('memory adapter', memorySubject);

runModuleConformance('memory adapter', memorySubject);
