/**
 * @module
 * Test helpers for stores, re-exported by `@passerelle/core/testing`: the conformance battery every `Store`
 * implementation must pass, and a clock tests can move. Imports vitest, so never re-export it from the main entry.
 */
export { createManualClock, type ManualClock } from './manual-clock.js';
export { runStoreConformance, type StoreConformanceContext, type StoreConformanceOptions } from './store-battery.js';
