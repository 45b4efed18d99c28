import { DateTime } from 'luxon';
import { parseJsObject } from './parse-js-object.js';

/** The value types n8n checks and converts parameter and field values to. */
export type FieldType = 'string' | 'number' | 'boolean' | 'dateTime' | 'time' | 'array' | 'object' | 'any';

export type ValidationResult = { valid: true; newValue: unknown } | { valid: false; errorMessage: string };

export interface ValidateFieldTypeOptions {
  /** Reject values of another JS type instead of converting them */
  strict?: boolean;
  /** Convert values to strings for type `string` (otherwise strings pass unchanged) */
  parseStrings?: boolean;
}

/** How n8n names a value in type errors: `'abc'`, `'null'`, `array`, `object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'object') {
    if (value === null) return "'null'";
    return Array.isArray(value) ? 'array' : 'object';
  }
  return `'${String(value)}'`;
}

/**
 * Checks `value` against `type` and converts it where n8n does (n8n's `validateFieldType`):
 * `'3'` → 3, `'true'`/`'1'`/`1` → true, `'[1,2]'` → [1, 2], ISO/HTTP/RFC 2822/SQL strings → DateTime.
 * null and undefined are always valid and stay as they are.
 */
export function validateFieldType(
  fieldName: string,
  value: unknown,
  type: string,
  options: ValidateFieldTypeOptions = {},
): ValidationResult {
  if (value === null || value === undefined) return { valid: true, newValue: value };
  const strict = options.strict ?? false;
  const mismatch: ValidationResult = {
    valid: false,
    errorMessage: `'${fieldName}' expects a ${type} but we got ${describeValue(value)}`,
  };
  const attempt = (parse: () => unknown): ValidationResult => {
    try {
      return { valid: true, newValue: parse() };
    } catch {
      return mismatch;
    }
  };
  switch (type.toLowerCase()) {
    case 'string':
      if (!options.parseStrings) return { valid: true, newValue: value };
      if (strict && typeof value !== 'string') return mismatch;
      return attempt(() => toStringValue(value));
    case 'number':
      if (strict && typeof value !== 'number') return mismatch;
      return attempt(() => toNumber(value));
    case 'boolean':
      if (strict && typeof value !== 'boolean') return mismatch;
      return attempt(() => toBoolean(value));
    case 'datetime': {
      const result = attempt(() => toDateTime(value));
      if (result.valid) return result;
      return {
        valid: false,
        errorMessage: `${mismatch.errorMessage} <br/><br/> Consider using <a href="https://moment.github.io/luxon/api-docs/index.html#datetimefromformat" target="_blank"><code>DateTime.fromFormat</code></a> to work with custom date formats.`,
      };
    }
    case 'time': {
      const result = attempt(() => toTime(value));
      if (result.valid) return result;
      return {
        valid: false,
        errorMessage: `'${fieldName}' expects time (hh:mm:(:ss)) but we got ${describeValue(value)}.`,
      };
    }
    case 'object':
      if (strict && (typeof value !== 'object' || value === null)) return mismatch;
      return attempt(() => toObject(value));
    case 'array':
      if (strict && !Array.isArray(value)) return mismatch;
      return attempt(() => toArray(value));
    default:
      return { valid: true, newValue: value };
  }
}

export function toStringValue(value: unknown): string {
  if (typeof value === 'object') return JSON.stringify(value);
  if (value === undefined) return '';
  return String(value);
}

export function toNumber(value: unknown): number {
  const number = Number(value);
  if (Number.isNaN(number)) throw new TypeError('Failed to parse value to number');
  return number;
}

export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && ['true', 'false'].includes(value.toLowerCase()))
    return value.toLowerCase() === 'true';
  if (!(typeof value === 'string' && value.trim() === '')) {
    const number = Number(value);
    if (number === 0) return false;
    if (number === 1) return true;
  }
  throw new TypeError('Failed to parse value as boolean');
}

/** A DateTime from a DateTime, a Date, or a date string in any format n8n recognises. */
export function toDateTime(value: unknown, zone?: string): DateTime {
  if (DateTime.isDateTime(value) && value.isValid) return value;
  if (value instanceof Date) {
    const fromDate = DateTime.fromJSDate(value, { zone });
    if (fromDate.isValid) return fromDate;
  }
  const text = String(value).trim();
  const parsers = [DateTime.fromISO, DateTime.fromHTTP, DateTime.fromRFC2822, DateTime.fromSQL];
  for (const parse of parsers) {
    const parsed = parse.call(DateTime, text, { zone, setZone: true });
    if (parsed.isValid) return parsed;
  }
  const fallback = DateTime.fromMillis(Date.parse(text), { zone });
  if (fallback.isValid) return fallback;
  throw new TypeError('Value is not a valid date');
}

function toTime(value: unknown): string {
  if (!/^\d{2}:\d{2}(:\d{2})?((-|\+)\d{4})?((-|\+)\d{1,2}(:\d{2})?)?$/s.test(String(value))) {
    throw new TypeError('Value is not a valid time');
  }
  return String(value);
}

export function toArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(value));
  } catch {
    parsed = JSON.parse(String(value).replace(/'/g, '"'));
  }
  if (!Array.isArray(parsed)) throw new TypeError('Value is not a valid array');
  return parsed;
}

/** An object, or an object parsed from JSON or JS-literal text (the text `null` gives null, as in n8n). */
export function toObject(value: unknown): object | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  const parsed = parseJsObject(String(value));
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('Value is not a valid object');
  return parsed;
}
