import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { Item, NodeType } from '@budflow/runtime';
import { messageOf, withItemIndex } from '../shared/item-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { readFiles } from './read-files.js';
import { writeItemFile } from './write-file.js';

const readWriteFileParameters = parameters({
  operation: param.options(['read', 'write']).default('read'),
  fileSelector: param.string().default(''),
  fileName: param.string().default(''),
  dataPropertyName: param.string().default('data'),
  // read: fileExtension, fileName, mimeType, dataPropertyName, literalBrackets; write: append
  options: z.looseObject({}).default({}),
});

/**
 * Read/Write Files from Disk, confined to the working directory of the step (see confinedPath): reads the
 * files a path or glob matches into binary items, or writes an item's binary field to a file.
 */
export const readWriteFile: NodeType = {
  type: 'readWriteFile',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.readWriteFile',
  displayName: 'Read/Write Files from Disk',
  versions: [1, 1.1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => readWriteFileParameters,
  execute: async (ctx, inputs) => {
    const items = inputs[0] ?? [];
    const operation = ctx.getParameter<string>('operation', 0, 'read');
    const root = process.cwd();
    const out: Item[] = [];
    for (const [i, item] of items.entries()) {
      try {
        if (operation === 'read') out.push(...(await readFiles(ctx, i, root)));
        else out.push(await writeItemFile(ctx, item, i, root));
      } catch (error) {
        const message = describeFsError(
          error,
          operation,
          ctx.getParameter<string>(operation === 'read' ? 'fileSelector' : 'fileName', i, ''),
        );
        if (ctx.continueOnFail) {
          out.push({ json: { error: message }, pairedItem: pairedWith(i) });
          continue;
        }
        throw withItemIndex(
          message === messageOf(error) ? error : Object.assign(new Error(message), { cause: error }),
          i,
        );
      }
    }
    return [out];
  },
};

/** n8n's messages for the file system errors users can fix. */
function describeFsError(error: unknown, operation: string, path: string): string {
  const code = (error as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return operation === 'read'
      ? `You don't have the permissions to access ${path}`
      : `The file "${path}" is not writable.`;
  }
  if (code === 'ENOENT') return `The file "${path}" could not be found.`;
  if (code === 'EISDIR') return `The path "${path}" is a directory, not a file.`;
  return messageOf(error);
}
