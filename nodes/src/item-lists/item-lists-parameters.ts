import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';
import { DEFAULT_SORT_CODE, sortFieldSchema } from '../sort/sort-parameters.js';
import { fieldsToSummarizeSchema } from '../summarize/summarize-parameters.js';

const fieldList = z.looseObject({
  fields: z.array(z.looseObject({ fieldName: param.string().default('') })).default([]),
});

const fieldToAggregate = z.looseObject({
  fieldToAggregate: param.string().default(''),
  renameField: param.boolean().default(false),
  outputFieldName: param.string().optional(),
});

/** Parameters every version shares; `include` and the field lists depend on the operation and version. */
const common = {
  resource: param.options(['itemList']).default('itemList'),
  fieldToSplitOut: param.string().default(''),
  include: param.string().optional(),
  aggregate: param
    .options(['aggregateIndividualFields', 'aggregateAllItemData'])
    .default('aggregateIndividualFields'),
  fieldsToAggregate: z
    .looseObject({ fieldToAggregate: z.array(fieldToAggregate).default([]) })
    .default({ fieldToAggregate: [{ fieldToAggregate: '', renameField: false }] }),
  destinationFieldName: param.string().default('data'),
  compare: param.options(['allFields', 'allFieldsExcept', 'selectedFields']).default('allFields'),
  type: param.options(['simple', 'random', 'code']).default('simple'),
  sortFieldsUi: z.looseObject({ sortField: z.array(sortFieldSchema).optional() }).default({}),
  maxItems: param.number().default(1),
  keep: param.options(['firstItems', 'lastItems']).default('firstItems'),
  fieldsToSummarize: fieldsToSummarizeSchema,
  fieldsToSplitBy: param.string().default(''),
  options: z.looseObject({}).default({}),
};

/** `include` means other things for splitting out (default none) and for concatenating (default all). */
function withIncludeDefault<T extends { operation: unknown; include?: unknown }>(params: T): T {
  if (params.include !== undefined) return params;
  const splitting = params.operation === 'splitOutItems';
  return { ...params, include: splitting ? 'noOtherFields' : 'allFields' };
}

// v1 – v2: field lists are fixed collections of `{ fieldName }`; the sort code is v2's default.
const itemListsV1Parameters = parameters({
  ...common,
  operation: param
    .options(['aggregateItems', 'limit', 'removeDuplicates', 'sort', 'splitOutItems', 'summarize'])
    .default('splitOutItems'),
  fieldsToInclude: fieldList.default({ fields: [] }),
  fieldsToExclude: fieldList.default({ fields: [] }),
  fieldsToCompare: fieldList.default({ fields: [] }),
  code: param.string().default(DEFAULT_SORT_CODE),
}).transform(withIncludeDefault);

// v3: field lists are comma-separated text, as in the standalone nodes that replaced Item Lists.
const itemListsV3Parameters = parameters({
  ...common,
  operation: param
    .options(['concatenateItems', 'limit', 'removeDuplicates', 'sort', 'splitOutItems', 'summarize'])
    .default('splitOutItems'),
  fieldsToInclude: param.json().default(''),
  fieldsToExclude: param.json().default(''),
  fieldsToCompare: param.json().default(''),
  code: param.string().default(DEFAULT_SORT_CODE),
}).transform(withIncludeDefault);

/** The parameters of Item Lists for a typeVersion, with n8n's defaults. */
export function itemListsParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 3 ? itemListsV1Parameters : itemListsV3Parameters;
}
