import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';
import { filterValueSchema } from '../shared/filter/index.js';

/** n8n's per-data-type defaults of Switch v1/v2 rules mode: `value1`, and a rule's operation and `value2`. */
const RULE_DEFAULTS: Record<string, { value1: unknown; operation: string; value2: unknown }> = {
  boolean: { value1: false, operation: 'equal', value2: false },
  dateTime: { value1: '', operation: 'after', value2: 0 },
  number: { value1: 0, operation: 'smaller', value2: 0 },
  string: { value1: '', operation: 'equal', value2: '' },
};

const legacyRule = z.looseObject({
  operation: param.string().optional(),
  value2: param.json().optional(),
  output: param.number().optional(),
  outputKey: param.string().optional(),
});

/** Fills the defaults that depend on `dataType` (unknown when it is an expression). */
function withDataTypeDefaults(params: JsonObject & { rules: { rules: JsonObject[] } }, outputs: boolean) {
  const defaults = typeof params.dataType === 'string' ? RULE_DEFAULTS[params.dataType] : undefined;
  if (!defaults) return params;
  const rules = params.rules.rules.map((rule) => ({
    ...rule,
    operation: rule.operation ?? defaults.operation,
    value2: rule.value2 ?? defaults.value2,
    ...(outputs ? { output: rule.output ?? 0 } : { outputKey: rule.outputKey ?? '' }),
  }));
  return { ...params, value1: params.value1 ?? defaults.value1, rules: { ...params.rules, rules } };
}

const legacyCommon = {
  mode: param.options(['expression', 'rules']).default('rules'),
  dataType: param.options(['boolean', 'dateTime', 'number', 'string']).default('number'),
  value1: param.json().optional(),
  rules: z.looseObject({ rules: z.array(legacyRule).default([]) }).default({ rules: [] }),
  fallbackOutput: param.number().default(-1),
};

const switchV1Parameters = parameters({ ...legacyCommon, output: param.number().default(0) }).transform(
  (params) => withDataTypeDefaults(params, true),
);

const switchV2Parameters = parameters({
  ...legacyCommon,
  output: param.json().default(''),
  outputsAmount: param.number().default(4),
}).transform((params) => withDataTypeDefaults(params, false));

/** A rule of Switch v3: n8n's filter conditions, and the output's name. */
const ruleV3 = z.looseObject({
  conditions: filterValueSchema.default({ options: {}, conditions: [], combinator: 'and' }),
  renameOutput: param.boolean().default(false),
  outputKey: param.string().default(''),
});

/** The one rule a new Switch v3 starts with. */
export const DEFAULT_RULE_V3 = {
  conditions: {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
    conditions: [{ leftValue: '', rightValue: '', operator: { type: 'string', operation: 'equals' } }],
    combinator: 'and',
  },
};

const switchV3Parameters = parameters({
  mode: param.options(['rules', 'expression']).default('rules'),
  numberOutputs: param.number().default(4),
  output: param.json().optional(),
  rules: z
    .looseObject({ values: z.array(ruleV3).default([]) })
    .default({ values: [{ ...DEFAULT_RULE_V3, renameOutput: false, outputKey: '' }] }),
  looseTypeValidation: param.boolean().default(false),
  options: z
    .looseObject({
      fallbackOutput: z.union([param.string(), z.number()]).optional(),
      ignoreCase: param.boolean().optional(),
      looseTypeValidation: param.boolean().optional(),
      renameFallbackOutput: param.string().optional(),
      allMatchingOutputs: param.boolean().optional(),
    })
    .default({}),
});

/** The parameters of Switch for a typeVersion, with n8n's defaults. */
export function switchParameters(typeVersion: number): z.ZodType<JsonObject> {
  if (typeVersion < 2) return switchV1Parameters;
  return typeVersion < 3 ? switchV2Parameters : switchV3Parameters;
}
