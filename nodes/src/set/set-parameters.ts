import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const list = <T extends z.ZodType>(entry: T) => z.array(entry).default([]);

// v1 and v2: `values` grouped by type; `keepOnlySet` drops the input fields.
const v1Entry = (value: z.ZodType) => z.looseObject({ name: param.string().default('propertyName'), value });

const setV1Parameters = parameters({
  keepOnlySet: param.boolean().default(false),
  values: z
    .looseObject({
      boolean: list(v1Entry(param.json().default(false))),
      number: list(v1Entry(param.json().default(0))),
      string: list(v1Entry(param.json().default(''))),
    })
    .default({ boolean: [], number: [], string: [] }),
  options: z.looseObject({ dotNotation: param.boolean().optional() }).default({}),
});

// v3.0 – 3.2 manual mode: `fields.values`, each value under a key named after its type.
const fieldEntry = z.looseObject({
  name: param.string().default(''),
  type: param
    .options(['stringValue', 'numberValue', 'booleanValue', 'arrayValue', 'objectValue'])
    .default('stringValue'),
  stringValue: param.json().default(''),
  numberValue: param.json().default(''),
  booleanValue: param.json().default('true'),
  arrayValue: param.json().default(''),
  objectValue: param.json().default('={}'),
});

// v3.3+ manual mode: n8n's assignment collection.
const assignment = z.looseObject({
  id: z.string().optional(),
  name: param.string().default(''),
  value: param.json(),
  type: param.string().default('string'),
});

const include = param.options(['all', 'none', 'selected', 'except']).default('all');

const setV3Options = z
  .looseObject({
    dotNotation: param.boolean().optional(),
    ignoreConversionErrors: param.boolean().optional(),
    includeBinary: param.boolean().optional(),
    stripBinary: param.boolean().optional(),
  })
  .default({});

const setV3Common = {
  mode: param.options(['manual', 'raw']).default('manual'),
  duplicateItem: param.boolean().default(false),
  duplicateCount: param.number().default(0),
  jsonOutput: param.json().default('{\n  "my_field_1": "value",\n  "my_field_2": 1\n}\n'),
  include,
  includeFields: param.string().default(''),
  excludeFields: param.string().default(''),
  options: setV3Options,
};

const setV30Parameters = parameters({
  ...setV3Common,
  fields: z.looseObject({ values: list(fieldEntry) }).default({ values: [] }),
});

const setV33Parameters = parameters({
  ...setV3Common,
  includeOtherFields: param.boolean().default(false),
  assignments: z
    .union([z.string(), z.looseObject({ assignments: list(assignment) })])
    .default({ assignments: [] }),
});

/** The parameters of Edit Fields (Set) for a typeVersion, with n8n's defaults. */
export function setParameters(typeVersion: number): z.ZodType<JsonObject> {
  if (typeVersion < 3) return setV1Parameters;
  return typeVersion < 3.3 ? setV30Parameters : setV33Parameters;
}
