/**
 * @module
 * `@passerelle/core/testing`: the conformance suites every adapter and store must pass, and an in-memory adapter
 * that is both their self-test and the smallest example of a bridge. Imports vitest (a peer of this entry point),
 * so nothing here is re-exported from `@passerelle/core`.
 */

export {
  createManualClock,
  type ManualClock,
  runStoreConformance,
  type StoreConformanceContext,
  type StoreConformanceOptions,
} from '../state/testing.js';
export { runAdapterConformance } from './adapter-conformance.js';
export {
  type AdapterCheckKey,
  type AdapterConformanceOptions,
  type AdapterFeature,
  adapterFeatures,
  type ConformanceFixtures,
  type ConformanceMutations,
  type ConformanceSubject,
  type MakeConformanceSubject,
  type ModuleCheckKey,
  type ModuleConformanceOptions,
  moduleFeatures,
  type ReadEntity,
  readEntities,
} from './conformance.types.js';
export {
  createMemoryAdapter,
  type MemoryAdapter,
  type MemoryAdapterOptions,
  type MemoryBackOffice,
} from './memory-adapter.js';
export { demoFixtures, demoSeed, type MemorySeed } from './memory-seed.js';
export { CONFORMANCE_PASSWORD } from './module-check-context.js';
export { runModuleConformance } from './module-conformance.js';
