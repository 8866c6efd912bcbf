import type { PlatformConfiguration } from '@passerelle/core';
import { PlatformError } from '@passerelle/core';
import { toConfiguration } from '../map/configuration.js';
import type { WooRuntime } from '../runtime.js';

/** A lookup the key may not reach (a route a plug-in removed, an older WooCommerce): empty, not fatal. */
async function optional<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PlatformError && (error.status === 404 || error.status === 403)) return fallback;
    throw error;
  }
}

/** Reads every lookup of `GET /configuration`; cached for `ttlMs` since they change rarely. */
export function createConfigurationRead(runtime: WooRuntime, ttlMs = 5 * 60_000) {
  let cached: { at: number; value: Promise<PlatformConfiguration> } | null = null;
  const load = async (): Promise<PlatformConfiguration> => {
    const [facts, platform, statuses] = await Promise.all([
      runtime.shop.facts(),
      runtime.platform(),
      runtime.shop.orderStatuses(),
    ]);
    const [gateways, shippingMethods, taxRates, taxClasses, currency, countries, attributes] = await Promise.all([
      optional(
        () =>
          runtime.client
            .get<{ id: string; title: string; method_title?: string; enabled: boolean }[]>('payment_gateways')
            .then((answer) => answer.data),
        [],
      ),
      optional(
        () => runtime.client.get<{ id: string; title: string }[]>('shipping_methods').then((answer) => answer.data),
        [],
      ),
      optional(async () => [...(await runtime.shop.taxRates()).values()], []),
      optional(
        () => runtime.client.get<{ slug: string; name: string }[]>('taxes/classes').then((answer) => answer.data),
        [],
      ),
      optional(
        () =>
          runtime.client.get<{ code: string; name?: string }>('data/currencies/current').then((answer) => answer.data),
        null,
      ),
      optional(
        () =>
          runtime.client
            .get<{ code: string; name: string; states?: { code: string; name: string }[] }[]>('data/countries')
            .then((answer) => answer.data),
        [],
      ),
      optional(
        () => runtime.client.get<{ id: number; name: string }[]>('products/attributes').then((answer) => answer.data),
        [],
      ),
    ]);
    return toConfiguration({
      facts,
      platform,
      statuses,
      gateways,
      shippingMethods,
      taxRates,
      taxClasses,
      currency,
      countries,
      attributes,
    });
  };
  return async (): Promise<PlatformConfiguration> => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const value = load();
    cached = { at: Date.now(), value };
    value.catch(() => {
      cached = null;
    });
    return value;
  };
}
