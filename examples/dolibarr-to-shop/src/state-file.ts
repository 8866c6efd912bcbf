import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { StateStore, SyncState } from './shop-sync.js';

/** The flow's checkpoint in a JSON file, replaced atomically (write aside, then rename). */
export function fileState(path: string): StateStore {
  return {
    async load() {
      if (!existsSync(path)) return {};
      try {
        const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
        return parsed !== null && typeof parsed === 'object' ? (parsed as SyncState) : {};
      } catch {
        return {};
      }
    },
    async save(state) {
      const aside = `${path}.${process.pid}.tmp`;
      writeFileSync(aside, `${JSON.stringify(state, null, 2)}\n`);
      renameSync(aside, path);
    },
  };
}
