import type * as XLSXTypes from '@e965/xlsx';
import { sheetJs } from '../extract-from-file/read-spreadsheet.js';
import type { Item } from '@budflow/runtime';
import { flattenObject } from '../shared/flatten-object.js';
import { prepareBinaryData } from '../shared/binary-data.js';
import type { N8nBinaryData } from '../shared/binary-data.js';
import type { SpreadsheetFormat } from './convert-to-file-parameters.js';

export interface SpreadsheetOptions {
  headerRow?: boolean;
  compression?: boolean;
  fileName?: string;
  sheetName?: string;
  delimiter?: string;
}

/** All items as rows of one sheet, written by SheetJS in `format` (n8n's convertJsonToSpreadsheetBinary). */
export async function spreadsheetToBinary(
  items: readonly Item[],
  format: SpreadsheetFormat,
  options: SpreadsheetOptions,
  defaultFileName: string,
): Promise<N8nBinaryData> {
  const XLSX = await sheetJs.load();
  const rows = items.map((item) => flattenObject(item.json));
  const sheet = XLSX.utils.json_to_sheet(
    rows,
    options.headerRow === false ? { skipHeader: true } : undefined,
  );
  const writing: XLSXTypes.WritingOptions = { bookType: format, bookSST: false, type: 'buffer' };
  if (format === 'csv' && options.delimiter?.length) writing.FS = options.delimiter;
  if ((format === 'xlsx' || format === 'ods') && options.compression) writing.compression = true;
  const sheetName = options.sheetName || 'Sheet';
  const buffer = XLSX.write({ SheetNames: [sheetName], Sheets: { [sheetName]: sheet } }, writing) as Buffer;
  const fileName = options.fileName !== undefined ? options.fileName : `${defaultFileName}.${format}`;
  return prepareBinaryData(buffer, { fileName });
}
