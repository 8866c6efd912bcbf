import { createMemoryStore } from './memory-store.js';
import { runStoreConformance } from './store-battery.js';

runStoreConformance('memory store', ({ clock }) => createMemoryStore({ clock }));
