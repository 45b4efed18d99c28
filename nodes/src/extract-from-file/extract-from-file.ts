import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { assertBinaryData, binaryToBuffer } from '../shared/binary-data.js';
import { messageOf, withItemIndex } from '../shared/item-error.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import {
  extractFromFileParametersFor,
  MOVE_OPERATIONS,
  SPREADSHEET_OPERATIONS,
} from './extract-from-file-parameters.js';
import { moveFileToField } from './move-to-field.js';
import { readCsvRows, readWorkbookRows, sheetJs } from './read-spreadsheet.js';
import type { SpreadsheetReadOptions } from './read-spreadsheet.js';

const isOneOf = (list: readonly string[], value: string) => list.includes(value);

/** Extract from File: spreadsheet rows, JSON, text, ICS or base64 out of a binary file. PDF is not supported. */
export const extractFromFile: NodeType = {
  type: 'extractFromFile',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.extractFromFile',
  displayName: 'Extract from File',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: extractFromFileParametersFor,
  execute: async (ctx, inputs) => {
    const items = inputs[0] ?? [];
    const operation = ctx.getParameter<string>('operation', 0, 'csv');
    await sheetJs.load();
    if (operation === 'pdf') {
      throw operationError('Extract from PDF is not supported by BudFlow yet', {
        description: 'Choose another operation, or extract the text with a service reached by HTTP Request',
      });
    }
    if (isOneOf(SPREADSHEET_OPERATIONS, operation)) return [spreadsheetRows(ctx, items, operation)];
    if (isOneOf(MOVE_OPERATIONS, operation)) return [moveToFields(ctx, items, operation)];
    throw operationError(`The operation "${operation}" is not supported`);
  },
};

function spreadsheetRows(ctx: NodeExecutionContext, items: Item[], format: string): Item[] {
  const out: Item[] = [];
  for (const [i, item] of items.entries()) {
    let fileExtension: string | undefined;
    try {
      const options = ctx.getParameter<SpreadsheetReadOptions>('options', i, {});
      const binary = assertBinaryData(item, ctx.getParameter<string>('binaryPropertyName', i, 'data'), i);
      fileExtension = binary.fileExtension;
      const buffer = binaryToBuffer(binary, i);
      const rows = format === 'csv' ? readCsvRows(buffer, options, i) : readWorkbookRows(buffer, options, i);
      for (const row of rows) {
        const json = (options.headerRow === false ? { row } : row) as JsonObject;
        out.push({ json, pairedItem: pairedWith(i) });
      }
    } catch (error) {
      const wrongFormat = fileExtension !== undefined && fileExtension !== format;
      const message = wrongFormat
        ? `The file selected in 'Input Binary Field' is not in ${format} format`
        : messageOf(error);
      if (ctx.continueOnFail) {
        out.push({ json: { error: message }, pairedItem: pairedWith(i) });
        continue;
      }
      if (!wrongFormat) throw withItemIndex(error, i);
      throw operationError(message, {
        itemIndex: i,
        cause: error,
        description: `Try to change the operation or select a ${format} file in 'Input Binary Field'`,
      });
    }
  }
  return out;
}

function moveToFields(ctx: NodeExecutionContext, items: Item[], operation: string): Item[] {
  const out: Item[] = [];
  for (const [i, item] of items.entries()) {
    try {
      const moved = moveFileToField(ctx, item, i, operation);
      if (moved) out.push(moved);
    } catch (error) {
      const notJson = messageOf(error).includes('Unexpected token');
      const message = notJson
        ? "The file selected in 'Input Binary Field' is not in JSON format"
        : messageOf(error);
      if (ctx.continueOnFail) {
        out.push({ json: { error: message }, pairedItem: pairedWith(i) });
        continue;
      }
      if (!notJson) throw withItemIndex(error, i);
      throw operationError(message, {
        itemIndex: i,
        cause: error,
        description: "Try to change the operation or select a JSON file in 'Input Binary Field'",
      });
    }
  }
  return out;
}
