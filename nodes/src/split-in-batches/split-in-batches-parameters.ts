import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const options = z.looseObject({ reset: param.boolean().optional() }).default({});

// v1 and v2 returned 10 items per batch by default; v3 (Loop Over Items) returns one.
const v1Parameters = parameters({ batchSize: param.number().default(10), options });
const v3Parameters = parameters({ batchSize: param.number().default(1), options });

/** The parameters of Loop Over Items (Split in Batches) for a typeVersion, with n8n's defaults. */
export function splitInBatchesParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 3 ? v1Parameters : v3Parameters;
}
