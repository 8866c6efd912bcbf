import type { WriteOutcome } from '@passerelle/core';
import type { UserError } from '../graphql/shopify.types.js';

/** A mutation's `userErrors` as one line: `field.path: message (CODE)`. */
export function describeUserErrors(errors: readonly UserError[]): string {
  return errors
    .slice(0, 5)
    .map(
      (error) =>
        `${error.field?.length ? `${error.field.join('.')}: ` : ''}${error.message}${error.code ? ` (${error.code})` : ''}`,
    )
    .join('; ');
}

/** Throws when a mutation answered user errors, so one plan fails with Shopify's own words. */
export function assertNoUserErrors(errors: readonly UserError[] | undefined, what: string): void {
  if (errors && errors.length > 0) throw new UserErrorsFailure(`${what}: ${describeUserErrors(errors)}`);
}

/** A refusal by Shopify's business rules: retrying the same write cannot help. */
export class UserErrorsFailure extends Error {
  override name = 'UserErrorsFailure';
}

/** The outcome of a plan that threw: user errors are final, transport errors say whether to retry. */
export function failureOutcome(key: string, error: unknown): WriteOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const retryable =
    error instanceof UserErrorsFailure ? false : Boolean((error as { retryable?: boolean } | null)?.retryable);
  return { key, ok: false, error: message.slice(0, 500), retryable };
}
