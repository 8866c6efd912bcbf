import { ValidationError } from '../errors/index.js';
import type { SettingsRuntime } from '../runtime/settings-runtime.js';
import { envError, type ModuleEnv } from './module-env.js';

/**
 * Applies the settings file `readModuleEnv` read (nothing when there is none), recorded as set by
 * `PASSERELLE_SETTINGS`, and prints `Settings from <file>: <changed paths>` when something changed.
 * @returns the changed setting paths
 * @throws ValidationError naming `PASSERELLE_SETTINGS`, with each refused field's path and reason
 */
export async function applySettingsFile(
  runtime: Pick<SettingsRuntime, 'update'>,
  file: Pick<ModuleEnv, 'settings' | 'settingsPath'>,
  print: (line: string) => void,
): Promise<string[]> {
  if (!file.settings) return [];
  try {
    const applied = await runtime.update(file.settings, 'PASSERELLE_SETTINGS');
    if (applied.changedPaths.length) print(`Settings from ${file.settingsPath}: ${applied.changedPaths.join(', ')}`);
    return applied.changedPaths;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw envError('PASSERELLE_SETTINGS', `${file.settingsPath} was refused (${issues})`);
  }
}
