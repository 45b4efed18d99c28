import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { annotate, schemaAt } from './schema-path.js';
import { StructuralSchemaError, toStructuralSchema, type StructuralSchema } from './structural-schema.js';

const convert = (schema: z.ZodType) =>
  toStructuralSchema(z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }));

describe('toStructuralSchema', () => {
  it.each<[string, z.ZodType, StructuralSchema]>([
    ['a positive integer becomes minimum 1', z.int().positive(), { type: 'integer', minimum: 1 }],
    ['z.int() loses the safe-integer bounds', z.int(), { type: 'integer' }],
    [
      'a positive number keeps an exclusive minimum',
      z.number().positive(),
      { type: 'number', minimum: 0, exclusiveMinimum: true },
    ],
    [
      'a free-form record keeps unknown fields',
      z.record(z.string(), z.unknown()),
      { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    ],
    [
      'a record of strings is a map of strings',
      z.record(z.string(), z.string()),
      { type: 'object', additionalProperties: { type: 'string' } },
    ],
    [
      'a strict object drops additionalProperties: false',
      z.strictObject({ a: z.string() }),
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
    ],
    [
      'a loose object keeps its properties and unknown fields',
      z.looseObject({ a: z.string().optional() }),
      { type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
    ],
    [
      'z.unknown() is any value',
      z.unknown().describe('x'),
      { description: 'x', 'x-kubernetes-preserve-unknown-fields': true },
    ],
    [
      'a union of literals is an enum',
      z.union([z.literal('a'), z.literal('b')]),
      { type: 'string', enum: ['a', 'b'] },
    ],
    ['a literal is a one-value enum', z.literal('a'), { type: 'string', enum: ['a'] }],
    ['a nullable string stays nullable', z.string().nullable(), { type: 'string', nullable: true }],
    [
      'a tuple of one type is a bounded array',
      z.tuple([z.number(), z.number()]),
      { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    ],
    ['a format the apiserver checks replaces the regex', z.email(), { type: 'string', format: 'email' }],
    [
      'defaults and descriptions are kept',
      z.object({ n: z.int().min(0).default(0).describe('count') }),
      {
        type: 'object',
        properties: { n: { type: 'integer', minimum: 0, default: 0, description: 'count' } },
      },
    ],
  ])('%s', (_name, schema, expected) => {
    expect(convert(schema)).toEqual(expected);
  });

  it.each<[string, z.ZodType, RegExp]>([
    ['a union of different shapes', z.union([z.string(), z.number()]), /union of different shapes/],
    ['a tuple of different types', z.tuple([z.string(), z.number()]), /union of different shapes/],
    [
      'properties next to a typed catchall',
      z.object({ a: z.string() }).catchall(z.number()),
      /typed catchall/,
    ],
  ])('rejects %s', (_name, schema, message) => {
    expect(() => convert(schema)).toThrow(StructuralSchemaError);
    expect(() => convert(schema)).toThrow(message);
  });

  it('rejects a JSON Schema keyword it has no mapping for', () => {
    expect(() => toStructuralSchema({ allOf: [{ type: 'string' }] })).toThrow(
      "schema: JSON Schema keyword 'allOf'",
    );
  });

  it('names the path of the offending node', () => {
    const schema = z.object({ outer: z.object({ inner: z.union([z.string(), z.number()]) }) });
    expect(() => convert(schema)).toThrow('schema.outer.inner: ');
  });
});

describe('annotate', () => {
  const root = (): StructuralSchema => convert(z.object({ list: z.array(z.object({ name: z.string() })) }));

  it('adds keywords and accumulates CEL rules at a path', () => {
    const schema = root();
    annotate(schema, ['list', '[]'], { 'x-kubernetes-validations': [{ rule: 'a', message: 'a' }] });
    annotate(schema, ['list', '[]'], {
      maxProperties: 3,
      'x-kubernetes-validations': [{ rule: 'b', message: 'b' }],
    });
    expect(schemaAt(schema, ['list', '[]'])).toMatchObject({
      maxProperties: 3,
      'x-kubernetes-validations': [
        { rule: 'a', message: 'a' },
        { rule: 'b', message: 'b' },
      ],
    });
  });

  it('fails when the path is gone, so a renamed field cannot lose its rule silently', () => {
    expect(() => annotate(root(), ['list', '[]', 'id'], { maxLength: 1 })).toThrow(
      'list.[].id: not in the schema',
    );
  });
});
