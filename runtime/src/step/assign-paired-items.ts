import type { Item } from '../spec/items.js';

/**
 * n8n's automatic paired items for nodes that do not set them: with one input item every output item
 * comes from it; with as many output items as input items, item i comes from item i.
 */
export function assignPairedItems(outputs: Item[][], input: Item[]): Item[][] {
  return outputs.map((items) => {
    if (items.every((item) => item.pairedItem !== undefined)) return items;
    const byIndex = items.length === input.length;
    if (input.length !== 1 && !byIndex) return items;
    return items.map((item, i) =>
      item.pairedItem !== undefined ? item : { ...item, pairedItem: { item: input.length === 1 ? 0 : i } },
    );
  });
}
