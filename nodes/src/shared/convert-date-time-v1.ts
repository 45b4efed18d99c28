import { DateTime } from 'luxon';
import { operationError } from './operation-error.js';

/**
 * A date as milliseconds, the way the v1 comparison nodes (Switch v1/v2, Filter v1) compare dates:
 * strings through `Date`, numbers as they are, Date and DateTime objects by their time.
 */
export function convertDateTimeV1(value: unknown): number {
  let millis: number | undefined;
  if (typeof value === 'string') millis = new Date(value).getTime();
  else if (typeof value === 'number') millis = value;
  else if (value instanceof Date) millis = value.getTime();
  else if (DateTime.isDateTime(value)) millis = value.toMillis();
  if (millis === undefined || Number.isNaN(millis))
    throw operationError(`The value "${String(value)}" is not a valid DateTime.`);
  return millis;
}
