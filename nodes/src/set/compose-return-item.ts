import type { Item, JsonObject } from '@budflow/runtime';
import { fieldAccess } from './field-access.js';
import { operationError } from '../shared/operation-error.js';

export type IncludeMode = 'all' | 'none' | 'selected' | 'except';

export interface SetOptions {
  include: IncludeMode;
  dotNotation?: boolean;
  includeBinary?: boolean;
  stripBinary?: boolean;
  ignoreConversionErrors?: boolean;
}

export interface ComposeInput {
  itemIndex: number;
  item: Item;
  newFields: JsonObject;
  options: SetOptions;
  typeVersion: number;
  /** The comma-separated field lists of `include: selected` and `except` */
  includeFields: () => string;
  excludeFields: () => string;
}

const fieldList = (text: string) =>
  String(text ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field);

function keepsBinary(options: SetOptions, typeVersion: number): boolean {
  if (typeVersion >= 3.4) return !options.stripBinary && options.include !== 'none';
  return !!options.includeBinary;
}

/** The output item of Edit Fields: the kept input fields (per `include`), then the new fields written over them. */
export function composeReturnItem(input: ComposeInput): Item {
  const { item, options } = input;
  const result: Item = { json: {}, pairedItem: { item: input.itemIndex } };
  if (keepsBinary(options, input.typeVersion) && item.binary !== undefined)
    result.binary = { ...item.binary };
  const access = fieldAccess(options.dotNotation);

  switch (options.include) {
    case 'all':
      result.json = structuredClone(item.json);
      break;
    case 'selected':
      for (const key of fieldList(input.includeFields())) {
        const value = access.get(item.json, key);
        const target = options.dotNotation !== false && key.includes('.') ? key.split('.').pop()! : key;
        access.set(result.json, target, value);
      }
      break;
    case 'except': {
      const data = structuredClone(item.json);
      for (const key of fieldList(input.excludeFields())) access.unset(data, key);
      result.json = data;
      break;
    }
    case 'none':
      break;
    default:
      throw operationError(`The include option "${String(options.include)}" is not known!`);
  }

  for (const [key, value] of Object.entries(input.newFields)) access.set(result.json, key, value);
  return result;
}
