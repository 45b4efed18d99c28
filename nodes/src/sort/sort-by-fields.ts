import type { Item } from '@budflow/runtime';
import { deepEqual } from '../shared/deep-equal.js';
import { lodashLt } from '../shared/lodash-compare.js';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';

export interface SortField {
  fieldName: string;
  order: 'ascending' | 'descending';
}

const NESTED_FIELD_HINT =
  "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options";

/** A field's value, read by path (`a.b[0]`) unless dot notation is disabled. */
export function fieldValue(
  json: Record<string, unknown>,
  field: string,
  disableDotNotation: boolean,
): unknown {
  return disableDotNotation ? json[field] : getPath(json, field);
}

function checkFieldsExist(items: Item[], fields: SortField[], disableDotNotation: boolean): void {
  for (const { fieldName } of fields) {
    const found = items.some((item) =>
      disableDotNotation
        ? Object.prototype.hasOwnProperty.call(item.json, fieldName)
        : getPath(item.json, fieldName) !== undefined,
    );
    if (found) continue;
    throw operationError(`Couldn't find the field '${fieldName}' in the input data`, {
      ...(disableDotNotation && fieldName.includes('.') ? { description: NESTED_FIELD_HINT } : {}),
    });
  }
}

/** Text compares without case, as n8n's simple sort does. */
const sortKey = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/**
 * Items ordered by the given fields, each ascending or descending (n8n's simple sort: values equal by
 * deep equality, otherwise ordered by lodash `lt`; texts without case). The sort is stable.
 */
export function sortByFields(
  items: Item[],
  fields: SortField[] | undefined,
  disableDotNotation: boolean,
): Item[] {
  if (!fields?.length) throw operationError('No sorting specified. Please add a field to sort by');
  checkFieldsExist(items, fields, disableDotNotation);
  const keys = fields.map((field) => ({ name: field.fieldName, dir: field.order === 'ascending' ? 1 : -1 }));
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const valueA = sortKey(fieldValue(a.json, key.name, disableDotNotation));
      const valueB = sortKey(fieldValue(b.json, key.name, disableDotNotation));
      if (deepEqual(valueA, valueB)) continue;
      return lodashLt(valueA, valueB) ? -key.dir : key.dir;
    }
    return 0;
  });
}

/** Items in random order (Fisher–Yates, as n8n shuffles). */
export function shuffleItems(items: Item[], random: () => number = Math.random): Item[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}
