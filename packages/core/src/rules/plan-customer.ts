import type { CustomerWrite } from '../adapter.js';
import type { Customer } from '../contracts/index.js';
import { customerWriteSchema } from '../contracts/index.js';
import type { Settings } from '../settings/index.js';
import { type FieldPlan, planFields } from './plan-write.js';

export interface CustomerPlan extends FieldPlan<CustomerWrite> {
  /** Set when the rules decided not to write at all. */
  skip?: string;
  directives: {
    passwordMode: Settings['customers']['create']['passwordMode'];
    notificationEmail: boolean;
    createAddresses: boolean;
  };
}

/** Emails match case-insensitively and without surrounding spaces (lessons §2). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Which existing customer an incoming one is: by its code first, then by email, so a
 * customer who ordered as a guest is not created twice (lessons §2).
 */
export function matchCustomer(
  incoming: Pick<CustomerWrite, 'reference' | 'email'>,
  byReference: ReadonlyMap<string, Customer>,
  byEmail: ReadonlyMap<string, Customer>,
): Customer | null {
  const direct = byReference.get(incoming.reference);
  if (direct) return direct;
  if (incoming.email) return byEmail.get(normaliseEmail(incoming.email)) ?? null;
  return null;
}

export function planCustomerWrite(input: {
  incoming: CustomerWrite;
  existing: Customer | null;
  settings: Settings;
}): CustomerPlan {
  const { incoming, existing, settings } = input;
  const create = settings.customers.create;
  const directives = {
    passwordMode: create.passwordMode,
    notificationEmail: create.notificationEmail,
    createAddresses: create.createAddresses,
  };
  if (!existing && create.skipWithoutEmail && !incoming.email) {
    return {
      action: 'unchanged',
      data: {},
      changed: [],
      withheld: [],
      skip: 'no valid email: customers.create.skipWithoutEmail is on',
      directives,
    };
  }
  const creationDefaults: Partial<CustomerWrite> = { newsletter: create.newsletter, optIn: create.optIn };
  const source: CustomerWrite = create.createAddresses || existing ? incoming : { ...incoming, addresses: undefined };
  const plan = planFields<CustomerWrite>({
    schema: customerWriteSchema,
    incoming: source,
    existing: existing as Partial<Record<keyof CustomerWrite, unknown>> | null,
    settings,
    creationDefaults,
  });
  return { ...plan, directives };
}
