import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const TIME_UNITS = [
  'quarters',
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
] as const;

const collection = () => z.record(z.string(), z.unknown()).default({});

// v1: actions format and calculate, with moment.js formats. `toFormat` defaults to 'MM/DD/YYYY' from the
// list of formats, or '' when `custom` is on (n8n has two parameters of that name); the node picks it.
const dateTimeV1Parameters = parameters({
  action: param.options(['format', 'calculate']).default('format'),
  value: param.json().default(''),
  dataPropertyName: param.string().default('data'),
  custom: param.boolean().default(false),
  toFormat: param.string().optional(),
  operation: param.options(['add', 'subtract']).default('add'),
  duration: param.number().default(0),
  timeUnit: param.options(TIME_UNITS).default('days'),
  options: collection(),
});

// v2: one operation each, with Luxon formats. `outputFieldName` defaults per operation (see OUTPUT_FIELDS).
const dateTimeV2Parameters = parameters({
  operation: param
    .options([
      'addToDate',
      'extractDate',
      'formatDate',
      'getCurrentDate',
      'getTimeBetweenDates',
      'roundDate',
      'subtractFromDate',
    ])
    .default('getCurrentDate'),
  includeTime: param.boolean().default(true),
  outputFieldName: param.string().optional(),
  magnitude: param.json().default(''),
  timeUnit: param.string().default('days'),
  duration: param.number().default(0),
  date: param.json().default(''),
  format: param.string().default('MM/dd/yyyy'),
  customFormat: param.string().default(''),
  mode: param.options(['roundDown', 'roundUp']).default('roundDown'),
  toNearest: param.string().default('month'),
  to: param.string().default('month'),
  startDate: param.json().default(''),
  endDate: param.json().default(''),
  units: z.union([z.array(z.string()), param.string()]).default(['day']),
  part: param.string().default('month'),
  options: collection(),
});

/** n8n's default output field of each v2 operation. */
export const OUTPUT_FIELDS: Record<string, string> = {
  getCurrentDate: 'currentDate',
  addToDate: 'newDate',
  subtractFromDate: 'newDate',
  formatDate: 'formattedDate',
  roundDate: 'roundedDate',
  getTimeBetweenDates: 'timeDifference',
  extractDate: 'datePart',
};

/** The parameters of Date & Time for a typeVersion, with n8n's defaults. */
export function dateTimeParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 2 ? dateTimeV1Parameters : dateTimeV2Parameters;
}
