// @vitest-environment node
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ApiProblem } from './consultingSlots';
import { describeError, fieldErrors, fieldSentences, formErrors } from './problems';

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  enum?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
const document = JSON.parse(readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, Operation>>;
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

/** The fields a 400 may name: every request body's properties (and those of the objects within), every path and query parameter. */
function documentedFields(): Set<string> {
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (schema: Schema | boolean | undefined): void => {
    if (typeof schema !== 'object') {
      return;
    }
    if (schema.$ref) {
      const name = schema.$ref.split('/').at(-1)!;
      if (!seen.has(name)) {
        seen.add(name);
        walk(document.components.schemas[name]);
      }
      return;
    }
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      fields.add(name);
      walk(property);
    }
    [schema.items, schema.additionalProperties, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].forEach(walk);
  };
  for (const operation of Object.values(document.paths).flatMap((path) => Object.values(path))) {
    operation.parameters?.filter((p) => p.in === 'path' || p.in === 'query').forEach((p) => fields.add(p.name));
    Object.values(operation.requestBody?.content ?? {}).forEach((c) => walk(c.schema));
  }
  return fields;
}

test('every field the document lists has its own sentence, and no sentence is for a field it does not list', () => {
  const fields = documentedFields();
  expect(fields.size).toBeGreaterThan(40);
  expect([...fields].filter((f) => !(f in fieldSentences)).sort()).toEqual([]);
  expect(Object.keys(fieldSentences).filter((f) => !fields.has(f)).sort()).toEqual([]);
  for (const sentence of Object.values(fieldSentences)) {
    expect(sentence).toMatch(/^[A-Z].*\.$/);
  }
});

test("a field error reads as its field's sentence, nested ones by their last step; an unknown field keeps the API's words", () => {
  const refused = new ApiProblem(400, 'validation_failed', '', {
    date: ["'Date' must not be empty.", "'Date' must be a date in the form YYYY-MM-DD between 1970-01-01 and 2199-12-31."],
    'services[1].title': ["'Title' must not be empty."],
    'policy.cancelNoticeMinutes': ['x'],
    somethingNew: ['a.', 'b.'],
  });
  expect(fieldErrors(refused)).toEqual({
    date: fieldSentences.date,
    'services[1].title': fieldSentences.title,
    'policy.cancelNoticeMinutes': fieldSentences.cancelNoticeMinutes,
    somethingNew: 'a. b.',
  });
  expect(fieldErrors(refused).date).not.toMatch(/'Date'/);
  expect(fieldErrors(new Error('x'))).toEqual({});
});

test('a form shows an error on its field when it can, above the fields when it cannot', () => {
  const named = new ApiProblem(400, 'validation_failed', '', { endTime: ['Too early.'] });
  const placed = new ApiProblem(400, 'unknown_time_zone', 'x');
  const unplaced = new ApiProblem(409, 'slot_overlaps', 'x');

  expect(formErrors(named)).toEqual({ fields: { endTime: fieldSentences.endTime }, form: null });
  expect(formErrors(placed, { unknown_time_zone: 'timezone' })).toEqual({
    fields: { timezone: 'That time zone is not known. Pick one from the list.' },
    form: null,
  });
  expect(formErrors(unplaced, { unknown_time_zone: 'timezone' })).toEqual({ fields: {}, form: unplaced });
  expect(formErrors(null)).toEqual({ fields: {}, form: null });
});
