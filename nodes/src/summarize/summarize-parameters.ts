import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

/** One field to summarize, as Summarize and Item Lists write it. */
export const aggregationSchema = z.looseObject({
  aggregation: param
    .options(['append', 'average', 'concatenate', 'count', 'countUnique', 'max', 'min', 'sum'])
    .default('count'),
  field: param.string().default(''),
  includeEmpty: param.boolean().default(false),
  separateBy: param.string().default(','),
  customSeparator: param.string().default(''),
});

/** `fieldsToSummarize` with n8n's default of one count. */
export const fieldsToSummarizeSchema = z
  .looseObject({ values: z.array(aggregationSchema).default([]) })
  .default({
    values: [{ aggregation: 'count', field: '', includeEmpty: false, separateBy: ',', customSeparator: '' }],
  });

const summarizeOptions = z
  .looseObject({
    continueIfFieldNotFound: param.boolean().optional(),
    disableDotNotation: param.boolean().optional(),
    outputFormat: param.options(['separateItems', 'singleItem']).optional(),
    skipEmptySplitFields: param.boolean().optional(),
  })
  .default({});

const summarizeParameters = parameters({
  fieldsToSummarize: fieldsToSummarizeSchema,
  fieldsToSplitBy: param.string().default(''),
  options: summarizeOptions,
});

/** The parameters of Summarize (1 and 1.1), with n8n's defaults. */
export function summarizeParametersFor(_typeVersion: number): z.ZodType<JsonObject> {
  return summarizeParameters;
}
