import { glob, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { prepareBinaryData } from '../shared/binary-data.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { confinedPath, isInside } from './confine-path.js';

interface ReadOptions {
  fileExtension?: string;
  fileName?: string;
  mimeType?: string;
  dataPropertyName?: string;
  literalBrackets?: boolean;
}

const GLOB_CHARS = /[*?{[(]/;

/** Reads the files a selector (a path or glob pattern) matches under the working directory, one item each. */
export async function readFiles(ctx: NodeExecutionContext, itemIndex: number, root: string): Promise<Item[]> {
  const selector = ctx.getParameter<string>('fileSelector', itemIndex, '').replace(/\\/g, '/');
  const options = ctx.getParameter<ReadOptions>('options', itemIndex, {});
  const literal = options.literalBrackets ?? true;
  // Literal brackets and parentheses become one-character classes (`[[]`), which Node's glob matches as such.
  const pattern = literal ? selector.replace(/[[\]()]/g, '[$&]') : selector;
  // The fixed part of the pattern must already be inside the working directory.
  await confinedPath(staticPrefix(selector), root, itemIndex);
  const files: string[] = [];
  for await (const file of glob(pattern, { cwd: root })) files.push(resolve(root, file));
  if (files.length === 0 && ctx.node.typeVersion > 1) {
    throw operationError('No file(s) found', {
      itemIndex,
      description: `No file matching the selector "${selector}" found`,
    });
  }
  const items: Item[] = [];
  for (const file of files.sort()) {
    if (!isInside(file, root)) continue;
    const binary = await prepareBinaryData(await readFile(await confinedPath(file, root, itemIndex)), {
      fileName: selector.startsWith('/') ? file : relativeName(file, root),
    });
    if (options.fileName !== undefined) binary.fileName = options.fileName;
    if (options.fileExtension !== undefined) binary.fileExtension = options.fileExtension;
    if (options.mimeType !== undefined) binary.mimeType = options.mimeType;
    items.push({
      json: {
        mimeType: binary.mimeType,
        fileType: binary.fileType,
        fileName: binary.fileName,
        fileExtension: binary.fileExtension,
        fileSize: binary.fileSize,
      },
      binary: { [options.dataPropertyName || 'data']: binary },
      pairedItem: pairedWith(itemIndex),
    });
  }
  return items;
}

/** The pattern up to its first glob character, cut back to a whole path segment. */
function staticPrefix(selector: string): string {
  const match = GLOB_CHARS.exec(selector);
  if (!match) return selector || '.';
  const head = selector.slice(0, match.index);
  return head.slice(0, head.lastIndexOf('/') + 1) || '.';
}

function relativeName(file: string, root: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}
