import { DateTime } from 'luxon';

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * How a segment's value reads inside a mixed template ('Hello {{ $json.name }}'): null, undefined and NaN
 * vanish (as in n8n), arrays and plain objects become JSON, dates ISO strings, anything else String(value).
 */
export function stringifySegment(value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isNaN(value) ? '' : String(value);
    case 'object':
      return stringifyObject(value);
    default:
      return String(value);
  }
}

function stringifyObject(value: object): string {
  if (DateTime.isDateTime(value)) return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    if (isPlainContainer(value)) return JSON.stringify(value) ?? String(value);
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
