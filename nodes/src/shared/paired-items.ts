import type { Item, PairedItem } from '@budflow/runtime';

/** The pairing of item `item` of input `input` of the current node, as n8n writes it. */
export function pairedWith(item: number, input = 0): PairedItem {
  return input === 0 ? { item } : { item, input };
}

/**
 * The items of one input with `pairedItem` pointing at their own position on that input.
 * Items arrive with the pairing their producer gave them (relative to *its* inputs); a node that passes
 * items on or combines them must pair them with its own inputs instead, as n8n does.
 */
export function pairInput(items: readonly Item[], input = 0): Item[] {
  return items.map((item, i) => ({ ...item, pairedItem: pairedWith(i, input) }));
}

/** Every input's items paired with their position; missing inputs become empty lists. */
export function pairInputs(inputs: readonly Item[][], count = inputs.length): Item[][] {
  return Array.from({ length: count }, (_, input) => pairInput(inputs[input] ?? [], input));
}

/** An item's pairing as a list (n8n's `preparePairedItemDataArray`). */
export function pairedItemList(item: Item | undefined): PairedItem[] {
  const paired = item?.pairedItem;
  if (paired === undefined) return [];
  if (typeof paired === 'number') return [{ item: paired }];
  return Array.isArray(paired) ? paired : [paired];
}
