import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';
import { filterValueSchema } from '../shared/filter/index.js';

const comparisons = <const T extends readonly [string, ...string[]]>(
  operations: T,
  operation: T[number],
  empty: unknown,
) =>
  z
    .array(
      z.looseObject({
        value1: param.json().default(empty),
        operation: param.options(operations).default(operation),
        value2: param.json().default(empty),
      }),
    )
    .optional();

const EMPTINESS = ['isEmpty', 'isNotEmpty'] as const;
const NUMBER_OPERATIONS = [
  'smaller',
  'smallerEqual',
  'equal',
  'notEqual',
  'larger',
  'largerEqual',
  ...EMPTINESS,
] as const;
const STRING_OPERATIONS = [
  'contains',
  'notContains',
  'endsWith',
  'notEndsWith',
  'equal',
  'notEqual',
  'regex',
  'notRegex',
  'startsWith',
  'notStartsWith',
  ...EMPTINESS,
] as const;

const filterV1Parameters = parameters({
  conditions: z
    .looseObject({
      boolean: comparisons(['equal', 'notEqual'], 'equal', false),
      dateTime: comparisons(['after', 'before'], 'after', ''),
      number: comparisons(NUMBER_OPERATIONS, 'smaller', 0),
      string: comparisons(STRING_OPERATIONS, 'equal', ''),
    })
    .default({}),
  combineConditions: param.options(['AND', 'OR']).default('AND'),
});

const filterV2Parameters = parameters({
  conditions: filterValueSchema.default({ options: {}, conditions: [], combinator: 'and' }),
  looseTypeValidation: param.boolean().default(false),
  options: z
    .looseObject({ ignoreCase: param.boolean().optional(), looseTypeValidation: param.boolean().optional() })
    .default({}),
});

/** The parameters of Filter for a typeVersion, with n8n's defaults. */
export function filterParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 2 ? filterV1Parameters : filterV2Parameters;
}
