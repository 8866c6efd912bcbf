/** Shopify dates (GraphQL `2025-04-02T16:29:59Z`, REST webhooks `2025-04-02T12:29:59-04:00`) as ISO 8601 UTC. */
export function isoUtc(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new TypeError(`Shopify sent an unreadable date: ${JSON.stringify(value)}`);
  return new Date(time).toISOString();
}
