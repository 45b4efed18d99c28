import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { getPath } from '../shared/object-path.js';
import { pairedItemList } from '../shared/paired-items.js';

type Mode =
  | 'append'
  | 'keepKeyMatches'
  | 'mergeByIndex'
  | 'mergeByKey'
  | 'multiplex'
  | 'passThrough'
  | 'removeKeyMatches'
  | 'wait';

/** Items of both inputs merged pairwise: input 2's fields over input 1's. */
function mergePair(first: Item, second: Item): Item {
  const item: Item = {
    json: { ...first.json, ...second.json },
    pairedItem: [...pairedItemList(first), ...pairedItemList(second)],
  };
  if (first.binary !== undefined || second.binary !== undefined)
    item.binary = { ...first.binary, ...second.binary };
  return item;
}

function mergeByIndex(join: string, input1: Item[], input2: Item[]): Item[] {
  if (input1.length === 0) return join === 'outer' ? input2 : [];
  if (input2.length === 0) return join === 'inner' ? [] : input1;
  const count =
    join === 'inner'
      ? Math.min(input1.length, input2.length)
      : join === 'outer'
        ? Math.max(input1.length, input2.length)
        : input1.length;
  return Array.from({ length: count }, (_, i) => {
    if (i >= input1.length) return input2[i]!;
    if (i >= input2.length) return input1[i]!;
    return mergePair(input1[i]!, input2[i]!);
  });
}

function multiplex(input1: Item[], input2: Item[]): Item[] {
  return input1.flatMap((first) =>
    input2.map((second) => ({
      json: { ...first.json, ...second.json },
      pairedItem: [...pairedItemList(first), ...pairedItemList(second)],
    })),
  );
}

/** The key a value is matched by: strings and numbers (as text); anything else cannot match. */
function matchKey(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value.toString();
  if (typeof value === 'string') return value;
  return value === null ? null : undefined;
}

interface KeyModeSettings {
  propertyName1: string;
  propertyName2: string;
  overwrite: string;
}

function overwrites(overwrite: string, json: JsonObject, key: string): boolean {
  if (overwrite === 'always') return true;
  if (overwrite === 'undefined') return !Object.prototype.hasOwnProperty.call(json, key);
  return overwrite === 'blank' && [null, undefined, ''].includes(json[key] as string);
}

/** keepKeyMatches, removeKeyMatches and mergeByKey: input 1 items looked up in input 2 by a key field. */
function byKey(mode: Mode, settings: KeyModeSettings, input1: Item[], input2: Item[]): Item[] {
  const { propertyName1, propertyName2, overwrite } = settings;
  if (input2.length === 0 || !propertyName1 || !propertyName2) return mode === 'keepKeyMatches' ? [] : input1;
  const lookup = new Map<string, Item>();
  for (const entry of input2) {
    const key = getPath(entry.json, propertyName2);
    if (key) lookup.set(String(key), entry);
  }
  const output: Item[] = [];
  for (const entry of input1) {
    const key = matchKey(getPath(entry.json, propertyName1));
    const match = key === undefined ? undefined : lookup.get(String(key));
    if (key === undefined || key === null || !match) {
      if (mode !== 'keepKeyMatches' && (mode === 'removeKeyMatches' || key !== undefined)) output.push(entry);
      continue;
    }
    if (mode === 'keepKeyMatches') output.push(entry);
    if (mode !== 'mergeByKey') continue;
    const merged = structuredClone(entry);
    for (const [field, value] of Object.entries(match.json)) {
      if (field !== propertyName2 && overwrites(overwrite, merged.json, field)) merged.json[field] = value;
    }
    output.push(merged);
  }
  return output;
}

/** Merge v1: the original modes (append, merge by index/key, multiplex, pass-through, wait). */
export function executeMergeV1(ctx: NodeExecutionContext, inputs: Item[][]): Item[][] {
  const [input1 = [], input2 = []] = inputs;
  const mode = ctx.getParameter<Mode>('mode', 0, 'append');
  switch (mode) {
    case 'append':
      return [[...input1, ...input2]];
    case 'mergeByIndex':
      return [mergeByIndex(ctx.getParameter<string>('join', 0, 'left'), input1, input2)];
    case 'multiplex':
      return [multiplex(input1, input2)];
    case 'keepKeyMatches':
    case 'mergeByKey':
    case 'removeKeyMatches': {
      const settings: KeyModeSettings = {
        propertyName1: ctx.getParameter<string>('propertyName1', 0, ''),
        propertyName2: ctx.getParameter<string>('propertyName2', 0, ''),
        overwrite: ctx.getParameter<string>('overwrite', 0, 'always'),
      };
      return [byKey(mode, settings, input1, input2)];
    }
    case 'passThrough':
      return [ctx.getParameter<string>('output', 0, 'input1') === 'input1' ? input1 : input2];
    case 'wait':
      return [[{ json: {}, pairedItem: [...input1, ...input2].flatMap((item) => pairedItemList(item)) }]];
    default:
      return [[]];
  }
}
