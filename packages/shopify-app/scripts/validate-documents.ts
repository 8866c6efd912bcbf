import { graphqlDocuments } from '../src/graphql/documents.js';
import { checkDocument } from '../test/admin-schema.js';

// Run before `tsup` by `npm run build`: an operation the pinned schema refuses fails the build.
let failures = 0;
for (const [name, text] of Object.entries(graphqlDocuments)) {
  const { errors } = checkDocument(text);
  for (const error of errors) {
    failures++;
    console.error(`${name}: ${error}`);
  }
}
if (failures > 0) {
  console.error(`${failures} GraphQL error(s) against the pinned Admin schema.`);
  process.exit(1);
}
console.log(`${Object.keys(graphqlDocuments).length} GraphQL documents valid against the pinned Admin schema.`);
