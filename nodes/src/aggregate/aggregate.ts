import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';
import { prepareFieldsArray } from '../shared/prepare-fields-array.js';
import { aggregateAllItemData, aggregateIndividualFields, withBinaries } from './aggregate-items.js';
import type { FieldToAggregate } from './aggregate-items.js';

const fieldToAggregate = z.looseObject({
  fieldToAggregate: param.string().default(''),
  renameField: param.boolean().default(false),
  outputFieldName: param.string().optional(),
});

/** The parameters of Aggregate, with n8n's defaults. */
const aggregateParameterShape = {
  aggregate: param
    .options(['aggregateIndividualFields', 'aggregateAllItemData'])
    .default('aggregateIndividualFields'),
  fieldsToAggregate: z
    .looseObject({ fieldToAggregate: z.array(fieldToAggregate).default([]) })
    .default({ fieldToAggregate: [{ fieldToAggregate: '', renameField: false }] }),
  destinationFieldName: param.string().default('data'),
  fieldsToExclude: param.json().default(''),
  fieldsToInclude: param.json().default(''),
  options: z
    .looseObject({
      disableDotNotation: param.boolean().optional(),
      mergeLists: param.boolean().optional(),
      includeBinaries: param.boolean().optional(),
      keepOnlyUnique: param.boolean().optional(),
      keepMissing: param.boolean().optional(),
    })
    .default({}),
};

const aggregateParameters = parameters({
  ...aggregateParameterShape,
  include: param.options(['allFields', 'specifiedFields', 'allFieldsExcept']).default('allFields'),
});

/** The one item Aggregate (and Item Lists v3's concatenate) makes of all input items. */
export function aggregateItems(ctx: NodeExecutionContext, items: Item[]): Item {
  const option = (name: string) => ctx.getParameter<boolean>(`options.${name}`, 0, false) === true;
  let aggregated: Item;
  if (ctx.getParameter<string>('aggregate', 0, 'aggregateIndividualFields') === 'aggregateIndividualFields') {
    const fields = ctx.getParameter<FieldToAggregate[]>('fieldsToAggregate.fieldToAggregate', 0, []);
    const options = {
      disableDotNotation: option('disableDotNotation'),
      mergeLists: option('mergeLists'),
      keepMissing: option('keepMissing'),
    };
    aggregated = aggregateIndividualFields(items, fields, options, (m) => ctx.logger.warn(m));
  } else {
    const include = ctx.getParameter<string>('include', 0, 'allFields');
    const fieldList = (name: string, label: string, shownFor: string) =>
      include === shownFor ? prepareFieldsArray(ctx.getParameter(name, 0, ''), label) : [];
    aggregated = aggregateAllItemData(items, ctx.getParameter<string>('destinationFieldName', 0, 'data'), {
      exclude: fieldList('fieldsToExclude', 'Fields To Exclude', 'allFieldsExcept'),
      include: fieldList('fieldsToInclude', 'Fields To Include', 'specifiedFields'),
    });
  }
  if (!option('includeBinaries')) return aggregated;
  const sources = new Set((aggregated.pairedItem as { item: number }[]).map((p) => p.item));
  return withBinaries(
    aggregated,
    items.filter((_, i) => sources.has(i)),
    option('keepOnlyUnique'),
  );
}

/** Aggregate: combines a field from many items (or all their data) into a list in a single item. */
export const aggregate: NodeType = {
  type: 'aggregate',
  n8nType: 'n8n-nodes-base.aggregate',
  displayName: 'Aggregate',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => aggregateParameters,
  execute: (ctx, inputs) => [[aggregateItems(ctx, pairInput(inputs[0] ?? []))]],
};
