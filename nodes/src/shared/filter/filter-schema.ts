import { z } from 'zod';
import { expressionString, param } from '@budflow/runtime';

const operatorSchema = z.looseObject({
  type: z.string().default('string'),
  operation: z.string().default('equals'),
  rightType: z.string().optional(),
  singleValue: z.boolean().optional(),
});

const conditionSchema = z.looseObject({
  id: z.string().optional(),
  leftValue: param.json().default(''),
  rightValue: param.json().default(''),
  operator: operatorSchema.default({ type: 'string', operation: 'equals' }),
});

/** The stored shape of a `filter` parameter, with n8n's defaults for what an export may leave out. */
export const filterValueSchema = z.union([
  expressionString,
  z.looseObject({
    options: z.looseObject({}).default({}),
    conditions: z.array(conditionSchema).default([]),
    combinator: param.options(['and', 'or']).default('and'),
  }),
]);
