import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { getPath, setPath, unsetPath } from '../shared/object-path.js';
import { pairedWith } from '../shared/paired-items.js';

interface RenameKey {
  currentKey: string;
  newKey: string;
}

interface RegexReplacement {
  searchRegex: string;
  replaceRegex: string;
  options?: { caseInsensitive?: boolean; depth?: number };
}

const renameKeysParameters = parameters({
  keys: z
    .looseObject({
      key: z
        .array(z.looseObject({ currentKey: param.string().default(''), newKey: param.string().default('') }))
        .default([]),
    })
    .default({ key: [] }),
  additionalOptions: z
    .looseObject({
      regexReplacement: z
        .looseObject({
          replacements: z
            .array(
              z.looseObject({
                searchRegex: param.string().default(''),
                replaceRegex: param.string().default(''),
                options: z
                  .looseObject({
                    caseInsensitive: param.boolean().optional(),
                    depth: param.number().optional(),
                  })
                  .default({}),
              }),
            )
            .default([]),
        })
        .optional(),
    })
    .default({}),
});

/** Moves a value from one path to another; keys that are unset, equal or missing in the item are skipped. */
function renameKey(source: JsonObject, target: JsonObject, { currentKey, newKey }: RenameKey): void {
  if (currentKey === '' || newKey === '' || currentKey === newKey) return;
  const value = getPath(source, currentKey);
  if (value === undefined) return;
  setPath(target, newKey, value);
  unsetPath(target, currentKey);
}

/**
 * Renames keys matching the regex, depth-first, down to `depth` levels (unlimited when not set or -1);
 * arrays are walked but their indexes are never renamed.
 */
function renameByRegex(value: unknown, regex: RegExp, replacement: string, depth: number): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (depth !== 0) for (const entry of value) renameByRegex(entry, regex, replacement, depth - 1);
    return;
  }
  const object = value as JsonObject;
  for (const key of Object.keys(object)) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    if (depth !== 0) renameByRegex(object[key], regex, replacement, depth - 1);
    if (!regex.test(key)) continue;
    const renamed = key.replace(regex, replacement);
    if (renamed === key) continue;
    object[renamed] = object[key];
    delete object[key];
  }
}

function renameItem(ctx: NodeExecutionContext, item: Item, itemIndex: number): Item {
  const json = structuredClone(item.json);
  for (const key of ctx.getParameter<RenameKey[]>('keys.key', itemIndex, [])) renameKey(item.json, json, key);
  const replacements = ctx.getParameter<RegexReplacement[]>(
    'additionalOptions.regexReplacement.replacements',
    itemIndex,
    [],
  );
  for (const { searchRegex, replaceRegex, options = {} } of replacements) {
    const regex = new RegExp(searchRegex, options.caseInsensitive ? 'i' : undefined);
    renameByRegex(json, regex, replaceRegex, options.depth ?? -1);
  }
  return { json, ...(item.binary ? { binary: item.binary } : {}), pairedItem: pairedWith(itemIndex) };
}

/** Rename Keys: renames item fields by name (dot paths) or by regular expression. */
export const renameKeys: NodeType = {
  type: 'renameKeys',
  n8nType: 'n8n-nodes-base.renameKeys',
  displayName: 'Rename Keys',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => renameKeysParameters,
  execute: (ctx, inputs) => [(inputs[0] ?? []).map((item, itemIndex) => renameItem(ctx, item, itemIndex))],
};
