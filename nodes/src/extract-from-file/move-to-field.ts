import iconv from 'iconv-lite';
import { convertIcsCalendar } from 'ts-ics';
import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { binaryToBuffer } from '../shared/binary-data.js';
import { setPath, unsetPath } from '../shared/object-path.js';
import { pairedWith } from '../shared/paired-items.js';

interface MoveOptions {
  encoding?: string;
  stripBOM?: boolean;
  keepSource?: 'json' | 'binary' | 'both';
}

/**
 * n8n's "move to field" operations of Extract from File: the file's text (decoded with iconv) or base64
 * goes into `destinationKey`, parsed as JSON or ICS when asked. Items without the binary field are skipped.
 */
export function moveFileToField(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  operation: string,
): Item | undefined {
  const options = ctx.getParameter<MoveOptions>('options', itemIndex, {});
  const binaryName = ctx.getParameter<string>('binaryPropertyName', itemIndex, 'data');
  const binary = item.binary?.[binaryName];
  if (!binary) return undefined;
  const buffer = binaryToBuffer(binary, itemIndex);
  const json: JsonObject =
    options.keepSource && options.keepSource !== 'binary' ? structuredClone(item.json) : {};
  let value: unknown;
  if (operation === 'binaryToPropery') {
    value = buffer.toString('base64');
  } else {
    const text = iconv.decode(buffer, options.encoding || detectEncoding(buffer), {
      stripBOM: options.stripBOM !== false,
    });
    value = text;
    if (operation === 'fromJson') value = text === '' ? {} : (JSON.parse(text) as unknown);
    if (operation === 'fromIcs')
      value = JSON.parse(JSON.stringify(convertIcsCalendar(undefined, text))) as unknown;
  }
  setPath(json, ctx.getParameter<string>('destinationKey', itemIndex, ''), value);
  const out: Item = { json, pairedItem: pairedWith(itemIndex) };
  if (options.keepSource === 'binary' || options.keepSource === 'both') {
    out.binary = item.binary!;
  } else {
    // Other binary fields stay; the one extracted goes.
    const rest = structuredClone(item.binary!);
    unsetPath(rest, binaryName);
    out.binary = rest;
  }
  return out;
}

/** UTF-16 files announce themselves with a byte order mark; everything else is read as UTF-8. */
function detectEncoding(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf16be';
  return 'utf8';
}
