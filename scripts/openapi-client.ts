/**
 * Writes the typed client's types from the committed OpenAPI document (npm run openapi runs it
 * after writing the document): libs/client/generated/openapi.ts. The test
 * test/e2e/openapi-document.e2e-spec.ts generates them again and compares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';

export const CLIENT_TYPES = 'libs/client/generated/openapi.ts';

export async function clientTypes(document: Record<string, unknown>): Promise<string> {
  // A field with a default is optional in a request (the server fills it in), so not required here.
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { defaultNonNullable: false });
  return `${COMMENT_HEADER}// Generated from docs/openapi.json by npm run openapi: do not edit.\n\n${astToString(ast)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as Record<string, unknown>;
  writeFileSync(CLIENT_TYPES, await clientTypes(document));
  console.error(`[openapi] ${CLIENT_TYPES} written`);
}
