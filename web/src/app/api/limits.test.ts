// @vitest-environment node
// The committed limits are generated from the committed document (which the .NET tests compare with the served one):
// regenerate them here and fail on any difference. Fix: npm run api-types, and commit.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
// @ts-expect-error: a plain script, without types
import { generate } from '../../../scripts/api-limits.mjs';

test('limits.ts is what scripts/api-limits.mjs makes of docs/openapi.json', () => {
  const committed = readFileSync(new URL('./limits.ts', import.meta.url), 'utf8');

  expect(committed === generate(), 'web/src/app/api/limits.ts drifted from docs/openapi.json: run npm run api-types').toBe(true);
});
