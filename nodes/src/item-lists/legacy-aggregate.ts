import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { aggregateAllItemData, aggregateIndividualFields } from '../aggregate/aggregate-items.js';
import type { FieldToAggregate } from '../aggregate/aggregate-items.js';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';

const NESTED_FIELD_HINT =
  "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options";

/** Before 2.1 every field to aggregate must be named and found in some item (unless missing ones are kept). */
function checkFieldsFound(
  items: Item[],
  fields: FieldToAggregate[],
  disableDot: boolean,
  keepMissing: boolean,
): void {
  for (const { fieldToAggregate: field } of fields) {
    if (items.length > 0 && field === '')
      throw operationError('Field to aggregate is blank', { description: 'Please add a field to aggregate' });
    const found = items.some((item) =>
      disableDot
        ? Object.prototype.hasOwnProperty.call(item.json, field)
        : getPath(item.json, field) !== undefined,
    );
    if (found) continue;
    if (disableDot && field.includes('.'))
      throw operationError(`Couldn't find the field '${field}' in the input data`, {
        description: NESTED_FIELD_HINT,
      });
    if (!keepMissing) throw operationError(`Couldn't find the field '${field}' in the input data`);
  }
}

const fieldNames = (ctx: NodeExecutionContext, name: string) =>
  ctx.getParameter<Array<{ fieldName: string }>>(`${name}.fields`, 0, []).map((entry) => entry.fieldName);

/** Item Lists v1 – v2 "Concatenate Items" (aggregateItems): like Aggregate, with field lists as collections. */
export function legacyAggregate(ctx: NodeExecutionContext, items: Item[]): Item {
  if (ctx.getParameter<string>('aggregate', 0, 'aggregateIndividualFields') !== 'aggregateIndividualFields') {
    const include = ctx.getParameter<string>('include', 0, 'allFields');
    return aggregateAllItemData(items, ctx.getParameter<string>('destinationFieldName', 0, 'data'), {
      exclude: include === 'allFieldsExcept' ? fieldNames(ctx, 'fieldsToExclude') : [],
      include: include === 'specifiedFields' ? fieldNames(ctx, 'fieldsToInclude') : [],
    });
  }
  const option = (name: string) => ctx.getParameter<boolean>(`options.${name}`, 0, false) === true;
  const options = {
    disableDotNotation: option('disableDotNotation'),
    mergeLists: option('mergeLists'),
    keepMissing: option('keepMissing'),
  };
  const fields = ctx.getParameter<FieldToAggregate[]>('fieldsToAggregate.fieldToAggregate', 0, []);
  if (!fields.length)
    throw operationError('No fields specified', { description: 'Please add a field to aggregate' });
  if (ctx.node.typeVersion < 2.1)
    checkFieldsFound(items, fields, options.disableDotNotation, options.keepMissing);
  return aggregateIndividualFields(items, fields, options, (m) => ctx.logger.warn(m));
}
