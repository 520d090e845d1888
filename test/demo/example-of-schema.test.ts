import { z } from 'zod';
import { exampleOfSchema } from '../../src/demo/example-of-schema.js';

/** Each example is checked against its schema by zod's own reading of JSON schema, not by the code that made it. */
const valid = (schema: Record<string, unknown>) => {
  const example = exampleOfSchema(schema, '2030-01-02');
  const checked = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema).safeParse(example);
  expect({ example, issues: checked.error?.issues }).toEqual({ example, issues: undefined });
  return example;
};

describe('exampleOfSchema', () => {
  test('required properties get plausible values for their names; optional ones are left out', () => {
    const example = valid({
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer' }, verbose: { type: 'boolean' } },
      required: ['city', 'unit', 'days'],
    });
    expect(example).toEqual({ city: 'Paris', unit: 'celsius', days: 1 });
  });

  test('with no property required, all of them, so the example shows something', () => {
    expect(valid({ type: 'object', properties: { tz: { type: 'string' }, email: { type: 'string' } } })).toEqual({ tz: 'Europe/Paris', email: 'ada@example.com' });
  });

  test('bounds, lengths, multiples and array sizes hold', () => {
    const example = valid({
      type: 'object',
      properties: {
        age: { type: 'integer', minimum: 40, maximum: 50 },
        ratio: { type: 'number', exclusiveMaximum: 0.5, exclusiveMinimum: -3 },
        step: { type: 'integer', minimum: 7, multipleOf: 5 },
        code: { type: 'string', minLength: 8, maxLength: 10 },
        zip: { type: 'string', maxLength: 3 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 3, uniqueItems: true },
        scores: { type: 'array', items: { type: 'number' }, minItems: 2, uniqueItems: true },
        none: { type: 'array', items: { type: 'string' }, maxItems: 0 },
      },
      required: ['age', 'ratio', 'step', 'code', 'zip', 'tags', 'scores', 'none'],
      additionalProperties: false,
    }) as Record<string, unknown>;
    expect(example.age).toBe(40);
    expect(example.step).toBe(10);
    expect(example.tags).toHaveLength(3);
    expect(example.none).toEqual([]);
  });

  test('formats, const, defaults, nullable unions and the date it is given', () => {
    const example = valid({
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        day: { type: 'string', format: 'date' },
        id: { type: 'string', format: 'uuid' },
        kind: { const: 'person' },
        size: { type: 'integer', default: 3 },
        nick: { anyOf: [{ type: 'null' }, { type: 'string' }] },
        either: { oneOf: [{ type: 'integer', minimum: 5 }, { type: 'string' }] },
        maybe: { type: ['null', 'boolean'] },
      },
      required: ['when', 'day', 'id', 'kind', 'size', 'nick', 'either', 'maybe'],
    });
    expect(example).toMatchObject({ when: '2030-01-02T12:00:00Z', day: '2030-01-02', kind: 'person', size: 3, either: 5, maybe: true });
  });

  test('local $refs, nested objects and allOf', () => {
    const example = valid({
      type: 'object',
      $defs: { address: { type: 'object', properties: { city: { type: 'string' }, country: { type: 'string' } }, required: ['city', 'country'] } },
      properties: {
        home: { $ref: '#/$defs/address' },
        people: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
        merged: { allOf: [{ $ref: '#/$defs/address' }, { type: 'object', properties: { zip: { type: 'string' } }, required: ['zip'] }] },
      },
      required: ['home', 'people', 'merged'],
    });
    expect(example).toEqual({
      home: { city: 'Paris', country: 'France' },
      people: [{ name: 'Ada Lovelace' }],
      merged: { city: 'Paris', country: 'France', zip: 'demo zip' },
    });
  });

  test('a schema that refers to itself ends', () => {
    const schema = { type: 'object', properties: { child: { $ref: '#' } }, required: ['child'] };
    expect(JSON.stringify(exampleOfSchema(schema))).toContain('"child"');
  });
});
