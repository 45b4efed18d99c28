import type { Item } from '@budflow/runtime';
import { addSuffix, mergedBinary, selectMergeMethod } from './clash-handling.js';
import type { ClashOptions } from './clash-handling.js';
import type { EntryMatches, JoinMode } from './find-matches.js';
import { pairedItemList } from '../shared/paired-items.js';

/**
 * One output item per match, the input 1 item merged with what it matched. `preferSecond` is the
 * option value meaning "input 2 wins" (`preferInput2` in Merge v2, `preferLast` in v3), the default
 * unless enriching input 2, where input 1 wins.
 */
export function mergeMatched(
  matched: EntryMatches[],
  clash: ClashOptions,
  preferSecond: string,
  joinMode?: JoinMode,
): Item[] {
  const merge = selectMergeMethod(clash);
  const resolveClash = clash.resolveClash ?? (joinMode === 'enrichInput2' ? 'preferInput1' : preferSecond);
  return matched.map(({ entry, matches }): Item => {
    if (resolveClash === 'addSuffix') {
      const [first] = addSuffix([entry], '1');
      const others = addSuffix(matches, '2');
      return combined([first!, ...others], merge);
    }
    if (resolveClash === 'preferInput1') {
      const [firstMatch, ...rest] = matches;
      return combined([firstMatch!, ...rest, entry], merge);
    }
    if (resolveClash === preferSecond) return combined([entry, ...matches], merge);
    return { json: {}, pairedItem: [] };
  });
}

/** Items merged left to right (later ones win clashes), with the pairings of all of them. */
function combined(items: Item[], merge: ReturnType<typeof selectMergeMethod>): Item {
  const [head, ...tail] = items;
  return {
    json: merge({ ...head!.json }, ...tail.map((item) => item.json)),
    ...mergedBinary(items, merge),
    pairedItem: items.flatMap((item) => pairedItemList(item)),
  };
}
