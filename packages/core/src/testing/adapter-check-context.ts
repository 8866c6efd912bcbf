import type { PlatformAdapter, WriteContext } from '../adapter.js';
import type {
  AdapterCheckKey,
  ConformanceFixtures,
  ConformanceMutations,
  ConformanceSubject,
  ReadEntity,
} from './conformance.types.js';
import type { ConformanceCheck } from './register-checks.js';

/** What every adapter check receives: a fresh subject and the suite's options, resolved. */
export interface AdapterCheckContext {
  subject: ConformanceSubject;
  adapter: PlatformAdapter;
  fixtures: ConformanceFixtures;
  pageSize: number;
  write: WriteContext;
  now(): Date;
}

export type AdapterCheck = ConformanceCheck<AdapterCheckKey, AdapterCheckContext>;

type FixtureName = Exclude<keyof ConformanceFixtures, 'unknownIds' | 'unknownReference' | 'refusedProductPlan'>;

/** A fixture the check cannot do without: its absence fails the check and says how to fix it. */
export function requireFixture(context: AdapterCheckContext, name: FixtureName, skipKey: AdapterCheckKey): string {
  const value = context.fixtures[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(
      `conformance: fixtures.${name} is missing. Add it to the fake's fixtures, or skip '${skipKey}' with the reason.`,
    );
  }
  return value;
}

/** Back-office mutations, which checks of change tracking cannot do without. */
export function requireMutations(context: AdapterCheckContext, skipKey: AdapterCheckKey): ConformanceMutations {
  const mutate = context.subject.mutate;
  if (!mutate?.touchProduct) {
    throw new Error(
      `conformance: subject.mutate.touchProduct is missing. Let the fake change a product, or skip '${skipKey}' with the reason.`,
    );
  }
  return mutate;
}

export function unknownId(context: AdapterCheckContext, entity: ReadEntity): string {
  return context.fixtures.unknownIds?.[entity] ?? '999999999';
}

export function unknownReference(context: AdapterCheckContext): string {
  return context.fixtures.unknownReference ?? 'conformance-unknown-reference';
}

/** An ISO instant at the start of its second: platforms that keep seconds only must still see it as "after". */
export function floorToSecond(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}
