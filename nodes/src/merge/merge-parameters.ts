import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const JOIN_MODES = [
  'keepMatches',
  'keepNonMatches',
  'keepEverything',
  'enrichInput1',
  'enrichInput2',
] as const;

const clashHandling = (resolveClash: string) =>
  z
    .looseObject({
      values: z
        .looseObject({
          resolveClash: param.string().default(resolveClash),
          mergeMode: param.options(['deepMerge', 'shallowMerge']).default('deepMerge'),
          overrideEmpty: param.boolean().default(false),
        })
        .optional(),
    })
    .optional();

const options = (resolveClash: string) =>
  z
    .looseObject({
      clashHandling: clashHandling(resolveClash),
      disableDotNotation: param.boolean().optional(),
      fuzzyCompare: param.boolean().optional(),
      includeUnpaired: param.boolean().optional(),
      multipleMatches: param.options(['all', 'first']).optional(),
    })
    .default({});

const fieldPairs = z
  .looseObject({
    values: z
      .array(z.looseObject({ field1: param.string().default(''), field2: param.string().default('') }))
      .default([]),
  })
  .default({ values: [{ field1: '', field2: '' }] });

const mergeV1Parameters = parameters({
  mode: param
    .options([
      'append',
      'keepKeyMatches',
      'mergeByIndex',
      'mergeByKey',
      'multiplex',
      'passThrough',
      'removeKeyMatches',
      'wait',
    ])
    .default('append'),
  join: param.options(['inner', 'left', 'outer']).default('left'),
  propertyName1: param.string().default(''),
  propertyName2: param.string().default(''),
  output: param.options(['input1', 'input2']).default('input1'),
  overwrite: param.options(['always', 'blank', 'undefined']).default('always'),
});

const mergeV2Parameters = parameters({
  mode: param.options(['append', 'combine', 'chooseBranch']).default('append'),
  combinationMode: param.options(['mergeByFields', 'mergeByPosition', 'multiplex']).default('mergeByFields'),
  mergeByFields: fieldPairs,
  joinMode: param.options(JOIN_MODES).default('keepMatches'),
  outputDataFrom: param.options(['both', 'input1', 'input2']).default('both'),
  chooseBranchMode: param.options(['waitForBoth']).default('waitForBoth'),
  output: param.options(['input1', 'input2', 'empty']).default('input1'),
  options: options('addSuffix'),
});

const mergeV3Parameters = parameters({
  mode: param.options(['append', 'combine', 'combineBySql', 'chooseBranch']).default('append'),
  combineBy: param.options(['combineByFields', 'combineByPosition', 'combineAll']).default('combineByFields'),
  numberInputs: param.json().default(2),
  advanced: param.boolean().default(false),
  fieldsToMatchString: param.string().default(''),
  mergeByFields: fieldPairs,
  joinMode: param.options(JOIN_MODES).default('keepMatches'),
  outputDataFrom: param.options(['both', 'input1', 'input2']).default('both'),
  chooseBranchMode: param.options(['waitForAll']).default('waitForAll'),
  output: param.options(['specifiedInput', 'empty']).default('specifiedInput'),
  useDataOfInput: param.json().default(1),
  options: options(''),
});

/** The parameters of Merge for a typeVersion, with n8n's defaults. */
export function mergeParameters(typeVersion: number): z.ZodType<JsonObject> {
  if (typeVersion < 2) return mergeV1Parameters;
  return typeVersion < 3 ? mergeV2Parameters : mergeV3Parameters;
}
