/** `extensions.cost.throttleStatus` of a GraphQL answer. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostLimiterOptions {
  /** Milliseconds since an epoch; injectable so tests move time. @default Date.now */
  now?: () => number;
  /** @default a setTimeout-based sleep that honours the signal */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Longest single wait, so a wrong bucket reading cannot stall a caller for minutes. @default 20_000 */
  maxWaitMs?: number;
}

/**
 * A leaky bucket per shop that mirrors Shopify's: it learns the bucket size and restore rate from
 * every answer (`maximumAvailable` differs by plan: 100 to 2000 points/s), and before a call waits
 * until the projected bucket holds the call's expected cost. Concurrent callers reserve their cost,
 * so they queue instead of all being throttled at once.
 */
export interface CostLimiter {
  /** Waits until `cost` points are projected to be available, then reserves them. */
  acquire(cost: number, signal?: AbortSignal): Promise<void>;
  /** Hands back a reservation whose call never reached Shopify. */
  release(cost: number): void;
  /** Records the bucket Shopify reported; calls still in flight keep their reservations. */
  update(status: ThrottleStatus): void;
  /** How long until `cost` points are available, per the last report (0 when unknown). */
  waitFor(cost: number): number;
  /** The last status Shopify reported, projected to now; null before the first answer. */
  status(): ThrottleStatus | null;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createCostLimiter(options: CostLimiterOptions = {}): CostLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const maxWaitMs = options.maxWaitMs ?? 20_000;
  let known: (ThrottleStatus & { at: number }) | null = null;
  let reserved = 0;

  const projected = (): number => {
    if (!known) return Number.POSITIVE_INFINITY;
    const elapsed = Math.max(0, now() - known.at) / 1000;
    return Math.min(known.maximumAvailable, known.currentlyAvailable + elapsed * known.restoreRate) - reserved;
  };

  const waitFor = (cost: number): number => {
    if (!known || known.restoreRate <= 0) return 0;
    // A cost above the bucket can never fit; wait for a full bucket and let Shopify decide.
    const needed = Math.min(cost, known.maximumAvailable) - projected();
    return needed <= 0 ? 0 : Math.min(maxWaitMs, Math.ceil((needed / known.restoreRate) * 1000));
  };

  return {
    async acquire(cost, signal) {
      // Bounded: each pass waits for the refill the last report promises, at most 50 passes.
      for (let pass = 0; pass < 50; pass++) {
        const wait = waitFor(cost);
        if (wait <= 0) break;
        await sleep(wait, signal);
      }
      reserved += cost;
    },
    release(cost) {
      reserved = Math.max(0, reserved - cost);
    },
    update(status) {
      known = { ...status, at: now() };
    },
    waitFor,
    status() {
      if (!known) return null;
      const { maximumAvailable, restoreRate } = known;
      return { maximumAvailable, restoreRate, currentlyAvailable: Math.max(0, projected() + reserved) };
    },
  };
}
