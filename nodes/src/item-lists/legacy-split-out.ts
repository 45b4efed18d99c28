import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { getPath, unsetPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';

type Json = Record<string, unknown>;

const NESTED_FIELD_HINT =
  "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options";

/** The list to split: v1 wants a list; v2 also takes an object's values, and from 2.1 a missing field. */
function listToSplit(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  field: string,
  disableDot: boolean,
): unknown[] {
  const version = ctx.node.typeVersion;
  let value = disableDot ? item.json[field] : getPath(item.json, field);
  if (value === undefined) {
    if (version >= 2.1) value = [];
    else if (field.includes('.') && disableDot)
      throw operationError(`Couldn't find the field '${field}' in the input data`, {
        description: NESTED_FIELD_HINT,
      });
    else throw operationError(`Couldn't find the field '${field}' in the input data`, { itemIndex });
  }
  if (version < 2) {
    if (!Array.isArray(value))
      throw operationError(`The provided field '${field}' is not an array`, { itemIndex });
    return value;
  }
  if (typeof value !== 'object' || value === null) {
    throw operationError(`The provided field '${field}' is not an array or object`, { itemIndex });
  }
  return Array.isArray(value) ? value : Object.values(value);
}

function otherFields(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  field: string,
  include: string,
  disableDot: boolean,
): Json {
  const read = (name: string) => (disableDot ? item.json[name] : getPath(item.json, name));
  if (include === 'selectedOtherFields') {
    const names = ctx
      .getParameter<Array<{ fieldName: string }>>('fieldsToInclude.fields', itemIndex, [])
      .map((entry) => entry.fieldName);
    if (!names.length)
      throw operationError('No fields specified', { description: 'Please add a field to include' });
    return Object.fromEntries(names.filter((name) => name !== field).map((name) => [name, read(name)]));
  }
  if (include !== 'allOtherFields') return {};
  const copy = structuredClone(Object.fromEntries(Object.keys(item.json).map((name) => [name, read(name)])));
  unsetPath(copy, field);
  return copy;
}

/** Item Lists v1 – v2 split out: one field's list (or, from v2, object values) into separate items. */
export function legacySplitOut(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const output: Item[] = [];
  items.forEach((item, itemIndex) => {
    const field = ctx.getParameter<string>('fieldToSplitOut', itemIndex, '');
    const disableDot = ctx.getParameter<boolean>('options.disableDotNotation', 0, false) === true;
    const destination = ctx.getParameter<string>('options.destinationFieldName', itemIndex, '');
    const include = ctx.getParameter<string>('include', itemIndex, 'noOtherFields');
    for (const element of listToSplit(ctx, item, itemIndex, field, disableDot)) {
      const others = otherFields(ctx, item, itemIndex, field, include, disableDot);
      const spreads = typeof element === 'object' && include === 'noOtherFields' && destination === '';
      const json = spreads
        ? { ...others, ...(element as Json) }
        : { ...others, [destination || field]: element };
      output.push({ json, pairedItem: pairedWith(itemIndex) });
    }
  });
  return output;
}
