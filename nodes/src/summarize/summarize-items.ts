import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import type { Aggregation, AggregationFlavor, ValueGetter } from './aggregate-values.js';
import { groupsToLegacyList, groupsToList, groupsToObject, summarizeGroups } from './summarize-groups.js';

interface SummarizeOptions {
  continueIfFieldNotFound?: boolean;
  disableDotNotation?: boolean;
  outputFormat?: 'separateItems' | 'singleItem';
  skipEmptySplitFields?: boolean;
}

/** How a summarize implementation differs from the current Summarize node. */
export interface SummarizeVariant {
  flavor: AggregationFlavor;
  /** Item Lists: plain-object grouping, group values first */
  legacy: boolean;
  /** Summarize v1: group values as text */
  keysAsText: boolean;
  /** A field to summarize that no item has: fail, or only warn */
  missingField: 'fail' | 'warn';
}

/** The variant of the Summarize node for a typeVersion. */
export function summarizeVariant(typeVersion: number, continueIfFieldNotFound: boolean): SummarizeVariant {
  return {
    flavor: { mathMinMax: false, countIncludesEmpty: true },
    legacy: false,
    keysAsText: typeVersion === 1,
    missingField: typeVersion > 1 || continueIfFieldNotFound ? 'warn' : 'fail',
  };
}

function checkFieldsExist(
  ctx: NodeExecutionContext,
  rows: Record<string, unknown>[],
  aggregations: Aggregation[],
  getValue: ValueGetter,
  missingField: 'fail' | 'warn',
): void {
  for (const { field } of aggregations) {
    if (field === '' || rows.some((row) => getValue(row, field) !== undefined)) continue;
    const message = `The field '${field}' does not exist in any items`;
    if (missingField === 'fail') throw operationError(message);
    ctx.logger.warn(message);
  }
}

/**
 * Summarize (and Item Lists' summarize): aggregations over the items, split into groups by the values of
 * `fieldsToSplitBy`; one item per group, or all groups nested in one item.
 */
export function summarizeItems(ctx: NodeExecutionContext, items: Item[], variant: SummarizeVariant): Item[] {
  const options = ctx.getParameter<SummarizeOptions>('options', 0, {});
  const splitFields = String(ctx.getParameter('fieldsToSplitBy', 0, ''))
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field);
  const aggregations = ctx.getParameter<Aggregation[]>('fieldsToSummarize.values', 0, []);
  if (aggregations.every((aggregation) => aggregation.field === '')) {
    throw operationError(
      "You need to add at least one aggregation to 'Fields to Summarize' with non empty 'Field'",
    );
  }
  const getValue: ValueGetter = options.disableDotNotation
    ? (json, field) => json[field]
    : (json, field) => getPath(json, field);
  checkFieldsExist(
    ctx,
    items.map((item) => item.json),
    aggregations,
    getValue,
    variant.missingField,
  );
  const result = summarizeGroups(
    items.map((item, index) => ({ json: item.json, index })),
    splitFields,
    {
      aggregations,
      getValue,
      flavor: variant.flavor,
      skipEmptySplitFields: options.skipEmptySplitFields === true,
      keysAsText: variant.keysAsText,
      legacy: variant.legacy,
    },
  );
  if (options.outputFormat === 'singleItem') {
    return [{ json: groupsToObject(result), pairedItem: items.map((_, index) => pairedWith(index)) }];
  }
  const entries = variant.legacy ? groupsToLegacyList(result) : groupsToList(result);
  return entries.map((entry) => ({ json: entry.data, pairedItem: entry.rows.map((row) => pairedWith(row)) }));
}
