import type { ProductFeature } from '@passerelle/core';
import type { Bridge } from '../bridge-context.js';
import { namedAs } from '../lookups.js';
import { psText } from '../map/scalars.js';
import { literal } from '../query.js';
import type { SerialLock } from '../serial.js';
import type { PsAssociation } from '../xml.js';
import { everyLanguage } from './option-values.js';

/**
 * The product's `product_features` association with the ERP's features in it. Only features the ERP
 * names are replaced; the others the product has stay (the sync manages its own features only). A
 * missing feature or value is created, the value as a predefined (non-custom) one.
 */
export async function featureAssociation(
  bridge: Bridge,
  lock: SerialLock,
  features: readonly ProductFeature[],
  current: readonly { id: string; valueId: string }[],
): Promise<PsAssociation> {
  return lock.run(async () => {
    const managed = new Map<string, string>();
    for (const feature of features) {
      let table = await bridge.lookups.features();
      let found = [...table.values()].find((entry) => namedAs(entry.names, feature.name));
      if (!found) {
        table = await bridge.lookups.features(true);
        found = [...table.values()].find((entry) => namedAs(entry.names, feature.name));
      }
      let featureId = found?.id;
      if (!featureId) {
        const name = await everyLanguage(bridge, feature.name);
        featureId = psText((await bridge.client.create('product_features', { fields: { name } })).id);
        bridge.lookups.rememberFeature(featureId, name.languages);
      }
      const candidates = await bridge.client.list('product_feature_values', {
        display: ['id', 'id_feature', 'custom', 'value'],
        filter: { id_feature: literal(featureId), value: literal(feature.value) },
      });
      const shop = await bridge.shop.snapshot();
      const value = candidates.find((row) => {
        const text = Array.isArray(row.value)
          ? Object.fromEntries(
              (row.value as { id: unknown; value: unknown }[]).map((entry) => [psText(entry.id), psText(entry.value)]),
            )
          : { [shop.defaultLanguage.id]: psText(row.value) };
        return psText(row.custom) !== '1' && namedAs(text, feature.value);
      });
      const valueId =
        value !== undefined
          ? psText(value.id)
          : psText(
              (
                await bridge.client.create('product_feature_values', {
                  fields: { id_feature: featureId, custom: '0', value: await everyLanguage(bridge, feature.value) },
                })
              ).id,
            );
      managed.set(featureId, valueId);
    }
    const kept = current
      .filter((entry) => !managed.has(entry.id))
      .map((entry) => ({ id: entry.id, id_feature_value: entry.valueId }));
    return {
      node: 'product_feature',
      items: [...kept, ...[...managed].map(([id, valueId]) => ({ id, id_feature_value: valueId }))],
    };
  });
}
