import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const RESOLVE = ['preferInput1', 'preferInput2', 'mix', 'includeBoth'] as const;

const common = {
  mergeByFields: z
    .looseObject({
      values: z
        .array(z.looseObject({ field1: param.string().default(''), field2: param.string().default('') }))
        .default([]),
    })
    .default({ values: [{ field1: '', field2: '' }] }),
  preferWhenMix: param.options(['input1', 'input2']).default('input1'),
  exceptWhenMix: param.json().default(''),
  options: z
    .looseObject({
      skipFields: param.json().optional(),
      fuzzyCompare: param.boolean().optional(),
      disableDotNotation: param.boolean().optional(),
      multipleMatches: param.options(['first', 'all']).optional(),
    })
    .default({}),
};

const compareDatasetsV1Parameters = parameters({
  ...common,
  resolve: param.options(RESOLVE).default('preferInput2'),
});

const compareDatasetsV2Parameters = parameters({
  ...common,
  resolve: param.options(RESOLVE).default('preferInput2'),
  fuzzyCompare: param.boolean().default(false),
});

const compareDatasetsV21Parameters = parameters({
  ...common,
  resolve: param.options(RESOLVE).default('includeBoth'),
  fuzzyCompare: param.boolean().default(false),
});

/** The parameters of Compare Datasets for a typeVersion, with n8n's defaults. */
export function compareDatasetsParameters(typeVersion: number): z.ZodType<JsonObject> {
  if (typeVersion < 2) return compareDatasetsV1Parameters;
  return typeVersion < 2.1 ? compareDatasetsV2Parameters : compareDatasetsV21Parameters;
}
