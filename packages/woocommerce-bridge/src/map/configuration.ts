import type { PlatformConfiguration } from '@passerelle/core';
import type { WooCommercePlatformSettings } from '../settings.js';
import type { OrderStatusInfo, ShopFacts } from '../shop-context.js';
import type { WooTaxRate } from '../woo.types.js';
import { decodeEntities } from './category.js';
import { trimZeros, wooDecimal } from './decimal-math.js';
import { toOrderStatus } from './order-status.js';

export interface WooConfigurationSources {
  facts: ShopFacts;
  platform: WooCommercePlatformSettings;
  statuses: readonly OrderStatusInfo[];
  gateways: readonly { id: string; title: string; method_title?: string; enabled: boolean }[];
  shippingMethods: readonly { id: string; title: string }[];
  taxRates: readonly WooTaxRate[];
  taxClasses: readonly { slug: string; name: string }[];
  currency: { code: string; name?: string } | null;
  countries: readonly { code: string; name: string; states?: { code: string; name: string }[] }[];
  attributes: readonly { id: number; name: string; slug?: string }[];
}

/**
 * The lookups the cloud maps against: order statuses (plug-in ones included), enabled payment gateways
 * (technical id × the shop's one currency), shipping methods, tax rates with their class, countries with
 * states, the product attributes. WooCommerce core sells in one currency.
 */
export function toConfiguration(sources: WooConfigurationSources): PlatformConfiguration {
  const { facts } = sources;
  const currency = sources.currency?.code ?? facts.currency;
  return {
    orderStates: sources.statuses.map((status) => ({
      id: status.slug,
      name: decodeEntities(status.name),
      status: toOrderStatus(status.slug, sources.platform.orderStatusMap).status,
    })),
    paymentModules: sources.gateways
      .filter((gateway) => gateway.enabled)
      .map((gateway) => ({
        module: gateway.id,
        name: decodeEntities(gateway.title || gateway.method_title || gateway.id),
        currencies: [currency],
      })),
    carriers: sources.shippingMethods.map((method) => ({
      id: method.id,
      name: decodeEntities(method.title || method.id),
    })),
    taxes: sources.taxRates.map((rate) => {
      const value = wooDecimal(rate.rate) ?? '0';
      return {
        id: String(rate.id),
        name: rate.name || `${rate.country || '*'} ${value}%`,
        rate: trimZeros(value, 0),
        ...(rate.country ? { country: rate.country } : {}),
        ...(rate.state ? { state: rate.state } : {}),
        taxClass: rate.class || 'standard',
        compound: rate.compound,
      };
    }),
    currencies: {
      default: currency,
      items: [
        { code: currency, ...(sources.currency?.name ? { name: sources.currency.name } : {}), conversionRate: '1' },
      ],
    },
    countries: sources.countries.map((country) => ({
      code: country.code,
      name: decodeEntities(country.name),
      ...(country.states?.length
        ? { states: country.states.map((state) => ({ code: state.code, name: decodeEntities(state.name) })) }
        : {}),
    })),
    languages: [{ code: facts.language, name: facts.language, default: true }],
    attributes: sources.attributes.map((attribute) => ({ id: String(attribute.id), name: attribute.name })),
    taxClasses: [
      { id: 'standard', name: 'Standard' },
      ...sources.taxClasses
        .filter((entry) => entry.slug !== 'standard')
        .map((entry) => ({ id: entry.slug, name: entry.name })),
    ],
    pricesIncludeTax: facts.pricesIncludeTax,
    weightUnit: facts.weightUnit,
    dimensionUnit: facts.dimensionUnit,
  };
}
