import type { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';
import { v1ConditionsSchema, v2ConditionFields } from '../shared/filter/index.js';

const ifV1Parameters = parameters({
  conditions: v1ConditionsSchema,
  combineOperation: param.options(['all', 'any']).default('all'),
});

const ifV2Parameters = parameters(v2ConditionFields);

/** The parameters of If for a typeVersion, with n8n's defaults. */
export function ifParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 2 ? ifV1Parameters : ifV2Parameters;
}
