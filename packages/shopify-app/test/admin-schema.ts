import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  buildClientSchema,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  NoDeprecatedCustomRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { SHOPIFY_API_VERSION } from '../src/api-version.js';

const cache = new Map<string, GraphQLSchema>();

/** Where `@shopify/dev-mcp` keeps Shopify's official introspection of an Admin API version. */
function schemaFile(version: string): string {
  const name = join('node_modules', '@shopify', 'dev-mcp', 'dist', 'data', `admin_${version}.json.gz`);
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(directory, name);
    if (existsSync(candidate)) return candidate;
    directory = dirname(directory);
  }
  throw new Error(`Shopify Admin schema ${version} not found: is the devDependency @shopify/dev-mcp installed?`);
}

/** The official Admin GraphQL schema of `version` (default: the pinned one), built once per process. */
export function loadAdminSchema(version: string = SHOPIFY_API_VERSION): GraphQLSchema {
  const known = cache.get(version);
  if (known) return known;
  const json = JSON.parse(gunzipSync(readFileSync(schemaFile(version))).toString('utf8')) as {
    data: IntrospectionQuery;
  };
  const schema = buildClientSchema(json.data);
  cache.set(version, schema);
  return schema;
}

export interface DocumentCheck {
  document: DocumentNode | null;
  errors: string[];
}

/** Parses and validates a document; deprecated fields count as errors so none creeps in before a version bump. */
export function checkDocument(text: string, schema: GraphQLSchema = loadAdminSchema()): DocumentCheck {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    return { document: null, errors: [error instanceof Error ? error.message : String(error)] };
  }
  const errors = validate(schema, document, [...specifiedRules, NoDeprecatedCustomRule]).map((error) => error.message);
  return { document, errors };
}
