/**
 * Where references live that PrestaShop has no field for. Categories, customer groups and customers
 * carry no ERP code in the Webservice, so the reference the ERP wrote them with is only known from the
 * module's binding table `(shopId, entity, reference) ↔ platform id`. `createPrestashopModule` backs
 * this with the module's store; without one, those entities are matched by id or name only.
 */
export interface ReferenceBook {
  /** Platform ids of the references already bound. */
  platformIds(entity: BoundEntity, references: readonly string[]): Promise<Map<string, string>>;
  /** References bound to these platform ids (`id:…` fallbacks are not references and are left out). */
  references(entity: BoundEntity, platformIds: readonly string[]): Promise<Map<string, string>>;
}

export type BoundEntity = 'category' | 'customer-group' | 'customer';

export const emptyReferenceBook: ReferenceBook = {
  platformIds: async () => new Map(),
  references: async () => new Map(),
};

/** The smallest store surface a book needs: what core's `Store` offers for bindings. */
export interface BindingReader {
  getBinding(shopId: string, entity: string, reference: string): Promise<{ platformId: string } | null>;
  getBindingByPlatformId(shopId: string, entity: string, platformId: string): Promise<{ reference: string } | null>;
}

export function referenceBookFromStore(store: BindingReader, shopId: string): ReferenceBook {
  return {
    async platformIds(entity, references) {
      const out = new Map<string, string>();
      await Promise.all(
        [...new Set(references)].map(async (reference) => {
          const binding = await store.getBinding(shopId, entity, reference);
          if (binding) out.set(reference, binding.platformId);
        }),
      );
      return out;
    },
    async references(entity, platformIds) {
      const out = new Map<string, string>();
      await Promise.all(
        [...new Set(platformIds)].map(async (platformId) => {
          const binding = await store.getBindingByPlatformId(shopId, entity, platformId);
          if (binding && !binding.reference.startsWith('id:')) out.set(platformId, binding.reference);
        }),
      );
      return out;
    },
  };
}
