import { ValidationError } from './validation-error.js';

/**
 * A platform id is already bound to another reference of the same entity in the same shop.
 * Binding it again would make two references write to one platform record (the duplicate
 * the binding table exists to prevent), so the store refuses instead of re-pointing it.
 */
export class BindingConflictError extends ValidationError {
  readonly entity: string;
  readonly reference: string;
  readonly platformId: string;
  /** The reference the platform id stays bound to. */
  readonly boundReference: string;

  constructor(binding: { entity: string; reference: string; platformId: string }, boundReference: string) {
    const message =
      `${binding.entity} ${binding.platformId} is already bound to reference "${boundReference}"; ` +
      `it cannot also be bound to "${binding.reference}".`;
    super(message, [{ path: 'platformId', message }]);
    this.entity = binding.entity;
    this.reference = binding.reference;
    this.platformId = binding.platformId;
    this.boundReference = boundReference;
  }
}
