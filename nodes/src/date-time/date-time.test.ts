import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { flowError, flowOutputs, runFlowStep } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';

// The step clock of the tests is 2024-01-02T03:04:05Z.
const v1 = (parameters: JsonObject, input: JsonObject = {}, timezone = 'UTC') =>
  flowOutputs({ type: 'dateTime', typeVersion: 1, parameters, inputs: [jsonItems(input)], timezone }).then(
    (outputs) => outputs[0]![0],
  );
const v2 = (parameters: JsonObject, input: JsonObject = {}, timezone = 'UTC') =>
  flowOutputs({ type: 'dateTime', typeVersion: 2, parameters, inputs: [jsonItems(input)], timezone }).then(
    (outputs) => outputs[0]![0],
  );

describe('Date & Time conformance with n8n', () => {
  it.each([
    'DateTime/test/node/DateTimeWorkflowV2.json',
    'DateTime/test/node/workflow.includeInputFields_v2.json',
    'DateTime/test/node/workflow.timestamp.json',
    'DateTime/test/node/workflow.timestamp_v2.json',
  ])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

describe('Date & Time v1: format', () => {
  it.each([
    ['an ISO date, the default format', { value: '2024-01-02T03:04:05Z' }, '01/02/2024'],
    [
      'a custom moment format',
      { value: '2024-01-02T03:04:05Z', toFormat: 'Do MMM YYYY, HH:mm' },
      '2nd Jan 2024, 03:04',
    ],
    [
      'the default format when custom is empty',
      { value: '2024-01-02T03:04:05Z', custom: true },
      '2024-01-02T03:04:05+00:00',
    ],
    ['Unix seconds', { value: 1704164645, toFormat: 'YYYY-MM-DD HH:mm' }, '2024-01-02 03:04'],
    ['Unix milliseconds as text', { value: '1704164645000', toFormat: 'X' }, '1704164645'],
    ['a format to read with', { value: '25.12.2023', options: { fromFormat: 'DD.MM.YYYY' } }, '12/25/2023'],
    [
      'a target zone',
      { value: '2024-01-02T03:04:05Z', toFormat: 'HH:mm Z', options: { toTimezone: 'Asia/Tokyo' } },
      '12:04 +09:00',
    ],
    ['an unreadable date by format', { value: 'someday', options: { fromFormat: 'YYYY' } }, 'Invalid date'],
  ])('%s', async (_name, parameters, expected) => {
    expect((await v1(parameters))?.data).toBe(expected);
  });

  it('converts from a source zone into the workflow time zone (n8n: the instance default)', async () => {
    const options = { fromTimezone: 'US/Hawaii' };
    const newYork = await v1(
      { value: '08/01/2022', toFormat: 'YYYY/MM/DD', options },
      {},
      'America/New_York',
    );
    const utc = await v1({ value: '08/01/2022', toFormat: 'YYYY/MM/DD', options });
    expect([newYork?.data, utc?.data]).toEqual(['2022/07/31', '2022/08/01']);
  });

  it('keeps the input fields and writes a dotted name as one key', async () => {
    const json = await v1({ value: '2024-01-02', dataPropertyName: 'a.b' }, { keep: 1 });
    expect(json).toEqual({ keep: 1, 'a.b': '01/02/2024' });
  });

  it('fails on a date it cannot read, unless the node continues', async () => {
    const error = await flowError({ type: 'dateTime', parameters: { value: 'soon' } });
    expect(error.message).toBe(
      'The date input format could not be recognized. Please set the "From Format" field',
    );
    const outputs = await flowOutputs({
      type: 'dateTime',
      parameters: { value: 'soon' },
      continueOnFail: true,
    });
    expect(outputs[0]?.[0]).toEqual({ error: error.message });
  });
});

describe('Date & Time v1: calculate', () => {
  const calculate = (parameters: JsonObject) =>
    v1({ action: 'calculate', value: '08/01/2022', ...parameters });
  it.each([
    ['adds days by default', { duration: 10 }, '2022-08-11T00:00:00.000Z'],
    [
      'subtracts months',
      { operation: 'subtract', duration: 2, timeUnit: 'months' },
      '2022-06-01T00:00:00.000Z',
    ],
    ['adds quarters', { duration: 2, timeUnit: 'quarters' }, '2023-02-01T00:00:00.000Z'],
    ['rounds fractional days as moment does', { duration: 1.5 }, '2022-08-03T00:00:00.000Z'],
    ['keeps fractional hours', { duration: 1.5, timeUnit: 'hours' }, '2022-08-01T01:30:00.000Z'],
    [
      'reads the date strictly by a format',
      { value: '01-08-2022', duration: 1, options: { fromFormat: 'DD-MM-YYYY' } },
      '2022-08-02T00:00:00.000Z',
    ],
  ])('%s', async (_name, parameters, expected) => {
    expect((await calculate(parameters))?.data).toBe(expected);
  });

  it.each([
    [{ value: 'soon' }, 'Unrecognized date input. Please specify a format in the "From Format" field.'],
    [
      { value: '2022-08-01 extra', options: { fromFormat: 'YYYY-MM-DD' } },
      'Date input cannot be parsed. Please recheck the value and the "From Format" field.',
    ],
  ])('fails on %j', async (parameters, message) => {
    const error = await flowError({ type: 'dateTime', parameters: { action: 'calculate', ...parameters } });
    expect(error.message).toBe(message);
  });
});

describe('Date & Time v2', () => {
  it.each([
    ['the current date', { operation: 'getCurrentDate' }, { currentDate: '2024-01-02T03:04:05.000Z' }],
    [
      'the current day in a zone',
      { operation: 'getCurrentDate', includeTime: false, options: { timezone: 'Asia/Tokyo' } },
      { currentDate: '2024-01-02T00:00:00.000+09:00' },
    ],
    [
      'a month added (clamped to the month end)',
      { operation: 'addToDate', magnitude: '2024-01-31T10:00:00Z', timeUnit: 'months', duration: 1 },
      { newDate: '2024-02-29T10:00:00.000Z' },
    ],
    [
      'hours subtracted',
      { operation: 'subtractFromDate', magnitude: '2024-01-01T01:00:00Z', timeUnit: 'hours', duration: 2 },
      { newDate: '2023-12-31T23:00:00.000Z' },
    ],
    [
      'a custom Luxon format from a read format',
      {
        operation: 'formatDate',
        date: '25.12.2023',
        format: 'custom',
        customFormat: 'yyyy LLL dd',
        options: { fromFormat: 'dd.MM.yyyy' },
      },
      { formattedDate: '2023 Dec 25' },
    ],
    [
      'rounded up to the next month',
      { operation: 'roundDate', date: '2024-01-15T10:00:00Z', mode: 'roundUp' },
      { roundedDate: '2024-02-01T00:00:00.000Z' },
    ],
    [
      'the time between, as ISO',
      {
        operation: 'getTimeBetweenDates',
        startDate: '2024-01-01',
        endDate: '2024-01-03',
        options: { isoString: true },
      },
      { timeDifference: 'P2D' },
    ],
    [
      'the time between in several units',
      {
        operation: 'getTimeBetweenDates',
        startDate: '2024-01-01',
        endDate: '2024-03-02T12:00:00Z',
        units: ['month', 'day', 'hour'],
      },
      { timeDifference: { months: 2, days: 1, hours: 12 } },
    ],
    ['the week number', { operation: 'extractDate', date: '2024-01-02', part: 'week' }, { datePart: 1 }],
    [
      'a named output field',
      { operation: 'extractDate', date: '2024-05-02', outputFieldName: 'm' },
      { m: 5 },
    ],
  ])('%s', async (_name, parameters, expected) => {
    expect(await v2(parameters)).toEqual(expected);
  });

  it('keeps the input fields with includeInputFields', async () => {
    const json = await v2(
      { operation: 'extractDate', date: '2024-05-02', options: { includeInputFields: true } },
      { a: 1 },
    );
    expect(json).toEqual({ a: 1, datePart: 5 });
  });

  it('fails on an unknown zone and on an unreadable date', async () => {
    const zone = await flowError({
      type: 'dateTime',
      typeVersion: 2,
      parameters: { options: { timezone: 'Mars/Base' } },
    });
    expect(zone.message).toBe('The timezone Mars/Base is not valid. Please check the timezone.');
    const parameters = { operation: 'roundDate', date: 'soon' };
    expect((await flowError({ type: 'dateTime', typeVersion: 2, parameters })).message).toBe(
      'Invalid date format',
    );
    const result = await runFlowStep({ type: 'dateTime', typeVersion: 2, parameters, continueOnFail: true });
    expect(result.ok && result.outputs[0]!.map((i) => i.json)).toEqual([{ error: 'Invalid date format' }]);
  });
});
