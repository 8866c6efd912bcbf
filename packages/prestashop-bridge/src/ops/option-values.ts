import type { VariantOption } from '@passerelle/core';
import type { Bridge } from '../bridge-context.js';
import { type Names, namedAs } from '../lookups.js';
import { psText } from '../map/scalars.js';
import type { SerialLock } from '../serial.js';

/** The same text in every shop language: how a name arrives from an ERP that has one. */
export async function everyLanguage(bridge: Bridge, text: string): Promise<{ languages: Names }> {
  const shop = await bridge.shop.snapshot();
  return { languages: Object.fromEntries(shop.languages.map((language) => [language.id, text])) };
}

/**
 * The `product_option_values` ids of a variant's options ("Size: M"), creating the attribute group or
 * value when the shop lacks it. With `attributePublicName`, an existing group whose public name differs
 * from the ERP's gets it ("Mettre à jour le nom public des attributs").
 */
export async function resolveOptionValues(
  bridge: Bridge,
  lock: SerialLock,
  options: readonly VariantOption[],
  attributePublicName: boolean,
): Promise<string[]> {
  return lock.run(async () => {
    const ids: string[] = [];
    for (const option of options) {
      let tables = await bridge.lookups.attributes();
      const findGroup = () =>
        [...tables.groups.values()].find(
          (group) => namedAs(group.names, option.name) || namedAs(group.publicNames, option.name),
        );
      let group = findGroup();
      if (!group) {
        tables = await bridge.lookups.attributes(true);
        group = findGroup();
      }
      if (!group) {
        const name = await everyLanguage(bridge, option.name);
        const row = await bridge.client.create('product_options', {
          fields: { is_color_group: '0', group_type: 'select', name, public_name: name },
        });
        group = { id: psText(row.id), names: name.languages, publicNames: name.languages };
        bridge.lookups.rememberAttributeGroup(group);
      } else if (attributePublicName && !namedAs(group.publicNames, option.name)) {
        const publicName = await everyLanguage(bridge, option.name);
        await bridge.client.update('product_options', group.id, { fields: { public_name: publicName } });
        group.publicNames = publicName.languages;
      }
      const groupId = group.id;
      const findValue = () =>
        [...tables.values.values()].find((value) => value.groupId === groupId && namedAs(value.names, option.value));
      let value = findValue();
      if (!value) {
        tables = await bridge.lookups.attributes(true);
        value = findValue();
      }
      if (!value) {
        const name = await everyLanguage(bridge, option.value);
        const row = await bridge.client.create('product_option_values', {
          fields: { id_attribute_group: groupId, name },
        });
        value = { id: psText(row.id), groupId, names: name.languages };
        bridge.lookups.rememberAttributeValue(value);
      }
      ids.push(value.id);
    }
    return ids;
  });
}
