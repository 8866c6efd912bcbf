import type { PlatformConfiguration } from '@passerelle/core';
import type { Bridge } from '../bridge-context.js';
import { stateCode } from '../map/address.js';
import { statusOfState } from '../map/order-status.js';
import { decimal, optionalText, psBool, psText } from '../map/scalars.js';
import { loadAll, translatedIn } from '../shop-context.js';

/** How many recent orders show which payment modules take which currencies. */
const PAYMENT_SAMPLE = 500;

/**
 * What the cloud maps against (`GET /configuration`). The Webservice has no resource for installed
 * payment modules, so payment modules × currencies come from the shop's most recent orders.
 */
export async function readConfiguration(bridge: Bridge): Promise<PlatformConfiguration> {
  bridge.shop.refresh();
  const shop = await bridge.shop.snapshot();
  const languageId = shop.defaultLanguage.id;
  const [taxes, carriers, shops, groups, features, attributes, recentOrders] = await Promise.all([
    bridge.shop.taxes(),
    bridge.lookups.carriers(),
    loadAll(bridge.client, 'shops', ['id', 'name', 'active']),
    bridge.lookups.groups(true),
    bridge.lookups.features(true),
    bridge.lookups.attributes(true),
    bridge.client.list('orders', {
      display: ['id', 'module', 'payment', 'id_currency'],
      sort: ['id_DESC'],
      limit: PAYMENT_SAMPLE,
    }),
  ]);
  const payments = new Map<string, { module: string; name: string; currencies: Set<string> }>();
  for (const order of recentOrders) {
    const module = optionalText(order.module);
    if (!module) continue;
    const entry = payments.get(module) ?? { module, name: psText(order.payment), currencies: new Set<string>() };
    const currency = shop.currencyById.get(psText(order.id_currency))?.code;
    if (currency) entry.currencies.add(currency);
    payments.set(module, entry);
  }
  const statesByCountry = new Map<string, { code: string; name: string }[]>();
  for (const state of shop.stateById.values()) {
    const country = shop.countryById.get(state.countryId);
    if (!country) continue;
    statesByCountry.set(state.countryId, [
      ...(statesByCountry.get(state.countryId) ?? []),
      { code: stateCode(country.code, state.code), name: state.name },
    ]);
  }
  const nameOf = (names: Record<string, string>) => names[languageId] ?? Object.values(names)[0] ?? '';
  const values = [...attributes.values.values()];
  return {
    orderStates: [...shop.orderStates.values()]
      .filter((state) => !state.deleted)
      .map((state) => ({
        id: state.id,
        name: state.name,
        status: statusOfState(state.id, shop, bridge.runtime.orderStates),
        paid: state.paid,
        shipped: state.shipped,
        delivered: state.delivered,
        invoice: state.invoice,
        logable: state.logable,
      })),
    paymentModules: [...payments.values()].map((entry) => ({
      module: entry.module,
      name: entry.name,
      currencies: [...entry.currencies].sort(),
    })),
    carriers: [...carriers.values()]
      .filter((carrier) => !carrier.deleted)
      .map((carrier) => ({ id: carrier.id, name: carrier.name, referenceId: carrier.referenceId })),
    taxes: [...taxes.taxes.values()].map((tax) => ({
      id: tax.id,
      name: tax.name,
      rate: decimal(tax.rate),
      active: tax.active,
    })),
    taxRuleGroups: [...taxes.groups.values()].map((group) => ({
      id: group.id,
      name: group.name,
      active: group.active,
      rates: group.rules.map((rule) => ({
        country: shop.countryById.get(rule.countryId)?.code ?? rule.countryId,
        ...(rule.stateId ? { state: shop.stateById.get(rule.stateId)?.code ?? rule.stateId } : {}),
        rate: decimal(rule.rate),
      })),
    })),
    currencies: {
      default: shop.defaultCurrency,
      items: [...shop.currencyById.values()]
        .filter((currency) => !currency.deleted)
        .map((currency) => ({
          code: currency.code,
          name: currency.name,
          conversionRate: decimal(currency.conversionRate),
        })),
    },
    countries: [...shop.countryById]
      .filter(([, country]) => country.active && /^[A-Z]{2}$/.test(country.code))
      .map(([id, country]) => ({
        code: country.code,
        name: country.name,
        ...(statesByCountry.has(id) ? { states: statesByCountry.get(id) } : {}),
      })),
    shops: shops.map((row) => ({
      id: psText(row.id),
      name: translatedIn(row.name, languageId),
      active: psBool(row.active),
    })),
    languages: shop.languages.map((language) => ({
      code: language.code,
      name: language.name,
      default: language.isDefault,
    })),
    customerGroups: [...groups.values()].map((group) => ({ id: group.id, name: nameOf(group.names) })),
    features: [...features.values()].map((feature) => ({ id: feature.id, name: nameOf(feature.names) })),
    attributes: [...attributes.groups.values()].map((group) => ({
      id: group.id,
      name: nameOf(group.names),
      values: values.filter((value) => value.groupId === group.id).map((value) => nameOf(value.names)),
    })),
  };
}
