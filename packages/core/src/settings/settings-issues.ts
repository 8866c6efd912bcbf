import type { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors/index.js';

function dotted(path: readonly PropertyKey[]): string {
  return path.map((key) => String(key)).join('.');
}

/**
 * Flattens zod issues to `{ path: 'access.allowedIps.0', message }`. An unknown key is reported at
 * its own path (zod reports it on the parent), one issue per key, so the admin page can point at it.
 */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: dotted([...path, key]), message: 'Unknown setting.' });
    } else {
      out.push({ path: dotted(path), message: issue.message });
    }
  }
  return out;
}

/** A `ValidationError` whose message names every problem (paths and reasons; never a value). */
export function settingsValidationError(issues: FieldIssue[], intro = 'Invalid settings'): ValidationError {
  const listed = issues.slice(0, 10).map((issue) => `${issue.path || '(root)'}: ${issue.message.replace(/\.$/, '')}`);
  const more = issues.length > 10 ? ` … and ${issues.length - 10} more` : '';
  return new ValidationError(`${intro}: ${listed.join('; ')}${more}`, issues);
}
