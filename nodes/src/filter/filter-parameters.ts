import type { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';
import { v1ConditionsSchema, v2ConditionFields } from '../shared/filter/index.js';

const filterV1Parameters = parameters({
  conditions: v1ConditionsSchema,
  combineConditions: param.options(['AND', 'OR']).default('AND'),
});

const filterV2Parameters = parameters(v2ConditionFields);

/** The parameters of Filter for a typeVersion, with n8n's defaults. */
export function filterParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 2 ? filterV1Parameters : filterV2Parameters;
}
