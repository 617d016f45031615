// @vitest-environment node
// The committed types are generated from the committed document (which the .NET tests compare with the served one):
// regenerate them here and fail on any difference. Fix: npm run api-types, and commit.
import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { expect, test } from 'vitest';

test('schema.d.ts is what openapi-typescript makes of docs/openapi.json', async () => {
  const document = new URL('../../../../docs/openapi.json', import.meta.url);
  const generated = COMMENT_HEADER + astToString(await openapiTS(document));
  const committed = readFileSync(new URL('./schema.d.ts', import.meta.url), 'utf8');

  expect(committed === generated, 'web/src/app/api/schema.d.ts drifted from docs/openapi.json: run npm run api-types').toBe(true);
});
