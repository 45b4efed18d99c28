import { DateTime } from 'luxon';

import { ExpressionError } from '../expression-error.js';
import { base64Decode, base64Encode } from './base64.js';
import { isTimestampUnit, parseDateTime, timestampToDateTime } from './date-time-parsing.js';
import { defineExtensions } from './extension-map.js';
import { hashText, isHashAlgorithm } from './hash.js';
import { removeMarkdown } from './remove-markdown.js';
import {
  CURRENCY_PATTERN,
  DOMAIN_EXTRACT_PATTERN,
  DOMAIN_PATTERN,
  EMAIL_PATTERN,
  URL_EXACT_PATTERN,
  URL_PATTERN,
} from './text-patterns.js';
import { toTitleCase } from './title-case.js';
import { transliterate } from './transliterate.js';

const FALSY_WORDS = new Set(['false', 'no', '0']);

function hash(value: string, args: readonly unknown[]): string {
  const algorithm = typeof args[0] === 'string' ? args[0].toLowerCase() : 'md5';
  if (algorithm === 'base64') return base64Encode(value);
  if (isHashAlgorithm(algorithm)) return hashText(value, algorithm);
  throw new ExpressionError(
    `Unknown algorithm ${algorithm}. Available algorithms are: md5,sha1,sha224,sha256,sha384,sha512, and Base64.`,
  );
}

function toDate(value: string): Date {
  const date = new Date(Date.parse(value));
  if (Number.isNaN(date.getTime())) throw new ExpressionError('cannot convert to date');
  // Without a time component n8n pins the date to local midnight.
  if (!value.includes(':')) date.setHours(0, 0, 0);
  return date;
}

function toDateTime(value: string, args: readonly unknown[]): DateTime {
  const [format] = args;
  try {
    if (isTimestampUnit(format)) return timestampToDateTime(Number(value), format);
    if (typeof format === 'string' && format !== '') return DateTime.fromFormat(value, format);
    return parseDateTime(value);
  } catch (error) {
    throw new ExpressionError('cannot convert to Luxon DateTime', { cause: error });
  }
}

function toInt(value: string, args: readonly unknown[]): number {
  const radix = typeof args[0] === 'number' ? args[0] : undefined;
  const int = Number.parseInt(value.replace(CURRENCY_PATTERN, ''), radix);
  if (Number.isNaN(int)) throw new ExpressionError('cannot convert to integer');
  return int;
}

function toFloat(value: string): number {
  if (value.includes(','))
    throw new ExpressionError('cannot convert to float, expected . as decimal separator');
  const float = Number.parseFloat(value.replace(CURRENCY_PATTERN, ''));
  if (Number.isNaN(float)) throw new ExpressionError('cannot convert to float');
  return float;
}

function toNumber(value: string): number {
  const number = Number(value.replace(CURRENCY_PATTERN, ''));
  if (Number.isNaN(number)) throw new ExpressionError('cannot convert to number');
  return number;
}

function quote(value: string, args: readonly unknown[]): string {
  const mark = typeof args[0] === 'string' ? args[0] : '"';
  const escaped = value.replace(/\\/g, '\\\\').split(mark).join(`\\${mark}`);
  return `${mark}${escaped}${mark}`;
}

function isNumeric(value: string): boolean {
  if (value.includes(' ')) return false;
  return !Number.isNaN(Number(value)) && !Number.isNaN(Number.parseFloat(value));
}

function isEmail(value: string): boolean {
  // The pattern is loose (it matches inside longer text), so text with spaces is never an address.
  return EMAIL_PATTERN.test(value) && !value.includes(' ');
}

function extractDomain(value: string): string | undefined {
  if (isEmail(value)) return EMAIL_PATTERN.exec(value)?.groups?.domain;
  return DOMAIN_EXTRACT_PATTERN.exec(value)?.[1];
}

function extractUrlPath(value: string): string | undefined {
  try {
    return new URL(value).pathname;
  } catch {
    return undefined;
  }
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    const message = value.includes("'")
      ? "Parsing failed. Check you're using double quotes"
      : 'Parsing failed';
    throw new ExpressionError(message, { cause: error });
  }
}

function toSentenceCase(value: string): string {
  let out = '';
  let capitalize = true;
  for (const char of value) {
    if (/\p{L}/u.test(char)) {
      out += capitalize ? char.toLocaleUpperCase() : char.toLocaleLowerCase();
      capitalize = false;
    } else {
      out += char;
      if (char === '.' || char === '!' || char === '?') capitalize = true;
    }
  }
  return out;
}

function toSnakeCase(value: string): string {
  return value
    .toLocaleLowerCase()
    .replace(/[ -]/g, '_')
    .replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, '');
}

const urlFlag = (args: readonly unknown[]): boolean => args[0] === true;

/** n8n's string "data transformation functions". */
export const stringExtensions = defineExtensions<string>('String', {
  hash,
  removeMarkdown: (value) => removeMarkdown(value),
  removeTags: (value) => value.replace(/<[^>]*>?/g, ''),
  toDate,
  toDateTime,
  toBoolean: (value) => value.length > 0 && !FALSY_WORDS.has(value.toLowerCase()),
  toDecimalNumber: toFloat,
  toNumber,
  toFloat,
  toInt,
  toWholeNumber: toInt,
  toSentenceCase,
  toSnakeCase,
  toTitleCase: (value) => toTitleCase(value),
  urlDecode: (value, args) => (urlFlag(args) ? decodeURI(value) : decodeURIComponent(value)),
  urlEncode: (value, args) => (urlFlag(args) ? encodeURI(value) : encodeURIComponent(value)),
  quote,
  replaceSpecialChars: (value) => transliterate(value),
  length: (value) => value.length,
  isDomain: (value) => DOMAIN_PATTERN.test(value),
  isEmail,
  isNumeric,
  isUrl: (value) => URL_EXACT_PATTERN.test(value),
  isEmpty: (value) => value === '',
  isNotEmpty: (value) => value !== '',
  isBlank: (value) => value.trim() === '',
  isNotBlank: (value) => value.trim() !== '',
  toJsonString: (value) => JSON.stringify(value),
  extractEmail: (value) => EMAIL_PATTERN.exec(value)?.[0],
  extractDomain,
  extractUrl: (value) => URL_PATTERN.exec(value)?.[0],
  extractUrlPath,
  parseJson,
  base64Encode: (value) => base64Encode(value),
  base64Decode: (value) => base64Decode(value),
});
