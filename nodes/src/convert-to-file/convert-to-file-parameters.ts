import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

/** Operations that turn all input items into one spreadsheet-like file (SheetJS writes them). */
export const SPREADSHEET_FORMATS = ['csv', 'html', 'rtf', 'ods', 'xls', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

const convertToFileParameters = parameters({
  operation: param.options([...SPREADSHEET_FORMATS, 'iCal', 'toJson', 'toText', 'toBinary']).default('csv'),
  binaryPropertyName: param.string().default('data'),
  // toJson
  mode: param.options(['once', 'each']).default('once'),
  // toBinary, toText
  sourceProperty: param.string().default(''),
  // iCal (n8n's ICalendar "create event" parameters)
  title: param.string().default(''),
  start: param.string().default(''),
  end: param.string().default(''),
  allDay: param.boolean().default(false),
  additionalFields: z.looseObject({}).default({}),
  // Collections do not fill their options' defaults in n8n: absent means "not set".
  options: z
    .looseObject({
      addBOM: param.boolean().optional(),
      compression: param.boolean().optional(),
      dataIsBase64: param.boolean().optional(),
      delimiter: param.string().optional(),
      encoding: param.string().optional(),
      fileName: param.string().optional(),
      format: param.boolean().optional(),
      headerRow: param.boolean().optional(),
      mimeType: param.string().optional(),
      sheetName: param.string().optional(),
    })
    .default({}),
});

/** Convert to File has the same parameters in v1 and v1.1 (v1.1 drops the "Data Is Base64" option). */
export function convertToFileParametersFor(_typeVersion: number): z.ZodType<JsonObject> {
  return convertToFileParameters;
}
