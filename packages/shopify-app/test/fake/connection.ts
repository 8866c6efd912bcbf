export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface ConnectionOptions<T> {
  /** The sort tuple of an item; its id last, so the order is total. */
  sort: (item: T) => (string | number)[];
  view: (item: T) => unknown;
  /** Bulk operations read connections whole, without `first`. */
  bulk: boolean;
}

function compareTuples(a: (string | number)[], b: (string | number)[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    return left < right ? -1 : 1;
  }
  return 0;
}

function encode(tuple: (string | number)[]): string {
  return Buffer.from(JSON.stringify(tuple)).toString('base64url');
}

function decode(cursor: string): (string | number)[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value)) return value as (string | number)[];
  } catch {
    // fall through
  }
  throw new Error(`Invalid cursor: ${cursor}`);
}

/**
 * A Relay connection as Shopify serves it: keyset cursors on the sort tuple (stable while items change),
 * `first`/`last` mandatory and at most 250 outside bulk operations, as the real API answers.
 */
export function connection<T>(items: readonly T[], args: ConnectionArgs, options: ConnectionOptions<T>) {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (!options.bulk) {
    if (first === null && last === null) throw new Error('you must provide one of first or last');
    if ((first ?? last ?? 0) > 250)
      throw new Error(`The ${first !== null ? 'first' : 'last'} argument must be at most 250.`);
    if ((first ?? last ?? 0) < 0) throw new Error('first and last must be non-negative');
  }
  const sorted = items
    .map((item) => ({ item, tuple: options.sort(item) }))
    .sort((a, b) => compareTuples(a.tuple, b.tuple));
  if (args.reverse) sorted.reverse();
  const direction = args.reverse ? -1 : 1;
  let window = sorted;
  if (args.after) {
    const after = decode(args.after);
    window = window.filter((entry) => compareTuples(entry.tuple, after) * direction > 0);
  }
  if (args.before) {
    const before = decode(args.before);
    window = window.filter((entry) => compareTuples(entry.tuple, before) * direction < 0);
  }
  let page = window;
  if (first !== null) page = window.slice(0, first);
  else if (last !== null) page = window.slice(Math.max(0, window.length - last));
  const hasNextPage = first !== null ? window.length > page.length : false;
  const hasPreviousPage = last !== null ? window.length > page.length : Boolean(args.after);
  const views = page.map((entry) => options.view(entry.item));
  return {
    edges: page.map((entry, index) => ({ cursor: encode(entry.tuple), node: views[index] })),
    nodes: views,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: page[0] ? encode(page[0].tuple) : null,
      endCursor: page.length ? encode((page[page.length - 1] as { tuple: (string | number)[] }).tuple) : null,
    },
  };
}

/** The numeric part of a GID, for id-ordered sorts. */
export function numericId(gid: string): number {
  return Number(/\/(\d+)(\?|$)/.exec(gid)?.[1] ?? 0);
}
