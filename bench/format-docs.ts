import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Formats generated files with the repository's own Biome, so `npm run lint` (which checks Markdown
 * too) accepts them as written. Without a local Biome the files are left as generated.
 */
export function formatWithBiome(root: string, files: readonly string[]): void {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  if (!existsSync(biome)) return;
  spawnSync(biome, ['format', '--write', ...files], { cwd: root, stdio: 'ignore' });
}
