import { ExpressionError } from '../expression-error.js';
import { timestampToDateTime } from './date-time-parsing.js';
import { defineExtensions } from './extension-map.js';

function round(value: number, args: readonly unknown[]): number {
  const decimals = typeof args[0] === 'number' ? args[0] : 0;
  return Number(value.toFixed(decimals));
}

function format(value: number, args: readonly unknown[]): string {
  const [locales = 'en-US', options = {}] = args as [
    string | string[] | undefined,
    Intl.NumberFormatOptions | undefined,
  ];
  return new Intl.NumberFormat(locales, options).format(value);
}

function requireInteger(value: number, name: string): void {
  if (!Number.isInteger(value)) throw new ExpressionError(`${name}() is only callable on integers`);
}

/** n8n's number "data transformation functions". */
export const numberExtensions = defineExtensions<number>('Number', {
  ceil: (value) => Math.ceil(value),
  floor: (value) => Math.floor(value),
  format,
  round,
  abs: (value) => Math.abs(value),
  isInteger: (value) => Number.isInteger(value),
  isEven: (value) => {
    requireInteger(value, 'isEven');
    return value % 2 === 0;
  },
  isOdd: (value) => {
    requireInteger(value, 'isOdd');
    return Math.abs(value) % 2 === 1;
  },
  toBoolean: (value) => value !== 0,
  toInt: (value) => round(value, []),
  toFloat: (value) => value,
  toDateTime: (value, args) => timestampToDateTime(value, args[0] ?? 'ms'),
});
