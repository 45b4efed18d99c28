import { writeFile } from 'node:fs/promises';
import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { assertBinaryData, binaryToBuffer } from '../shared/binary-data.js';
import { pairedWith } from '../shared/paired-items.js';
import { confinedPath } from './confine-path.js';

/** Writes (or appends) an item's binary field to a file under the working directory; the item passes on. */
export async function writeItemFile(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  root: string,
): Promise<Item> {
  const property = ctx.getParameter<string>('dataPropertyName', itemIndex, 'data');
  const fileName = ctx.getParameter<string>('fileName', itemIndex, '');
  const append = ctx.getParameter<{ append?: boolean }>('options', itemIndex, {}).append === true;
  const content = binaryToBuffer(assertBinaryData(item, property, itemIndex), itemIndex);
  await writeFile(await confinedPath(fileName, root, itemIndex), content, { flag: append ? 'a' : 'w' });
  const out: Item = { json: { ...item.json, fileName }, pairedItem: pairedWith(itemIndex) };
  if (item.binary !== undefined) out.binary = { ...item.binary };
  return out;
}
