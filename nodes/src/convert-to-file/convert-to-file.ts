import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { messageOf, withItemIndex } from '../shared/item-error.js';
import type { N8nBinaryData } from '../shared/binary-data.js';
import { convertToFileParametersFor, SPREADSHEET_FORMATS } from './convert-to-file-parameters.js';
import type { SpreadsheetFormat } from './convert-to-file-parameters.js';
import { icalEventFile } from './ical-event.js';
import { jsonToBinary } from './json-to-binary.js';
import { spreadsheetToBinary } from './spreadsheet-to-binary.js';
import type { SpreadsheetOptions } from './spreadsheet-to-binary.js';

interface FileOptions {
  addBOM?: boolean;
  dataIsBase64?: boolean;
  encoding?: string;
  fileName?: string;
  format?: boolean;
  mimeType?: string;
}

const isSpreadsheet = (operation: string): operation is SpreadsheetFormat =>
  (SPREADSHEET_FORMATS as readonly string[]).includes(operation);

/** Convert to File: items to CSV/HTML/RTF/ODS/XLS/XLSX, JSON, text, ICS, or a base64 field to a file. */
export const convertToFile: NodeType = {
  type: 'convertToFile',
  n8nType: 'n8n-nodes-base.convertToFile',
  displayName: 'Convert to File',
  versions: [1, 1.1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: convertToFileParametersFor,
  execute: async (ctx, inputs) => {
    const items = inputs[0] ?? [];
    const operation = ctx.getParameter<string>('operation', 0, 'csv');
    if (isSpreadsheet(operation)) return [await allItemsToOneFile(ctx, items, spreadsheet(operation))];
    if (operation === 'toJson' && ctx.getParameter('mode', 0, 'once') === 'once') {
      return [await allItemsToOneFile(ctx, items, toJsonOnce)];
    }
    const perItem = PER_ITEM[operation];
    if (!perItem) throw operationError(`The operation "${operation}" is not supported`);
    return [await eachItemToFile(ctx, items, perItem)];
  },
};

type AllItemsConverter = (ctx: NodeExecutionContext, items: Item[]) => Promise<N8nBinaryData>;
type ItemConverter = (ctx: NodeExecutionContext, item: Item, itemIndex: number) => Promise<N8nBinaryData>;

const spreadsheet =
  (format: SpreadsheetFormat): AllItemsConverter =>
  (ctx, items) =>
    spreadsheetToBinary(items, format, ctx.getParameter<SpreadsheetOptions>('options', 0, {}), 'File');

const toJsonOnce: AllItemsConverter = (ctx, items) => {
  const options = ctx.getParameter<FileOptions>('options', 0, {});
  return jsonToBinary(
    items.map((item) => item.json),
    { ...textOptions(options), mimeType: 'application/json', format: options.format, itemIndex: 0 },
  );
};

const PER_ITEM: Record<string, ItemConverter> = {
  toJson: (ctx, item, i) => {
    const options = ctx.getParameter<FileOptions>('options', i, {});
    return jsonToBinary(item.json, {
      ...textOptions(options),
      mimeType: 'application/json',
      format: options.format,
      itemIndex: i,
    });
  },
  toBinary: (ctx, item, i) => {
    const options = ctx.getParameter<FileOptions>('options', i, {});
    // "Data Is Base64" exists in v1 only; v1.1 always decodes base64.
    const dataIsBase64 = ctx.node.typeVersion === 1 ? options.dataIsBase64 !== false : true;
    return jsonToBinary(item.json, {
      ...textOptions(options),
      sourceKey: ctx.getParameter<string>('sourceProperty', i, ''),
      mimeType: options.mimeType,
      dataIsBase64,
      itemIndex: i,
    });
  },
  toText: (ctx, item, i) => {
    const options = ctx.getParameter<FileOptions>('options', i, {});
    return jsonToBinary(item.json, {
      ...textOptions(options),
      sourceKey: ctx.getParameter<string>('sourceProperty', i, ''),
      fileName: options.fileName || 'file.txt',
      mimeType: 'text/plain',
      itemIndex: i,
    });
  },
  iCal: (ctx, _item, i) => icalEventFile(ctx, i),
};

function textOptions(options: FileOptions) {
  return { fileName: options.fileName, encoding: options.encoding, addBOM: options.addBOM };
}

/** One output item holding the file, paired with every input item; on failure n8n's error item. */
async function allItemsToOneFile(
  ctx: NodeExecutionContext,
  items: Item[],
  convert: AllItemsConverter,
): Promise<Item[]> {
  const pairedItem = items.map((_item, i) => pairedWith(i));
  try {
    const binaryName = ctx.getParameter<string>('binaryPropertyName', 0, 'data');
    return [{ json: {}, binary: { [binaryName]: await convert(ctx, items) }, pairedItem }];
  } catch (error) {
    if (ctx.continueOnFail) return [{ json: { error: messageOf(error) }, pairedItem }];
    throw error;
  }
}

async function eachItemToFile(
  ctx: NodeExecutionContext,
  items: Item[],
  convert: ItemConverter,
): Promise<Item[]> {
  const out: Item[] = [];
  for (const [i, item] of items.entries()) {
    try {
      const binaryName = ctx.getParameter<string>('binaryPropertyName', i, 'data');
      const binary = await convert(ctx, item, i);
      out.push({ json: {}, binary: { [binaryName]: binary }, pairedItem: pairedWith(i) });
    } catch (error) {
      if (!ctx.continueOnFail) throw withItemIndex(error, i);
      out.push({ json: { error: messageOf(error) } as JsonObject, pairedItem: pairedWith(i) });
    }
  }
  return out;
}
