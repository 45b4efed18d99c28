import type { BinaryData, Item } from '../spec/items.js';

/**
 * Input items with every binary entry kept by reference (`id`, no `data`: a large upload the gateway put in the
 * data store) read back inline, for a node that reads binary bytes. Items without references are returned as
 * they are; the caller's items are not changed.
 */
export async function hydrateBinaryData(
  inputs: Item[][],
  readData: (ref: string) => Promise<string | undefined>,
): Promise<Item[][]> {
  if (!inputs.some((items) => items.some(hasReference))) return inputs;
  const read = new Map<string, Promise<string | undefined>>();
  const readOnce = (ref: string) => {
    let pending = read.get(ref);
    if (!pending) read.set(ref, (pending = readData(ref)));
    return pending;
  };
  return Promise.all(
    inputs.map((items) =>
      Promise.all(
        items.map(async (item) => {
          if (!hasReference(item)) return item;
          const binary: Record<string, BinaryData> = {};
          for (const [property, entry] of Object.entries(item.binary!)) {
            if (entry.data !== undefined || entry.id === undefined) {
              binary[property] = entry;
              continue;
            }
            const data = await readOnce(entry.id);
            if (data === undefined)
              throw new Error(
                `Binary data '${entry.id}' (property '${property}') is gone from the data store`,
              );
            binary[property] = { ...entry, data };
          }
          return { ...item, binary };
        }),
      ),
    ),
  );
}

function hasReference(item: Item): boolean {
  return Object.values(item.binary ?? {}).some((entry) => entry.data === undefined && entry.id !== undefined);
}
