import { describe, expect, it } from 'vitest';
import { SHOPIFY_API_VERSION } from '../src/api-version.js';
import { CUSTOMERS_BULK_QUERY, PRODUCTS_BULK_QUERY } from '../src/graphql/bulk.js';
import { graphqlDocuments } from '../src/graphql/documents.js';
import { checkDocument, loadAdminSchema } from './admin-schema.js';

describe(`GraphQL documents against the official Admin ${SHOPIFY_API_VERSION} schema`, () => {
  const schema = loadAdminSchema();

  it('finds the documents of every graphql module', () => {
    expect(Object.keys(graphqlDocuments).length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(graphqlDocuments)).toEqual(
      expect.arrayContaining(['INVENTORY_SET_QUANTITIES_MUTATION', 'PRODUCT_SET_MUTATION', 'BULK_RUN_QUERY_MUTATION']),
    );
  });

  for (const [name, text] of Object.entries(graphqlDocuments)) {
    it(`${name} is valid and uses no deprecated field`, () => {
      expect(checkDocument(text, schema).errors).toEqual([]);
    });
  }

  it('catches an invalid document (the check is not a no-op)', () => {
    const { errors } = checkDocument('#graphql\n query { shop { noSuchField } }', schema);
    expect(errors.join('\n')).toMatch(/noSuchField/);
    const deprecated = checkDocument('#graphql\n query { products(first: 1) { nodes { bodyHtml } } }', schema);
    expect(deprecated.errors.join('\n')).toMatch(/deprecated/);
  });

  it('the inventory mutation carries an @idempotent key and changeFromQuantity is part of its input', () => {
    const text = graphqlDocuments.INVENTORY_SET_QUANTITIES_MUTATION as string;
    expect(text).toMatch(/@idempotent\(key: \$idempotencyKey\)/);
    const input = schema.getType('InventoryQuantityInput') as { getFields(): Record<string, unknown> };
    expect(Object.keys(input.getFields())).toContain('changeFromQuantity');
  });

  it('bulk queries pass no pagination arguments to their connections', () => {
    for (const text of [PRODUCTS_BULK_QUERY, CUSTOMERS_BULK_QUERY]) {
      expect(text).not.toMatch(/\b(first|last|after):/);
      expect(checkDocument(text, schema).errors).toEqual([]);
    }
  });
});
