/**
 * @module
 * The demo shop: a reference platform over its own SQLite file (`createDemoAdapter`), its
 * deterministic seed, and what `npm start` and `npm run demo:cloud` run, as functions other
 * examples and tests can call.
 */
export { CloudRunError, type CloudRunOptions, type CloudSummary, runCloud } from './cloud-run.js';
export { type DemoDatabase, openDemoDatabase } from './database.js';
export { createDemoAdapter, DEMO_PLATFORM, type DemoAdapter, type DemoAdapterOptions } from './demo-adapter.js';
export { DEFAULTS as DEMO_DEFAULTS, type DemoConfig, readDemoConfig } from './demo-config.js';
export type { DemoControls, SimulateOrderOptions } from './demo-controls.js';
export { buildSeed, isSeeded, SEED_ANCHOR, type SeedData, type SeedSummary, seedDemoShop } from './seed.js';
export { type RunningDemo, type StartDemoOptions, startDemo } from './start-demo.js';
