// @vitest-environment node
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ApiProblem } from './consultingSlots';
import { describeError, fieldErrors, formErrors } from './problems';

const document = JSON.parse(readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, { properties?: { code?: { enum?: string[] } } }> };
};
const codes = Object.entries(document.components.schemas)
  .filter(([name]) => name.endsWith('Problem'))
  .flatMap(([, schema]) => schema.properties?.code?.enum ?? []);

test('every code the document lists has its own sentence', () => {
  expect(codes.length).toBeGreaterThan(20);
  for (const code of codes) {
    const sentence = describeError(new ApiProblem(409, code, `detail of ${code}`));
    expect(sentence, code).not.toBe(`detail of ${code}`);
    expect(sentence, code).toMatch(/^[A-Z].*\.$/);
  }
});

test('the sentences the issue names', () => {
  expect(describeError(new ApiProblem(409, 'slot_fully_booked', ''))).toBe('Someone just took the last seat.');
  expect(describeError(new ApiProblem(429, 'rate_limited', '', {}, 12))).toBe('Too many requests. Try again in 12 s.');
  expect(describeError(new ApiProblem(503, 'database_unavailable', '', {}, 2))).toContain('Try again in 2 s.');
  expect(describeError(new ApiProblem(401, 'something_new', ''))).toBe('Your session has ended. Please sign in again.');
  expect(describeError(new TypeError('Failed to fetch'))).toContain('cannot be reached');
});

test('field errors join each field\'s messages', () => {
  expect(fieldErrors(new ApiProblem(400, 'validation_failed', '', { endTime: ['a.', 'b.'] }))).toEqual({ endTime: 'a. b.' });
  expect(fieldErrors(new Error('x'))).toEqual({});
});

test('a form shows an error on its field when it can, above the fields when it cannot', () => {
  const named = new ApiProblem(400, 'validation_failed', '', { endTime: ['Too early.'] });
  const placed = new ApiProblem(400, 'unknown_time_zone', 'x');
  const unplaced = new ApiProblem(409, 'slot_overlaps', 'x');

  expect(formErrors(named)).toEqual({ fields: { endTime: 'Too early.' }, form: null });
  expect(formErrors(placed, { unknown_time_zone: 'timezone' })).toEqual({
    fields: { timezone: 'That time zone is not known. Pick one from the list.' },
    form: null,
  });
  expect(formErrors(unplaced, { unknown_time_zone: 'timezone' })).toEqual({ fields: {}, form: unplaced });
  expect(formErrors(null)).toEqual({ fields: {}, form: null });
});
