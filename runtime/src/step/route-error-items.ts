import type { Item } from '../spec/items.js';

/**
 * For `onError: continueErrorOutput`: items a node marked as failed (an `error` in their json, as nodes
 * report per-item errors when they may continue) move from the regular outputs to the last, error output.
 */
export function routeErrorItems(outputs: Item[][], mainOutputs: number): Item[][] {
  const routed = Array.from({ length: mainOutputs + 1 }, () => [] as Item[]);
  outputs.slice(0, mainOutputs).forEach((items, output) => {
    for (const item of items) {
      const failed =
        Object.prototype.hasOwnProperty.call(item.json, 'error') && item.json.error !== undefined;
      routed[failed ? mainOutputs : output]!.push(item);
    }
  });
  return routed;
}
