/**
 * The shop's notion of "now" and of `updated_at`. Every write moves a row's `updated_at` strictly
 * forward, even when two writes land in the same millisecond, so a reader that saw the first write
 * always sees the second one as newer.
 */
export interface ShopClock {
  now(): Date;
  /** The `updated_at` for a row written now, given the row's previous one (null for a new row). */
  stamp(previous: string | null | undefined): string;
}

export function createShopClock(now: () => Date = () => new Date()): ShopClock {
  return {
    now,
    stamp(previous) {
      const current = now().getTime();
      const floor = previous ? Date.parse(previous) + 1 : Number.NEGATIVE_INFINITY;
      return new Date(Math.max(current, floor)).toISOString();
    },
  };
}
