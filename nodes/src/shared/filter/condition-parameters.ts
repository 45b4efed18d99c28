import { z } from 'zod';
import { param } from '@budflow/runtime';
import { filterValueSchema } from './filter-schema.js';

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

/** The typed comparison lists of IF v1 and Filter v1 (`conditions.boolean/dateTime/number/string`). */
export const v1ConditionsSchema = z
  .looseObject({
    boolean: comparisons(['equal', 'notEqual'], 'equal', false),
    dateTime: comparisons(['after', 'before'], 'after', ''),
    number: comparisons(NUMBER_OPERATIONS, 'smaller', 0),
    string: comparisons(STRING_OPERATIONS, 'equal', ''),
  })
  .default({});

/** The filter-style parameters of IF v2+ and Filter v2+: conditions, type validation and options. */
export const v2ConditionFields = {
  conditions: filterValueSchema.default({ options: {}, conditions: [], combinator: 'and' }),
  looseTypeValidation: param.boolean().default(false),
  options: z
    .looseObject({ ignoreCase: param.boolean().optional(), looseTypeValidation: param.boolean().optional() })
    .default({}),
};
