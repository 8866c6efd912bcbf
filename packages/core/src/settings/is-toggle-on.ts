import { getAt } from './schema-introspection.js';
import type { UpdateToggle } from './update-toggles.js';

/**
 * Whether an update may overwrite the fields governed by `toggle` (`products.update.price`).
 * Anything but `true` at that path, a missing section included, reads as off: the safe answer
 * for a write rule.
 */
export function isToggleOn(settings: unknown, toggle: UpdateToggle): boolean {
  return getAt(settings, toggle.split('.')) === true;
}
