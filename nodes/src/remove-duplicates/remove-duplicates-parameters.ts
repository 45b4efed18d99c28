import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const compare = param.options(['allFields', 'allFieldsExcept', 'selectedFields']).default('allFields');

const options = z
  .looseObject({
    disableDotNotation: param.boolean().optional(),
    removeOtherFields: param.boolean().optional(),
    scope: param.options(['workflow', 'node']).optional(),
    historySize: param.number().optional(),
  })
  .default({});

const removeDuplicatesV1Parameters = parameters({
  compare,
  fieldsToExclude: param.json().default(''),
  fieldsToCompare: param.json().default(''),
  options,
});

const removeDuplicatesV2Parameters = parameters({
  operation: param
    .options([
      'removeDuplicateInputItems',
      'removeItemsSeenInPreviousExecutions',
      'clearDeduplicationHistory',
    ])
    .default('removeDuplicateInputItems'),
  compare,
  fieldsToExclude: param.json().default(''),
  fieldsToCompare: param.json().default(''),
  logic: param
    .options([
      'removeItemsWithAlreadySeenKeyValues',
      'removeItemsUpToStoredIncrementalKey',
      'removeItemsUpToStoredDate',
    ])
    .default('removeItemsWithAlreadySeenKeyValues'),
  dedupeValue: param.json().default(''),
  incrementalDedupeValue: param.json().default(''),
  dateDedupeValue: param.json().default(''),
  mode: param.options(['cleanDatabase']).default('cleanDatabase'),
  options,
});

/** The parameters of Remove Duplicates for a typeVersion, with n8n's defaults. */
export function removeDuplicatesParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 2 ? removeDuplicatesV1Parameters : removeDuplicatesV2Parameters;
}
