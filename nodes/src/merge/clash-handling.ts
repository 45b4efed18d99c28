import type { Item, JsonObject } from '@budflow/runtime';
import { assignWith, deepMerge, deepMergeWith } from '../shared/merge-objects.js';
import type { MergeCustomizer } from '../shared/merge-objects.js';

/** Merge's "Clash Handling" option. */
export interface ClashOptions {
  resolveClash?: string;
  mergeMode?: string;
  overrideEmpty?: boolean;
}

export type MergeMethod = (target: object, ...sources: Array<object | undefined>) => JsonObject;

// "Minimize Empty Fields": an empty value never replaces what is already there.
const keepOverEmpty: MergeCustomizer = (targetValue, sourceValue) =>
  sourceValue === undefined || sourceValue === null || sourceValue === '' ? targetValue : undefined;

/** How matched items are combined: deep merge (default) or shallow, optionally keeping non-empty values. */
export function selectMergeMethod(clash: ClashOptions): MergeMethod {
  if (clash.overrideEmpty) {
    if (clash.mergeMode === 'deepMerge')
      return (target, ...sources) => deepMergeWith({ ...target }, sources, keepOverEmpty) as JsonObject;
    if (clash.mergeMode === 'shallowMerge')
      return (target, ...sources) => assignWith({ ...target }, sources, keepOverEmpty) as JsonObject;
  } else if (clash.mergeMode === 'shallowMerge') {
    return (target, ...sources) => Object.assign({}, target, ...sources) as JsonObject;
  }
  return (target, ...sources) => deepMerge({}, target, ...sources) as JsonObject;
}

/** Items with every top-level field renamed `<field>_<suffix>`. */
export function addSuffix(items: Item[], suffix: string): Item[] {
  return items.map((item) => ({
    ...item,
    json: Object.fromEntries(Object.entries(item.json).map(([key, value]) => [`${key}_${suffix}`, value])),
  }));
}

/** The merged binary attachments of several items (deep merge unless `method` says otherwise), or nothing when none has any. */
export function mergedBinary(items: Array<Item | undefined>, method?: MergeMethod): Pick<Item, 'binary'> {
  const binaries = items.map((item) => item?.binary);
  const binary = (method ? method({}, ...binaries) : deepMerge({}, ...binaries)) as Item['binary'] & object;
  return Object.keys(binary).length > 0 ? { binary } : {};
}
