import type { BinaryData, Item, PairedItem } from '@budflow/runtime';
import { getPath, setPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pairedItemList } from '../shared/paired-items.js';

export interface FieldToAggregate {
  fieldToAggregate: string;
  renameField?: boolean;
  outputFieldName?: string;
}

export interface IndividualFieldsOptions {
  disableDotNotation: boolean;
  mergeLists: boolean;
  keepMissing: boolean;
}

type Json = Record<string, unknown>;

/** The output name of a field: its own name (the last part of a path) unless renamed. */
function outputName({ fieldToAggregate, outputFieldName }: FieldToAggregate, disableDotNotation: boolean) {
  if (outputFieldName) return outputFieldName;
  return !disableDotNotation && fieldToAggregate.includes('.')
    ? fieldToAggregate.split('.').pop()!
    : fieldToAggregate;
}

function collect(
  items: Item[],
  field: string,
  options: IndividualFieldsOptions,
): { values: unknown[]; found: boolean } {
  const values: unknown[] = [];
  let found = false;
  for (const item of items) {
    let value = options.disableDotNotation ? item.json[field] : getPath(item.json, field);
    if (value !== undefined) found = true;
    if (!options.keepMissing) {
      if (Array.isArray(value)) value = value.filter((entry) => entry !== null);
      else if (value === null || value === undefined) continue;
    }
    if (Array.isArray(value) && options.mergeLists) values.push(...(value as unknown[]));
    else values.push(value);
  }
  return { values, found };
}

/**
 * One item holding, for each field, the list of its values across the items (missing and null values
 * left out unless `keepMissing`; lists flattened with `mergeLists`). `warn` hears of fields no item has.
 */
export function aggregateIndividualFields(
  items: Item[],
  fields: FieldToAggregate[],
  options: IndividualFieldsOptions,
  warn: (message: string) => void,
): Item {
  if (!fields.length)
    throw operationError('No fields specified', { description: 'Please add a field to aggregate' });
  const outputFields: string[] = [];
  const values = new Map<string, unknown[]>();
  for (const field of fields) {
    const name = field.renameField ? (field.outputFieldName ?? '') : field.fieldToAggregate;
    if (outputFields.includes(name)) {
      throw operationError(`The '${name}' output field is used more than once`, {
        description: 'Please make sure each output field name is unique',
      });
    }
    outputFields.push(name);
    if (field.fieldToAggregate === '') continue;
    const collected = collect(items, field.fieldToAggregate, options);
    if (!collected.found && items.length > 0)
      warn(`The field '${field.fieldToAggregate}' wasn't found in any input item`);
    values.set(outputName(field, options.disableDotNotation), collected.values);
  }
  const json: Json = {};
  for (const [key, list] of values) {
    if (options.disableDotNotation) json[key] = list;
    else setPath(json, key, list);
  }
  return { json, pairedItem: items.flatMap((item) => pairedItemList(item)) };
}

/** Which top-level fields of each item to keep when aggregating all item data. */
export interface ItemDataFields {
  include: string[];
  exclude: string[];
}

/**
 * One item with all items' data as a list under `destination`; with fields to include or exclude, each
 * entry keeps only those fields and entries left empty are dropped (and not paired).
 */
export function aggregateAllItemData(items: Item[], destination: string, fields: ItemDataFields): Item {
  if (!fields.include.length && !fields.exclude.length) {
    return {
      json: { [destination]: items.map((item) => item.json) },
      pairedItem: items.flatMap((item) => pairedItemList(item)),
    };
  }
  const entries: Json[] = [];
  const pairedItem: PairedItem[] = [];
  for (const item of items) {
    const keys = Object.keys(item.json).filter(
      (key) => !fields.exclude.includes(key) && (fields.include.length === 0 || fields.include.includes(key)),
    );
    if (keys.length === 0) continue;
    entries.push(Object.fromEntries(keys.map((key) => [key, item.json[key]])));
    pairedItem.push(...pairedItemList(item));
  }
  return { json: { [destination]: entries }, pairedItem };
}

function sameBinary(a: BinaryData & { fileType?: unknown }, b: BinaryData & { fileType?: unknown }): boolean {
  return (
    a.mimeType === b.mimeType &&
    a.fileType === b.fileType &&
    a.fileSize === b.fileSize &&
    a.fileExtension === b.fileExtension
  );
}

/**
 * The aggregated item with the binaries of the items it came from; a key already taken gets a suffix
 * (`data_1`), and with `uniqueOnly` a binary like one already added (type, size, extension) is skipped.
 */
export function withBinaries(aggregated: Item, items: Item[], uniqueOnly: boolean): Item {
  const binary: Record<string, BinaryData> = {};
  const seen: BinaryData[] = [];
  for (const item of items) {
    for (const [key, data] of Object.entries(item.binary ?? {})) {
      if (uniqueOnly) {
        if (seen.some((other) => sameBinary(other, data))) continue;
        seen.push(data);
      }
      let name = key;
      for (let i = 1; binary[name] !== undefined; i++) name = `${key}_${i}`;
      binary[name] = data;
    }
  }
  return Object.keys(binary).length > 0 ? { ...aggregated, binary } : aggregated;
}
