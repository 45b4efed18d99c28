import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { NodeType } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';
import { splitOutItems } from './split-out-items.js';

/** The options of Split Out. */
const splitOutOptions = z
  .looseObject({
    disableDotNotation: param.boolean().optional(),
    destinationFieldName: param.string().optional(),
    includeBinary: param.boolean().optional(),
  })
  .default({});

const splitOutParameters = parameters({
  fieldToSplitOut: param.string().default(''),
  include: param.options(['noOtherFields', 'allOtherFields', 'selectedOtherFields']).default('noOtherFields'),
  fieldsToInclude: param.json().default(''),
  options: splitOutOptions,
});

/** Split Out: turns a list (or an object's values) inside each item into separate items. */
export const splitOut: NodeType = {
  type: 'splitOut',
  n8nType: 'n8n-nodes-base.splitOut',
  displayName: 'Split Out',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => splitOutParameters,
  execute: (ctx, inputs) => [splitOutItems(ctx, pairInput(inputs[0] ?? []))],
};
