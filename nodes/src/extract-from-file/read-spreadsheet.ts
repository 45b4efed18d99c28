import { parse } from 'csv-parse/sync';
import type { Options as CsvOptions } from 'csv-parse/sync';
import type * as XLSXTypes from '@e965/xlsx';
import { lazyModule } from '../shared/lazy-module.js';

/** SheetJS, loaded when a spreadsheet is first read or written. */
export const sheetJs = lazyModule(() => import('@e965/xlsx'));
import { operationError } from '../shared/operation-error.js';

export interface SpreadsheetReadOptions {
  delimiter?: string;
  encoding?: BufferEncoding;
  enableBOM?: boolean;
  fromLine?: number;
  headerRow?: boolean;
  includeEmptyCells?: boolean;
  maxRowCount?: number;
  range?: string | number;
  rawData?: boolean;
  readAsString?: boolean;
  relaxQuotes?: boolean;
  sheetName?: string;
  skipRecordsWithErrors?: { value?: { enabled?: boolean; maxSkippedRecords?: number } };
}

/**
 * The rows of a CSV file as csv-parse gives them to n8n: objects keyed by the header row (or arrays turned
 * into index-keyed objects without one), empty cells dropped unless asked for. A parse error ends the rows
 * read so far without failing, as n8n's stream parser does.
 */
export function readCsvRows(buffer: Buffer, options: SpreadsheetReadOptions, itemIndex: number): unknown[] {
  const rows: unknown[] = [];
  const skip = options.skipRecordsWithErrors?.value;
  let skipped = 0;
  const maxRowCount = options.maxRowCount ?? -1;
  const csvOptions: CsvOptions = {
    delimiter: options.delimiter,
    from_line: options.fromLine,
    encoding: options.encoding,
    bom: options.enableBOM,
    to: maxRowCount > -1 ? maxRowCount : undefined,
    skip_records_with_error: skip?.enabled,
    skip_empty_lines: true,
    columns: options.headerRow !== false,
    relax_quotes: options.relaxQuotes,
    on_skip: () => {
      skipped += 1;
    },
    on_record: (record) => {
      rows.push(
        options.includeEmptyCells
          ? record
          : Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')),
      );
      return record;
    },
  };
  try {
    parse(buffer, csvOptions);
  } catch {
    // n8n ends its parser without listening for errors: rows before the error are kept.
  }
  const maxSkipped = skip?.maxSkippedRecords ?? -1;
  if (skip?.enabled && maxSkipped > 0 && skipped > maxSkipped) {
    throw operationError('Max number of skipped records exceeded', { itemIndex });
  }
  return rows;
}

/** The rows of the first (or named) sheet of a workbook SheetJS can read (HTML, RTF, ODS, XLS, XLSX). */
export function readWorkbookRows(
  buffer: Buffer,
  options: SpreadsheetReadOptions,
  itemIndex: number,
): unknown[] {
  const parsing: XLSXTypes.ParsingOptions = { raw: options.rawData === true };
  const workbook = options.readAsString
    ? sheetJs.get().read(buffer.toString('binary'), { ...parsing, type: 'binary' })
    : sheetJs.get().read(buffer, parsing);
  if (workbook.SheetNames.length === 0) {
    throw operationError('Spreadsheet does not have any sheets!', { itemIndex });
  }
  let sheetName = workbook.SheetNames[0]!;
  if (options.sheetName) {
    if (!workbook.SheetNames.includes(options.sheetName)) {
      throw operationError(`Spreadsheet does not contain sheet called "${options.sheetName}"!`, {
        itemIndex,
      });
    }
    sheetName = options.sheetName;
  }
  const toJson: XLSXTypes.Sheet2JSONOpts = {};
  if (options.range) {
    toJson.range = isNaN(options.range as number) ? options.range : parseInt(String(options.range), 10);
  }
  if (options.includeEmptyCells) toJson.defval = '';
  if (options.headerRow === false) toJson.header = 1;
  return sheetJs.get().utils.sheet_to_json(workbook.Sheets[sheetName]!, toJson);
}
