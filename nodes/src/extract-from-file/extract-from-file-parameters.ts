import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

/** Spreadsheet-like operations: CSV by csv-parse, the rest by SheetJS (as n8n). */
export const SPREADSHEET_OPERATIONS = ['csv', 'html', 'rtf', 'ods', 'xls', 'xlsx'] as const;
/** Operations that move the file's content (decoded or base64) into one field. */
export const MOVE_OPERATIONS = ['binaryToPropery', 'fromJson', 'text', 'fromIcs', 'xml'] as const;

const extractFromFileParameters = parameters({
  operation: param.options([...SPREADSHEET_OPERATIONS, ...MOVE_OPERATIONS, 'pdf']).default('csv'),
  binaryPropertyName: param.string().default('data'),
  destinationKey: param.string().default('data'),
  // Collections do not fill their options' defaults in n8n: absent means "not set".
  options: z
    .looseObject({
      // spreadsheets
      delimiter: param.string().optional(),
      encoding: param.string().optional(),
      enableBOM: param.boolean().optional(),
      fromLine: param.number().optional(),
      headerRow: param.boolean().optional(),
      includeEmptyCells: param.boolean().optional(),
      maxRowCount: param.number().optional(),
      range: z.union([z.string(), z.number()]).optional(),
      rawData: param.boolean().optional(),
      readAsString: param.boolean().optional(),
      relaxQuotes: param.boolean().optional(),
      sheetName: param.string().optional(),
      skipRecordsWithErrors: z.looseObject({}).optional(),
      // moving the content to a field
      keepSource: param.options(['json', 'binary', 'both']).optional(),
      stripBOM: param.boolean().optional(),
      // pdf
      joinPages: param.boolean().optional(),
      maxPages: param.number().optional(),
      password: param.string().optional(),
    })
    .default({}),
});

/** Extract from File exists in typeVersion 1 only. */
export function extractFromFileParametersFor(_typeVersion: number): z.ZodType<JsonObject> {
  return extractFromFileParameters;
}
