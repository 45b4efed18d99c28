import { describe, expect, it } from 'vitest';
import type { DateTime } from 'luxon';
import { validateFieldType } from './validate-field-type.js';

describe('validateFieldType converts like n8n', () => {
  it.each([
    ['numeric string to number', '3.14', 'number', 3.14],
    ['blank string to 0', ' ', 'number', 0],
    ['true to 1', true, 'number', 1],
    ['TRUE to true', 'TRUE', 'boolean', true],
    ["'0' to false", '0', 'boolean', false],
    ['1 to true', 1, 'boolean', true],
    ['JSON array text', '[1, 2]', 'array', [1, 2]],
    ['single-quoted array text', "['a']", 'array', ['a']],
    ['JSON object text', '{"a": 1}', 'object', { a: 1 }],
    ['JS object text', "{a: 1, b: 'x',}", 'object', { a: 1, b: 'x' }],
    ['a string left alone without parseStrings', 5, 'string', 5],
    ['null stays null', null, 'number', null],
  ])('%s', (_name, value, type, expected) => {
    expect(validateFieldType('f', value, type)).toEqual({ valid: true, newValue: expected });
  });

  it.each([
    ['text to number', 'hello', 'number', "'f' expects a number but we got 'hello'"],
    ['3 to boolean', '3', 'boolean', "'f' expects a boolean but we got '3'"],
    ['text to array', 'hello', 'array', "'f' expects a array but we got 'hello'"],
    ['a number to array', 3, 'array', "'f' expects a array but we got '3'"],
    ['an array to object', [1], 'object', "'f' expects a object but we got array"],
  ])('rejects %s', (_name, value, type, message) => {
    expect(validateFieldType('f', value, type)).toEqual({ valid: false, errorMessage: message });
  });

  it('is strict when asked', () => {
    expect(validateFieldType('f', '5', 'number', { strict: true }).valid).toBe(false);
    expect(validateFieldType('f', 5, 'string', { strict: true, parseStrings: true }).valid).toBe(false);
  });

  it.each([
    ['ISO', '2023-10-21', '2023-10-21T00:00:00.000Z'],
    ['ISO with offset', '2023-01-01T00:00:00.000-05:00', '2023-01-01T05:00:00.000Z'],
    ['HTTP', 'Tue, 01 Nov 2016 13:23:12 GMT', '2016-11-01T13:23:12.000Z'],
    ['SQL', '2017-05-15 09:24:15', '2017-05-15T09:24:15.000Z'],
  ])('parses %s dates', (_name, value, iso) => {
    const result = validateFieldType('f', value, 'dateTime');
    expect(result.valid && (result.newValue as DateTime).toUTC().toISO()).toBe(iso);
  });
});
