import type { BinaryData, Item, NodeExecutionContext } from '@budflow/runtime';
import { getPath, unsetPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { prepareFieldsArray } from '../shared/prepare-fields-array.js';

type Json = Record<string, unknown>;
type Include = 'noOtherFields' | 'allOtherFields' | 'selectedOtherFields';
/** Told whether a field to split out was found in an item */
type Report = (field: string, found: boolean) => void;

interface SplitOutOptions {
  disableDotNotation?: boolean;
  destinationFieldName?: string;
  includeBinary?: boolean;
}

/** The entries a field splits into: a list's elements, an object's values, or the value itself. */
function entriesOf(item: Item, field: string, options: SplitOutOptions, report: Report): unknown[] {
  if (field === '$binary') return Object.entries(item.binary ?? {}).map(([key, value]) => ({ [key]: value }));
  const value = options.disableDotNotation ? item.json[field] : getPath(item.json, field);
  report(field, value !== undefined);
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null) return [value];
  return Array.isArray(value) ? value : Object.values(value);
}

interface SplitSettings {
  fields: string[];
  destinations: string[];
  include: Include;
  options: SplitOutOptions;
}

/** The new items of one input item: entry k of every split field goes into new item k. */
function splitEntries(item: Item, itemIndex: number, settings: SplitSettings, report: Report): Item[] {
  const { fields, destinations, include, options } = settings;
  const split: Item[] = [];
  fields.forEach((field, fieldIndex) => {
    const destination = destinations[fieldIndex] ?? '';
    entriesOf(item, field, options, report).forEach((entry, entryIndex) => {
      const target = (split[entryIndex] ??= { json: {}, pairedItem: pairedWith(itemIndex) });
      if (field === '$binary') {
        const [key, data] = Object.entries(entry as Record<string, BinaryData>)[0]!;
        target.binary = { ...target.binary, [key]: data };
        return;
      }
      const spreads = typeof entry === 'object' && entry !== null && include === 'noOtherFields';
      if (spreads && destination === '' && fields.length === 1) Object.assign(target.json, entry);
      else target.json[destination || field] = entry;
    });
  });
  return split;
}

function otherFields(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  settings: SplitSettings,
): Json {
  const { fields, include, options } = settings;
  if (include === 'allOtherFields') {
    const copy = structuredClone(item.json);
    for (const field of fields) {
      if (options.disableDotNotation) delete copy[field];
      else unsetPath(copy, field);
    }
    return copy;
  }
  if (include !== 'selectedOtherFields') return {};
  const selected = prepareFieldsArray(
    ctx.getParameter('fieldsToInclude', itemIndex, ''),
    'Fields To Include',
  );
  if (!selected.length)
    throw operationError('No fields specified', { description: 'Please add a field to include' });
  return Object.fromEntries(
    selected.map((field) => [
      field,
      options.disableDotNotation ? item.json[field] : getPath(item.json, field),
    ]),
  );
}

/**
 * Split Out (and Item Lists v3's split out): every input item becomes one item per entry of the fields
 * to split out (lists, object values, or `$binary`), with none, all or selected other fields.
 */
export function splitOutItems(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const output: Item[] = [];
  const found = new Map<string, boolean>();
  const report: Report = (field, wasFound) => found.set(field, (found.get(field) ?? false) || wasFound);
  items.forEach((item, itemIndex) => {
    const settings = splitSettings(ctx, itemIndex);
    for (const entry of splitEntries(item, itemIndex, settings, report)) {
      const others = settings.include === 'noOtherFields' ? {} : otherFields(ctx, item, itemIndex, settings);
      const json =
        settings.include === 'selectedOtherFields'
          ? { ...entry.json, ...others }
          : { ...others, ...entry.json };
      const binary = entry.binary ?? (settings.options.includeBinary ? item.binary : undefined);
      output.push({ json, ...(binary ? { binary } : {}), pairedItem: entry.pairedItem });
    }
  });
  for (const [field, wasFound] of found) {
    if (!wasFound) ctx.logger.warn(`The field '${field}' wasn't found in any input item`);
  }
  return output;
}

function splitSettings(ctx: NodeExecutionContext, itemIndex: number): SplitSettings {
  const fields = String(ctx.getParameter('fieldToSplitOut', itemIndex, ''))
    .split(',')
    .map((field) => field.trim().replace(/^\$json\./, ''));
  const options = ctx.getParameter<SplitOutOptions>('options', itemIndex, {});
  const destinations = String(options.destinationFieldName || '')
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '');
  if (destinations.length && destinations.length !== fields.length) {
    throw operationError(
      'If multiple fields to split out are given, the same number of destination fields must be given',
    );
  }
  const include = ctx.getParameter<Include>('include', itemIndex, 'noOtherFields');
  return { fields, destinations, include, options };
}
