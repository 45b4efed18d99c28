import { DateTime } from 'luxon';
import type { DurationLikeObject } from 'luxon';
import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { formatMoment } from './moment-format.js';
import { momentInZone, momentLocal, parseWithDate } from './moment-input.js';
import { parseMomentFormat } from './moment-parse.js';

interface V1Options {
  fromFormat?: string;
  fromTimezone?: string;
  toTimezone?: string;
}

/** The input item with one more field; the name is a single key, dots included (n8n sets `['json', name]`). */
function withField(item: Item, itemIndex: number, name: string, value: unknown): Item {
  const json: JsonObject = name.includes('.') ? structuredClone(item.json) : { ...item.json };
  json[name] = value;
  return { json, pairedItem: { item: itemIndex }, ...(item.binary ? { binary: item.binary } : {}) };
}

/** n8n reads numbers and numeric strings as timestamps; a fraction means seconds with milliseconds. */
function asTimestamp(value: unknown): unknown {
  if (Number.isNaN(Number(value))) return value;
  const number = Number(value);
  return Number.isInteger(number) ? number : number * 1000;
}

/** The date of the format action, read as moment does, shown in the zone moment would format it in. */
function readForFormat(ctx: NodeExecutionContext, value: unknown, options: V1Options): DateTime {
  const local = ctx.timezone;
  const now = ctx.now();
  if (typeof value === 'number' && Number.isInteger(value)) {
    // Fewer than 12 digits: seconds (moment.unix); more: milliseconds.
    return String(value).length < 12
      ? DateTime.fromSeconds(value, { zone: local })
      : DateTime.fromMillis(value, { zone: local });
  }
  if (!options.fromTimezone && !options.toTimezone) {
    return options.fromFormat
      ? parseMomentFormat(String(value), options.fromFormat, local, { now })
      : momentLocal(value, local, now);
  }
  const fromZone = options.fromTimezone || local;
  return options.fromFormat
    ? parseMomentFormat(String(value), options.fromFormat, fromZone, { now })
    : momentInZone(value, fromZone, now);
}

function formatAction(ctx: NodeExecutionContext, item: Item, i: number): Item | undefined {
  let value = ctx.getParameter<unknown>('value', i);
  if (DateTime.isDateTime(value)) value = value.toISO();
  value = asTimestamp(value);
  if (value === undefined) return undefined;
  const options = ctx.getParameter<V1Options>('options', i, {});
  if (options.fromFormat === undefined && !momentLocal(value, ctx.timezone, ctx.now()).isValid) {
    throw operationError(
      'The date input format could not be recognized. Please set the "From Format" field',
      { itemIndex: i },
    );
  }
  let date = readForFormat(ctx, value, options);
  if (options.toTimezone || options.fromTimezone) date = inZone(date, options.toTimezone || ctx.timezone, i);
  const custom = ctx.getParameter<unknown>('custom', i, false) === true;
  const toFormat = ctx.getParameter<string>('toFormat', i) ?? (custom ? '' : 'MM/DD/YYYY');
  return withField(item, i, ctx.getParameter<string>('dataPropertyName', i), formatMoment(date, toFormat));
}

function inZone(date: DateTime, zone: string, itemIndex: number): DateTime {
  const converted = date.setZone(zone);
  if (converted.invalidReason === 'unsupported zone')
    throw operationError(`The time zone '${zone}' is not known`, {
      itemIndex,
      description: "Use an IANA time zone name such as 'Europe/Berlin' or 'America/New_York'.",
    });
  return converted;
}

const absRound = (n: number) => Math.sign(n) * Math.round(Math.abs(n));

/** moment's `add(amount, unit)`: whole days and months (fractions rounded), exact time units. */
function momentDuration(amount: number, unit: string): DurationLikeObject {
  const months: Record<string, number> = { years: 12, quarters: 3, months: 1 };
  const days: Record<string, number> = { weeks: 7, days: 1 };
  const millis: Record<string, number> = {
    hours: 3_600_000,
    minutes: 60_000,
    seconds: 1000,
    milliseconds: 1,
  };
  if (unit in months) return { months: absRound(amount * months[unit]!) };
  if (unit in days) return { days: absRound(amount * days[unit]!) };
  return { milliseconds: amount * (millis[unit] ?? 86_400_000) };
}

/** The calculate action's date: by its format (strictly), else as JavaScript's Date reads it. */
function readForCalculate(
  ctx: NodeExecutionContext,
  value: unknown,
  fromFormat: string | undefined,
): DateTime {
  if (fromFormat) {
    const parsed = parseMomentFormat(String(value), fromFormat, ctx.timezone, {
      strict: true,
      now: ctx.now(),
    });
    if (parsed.isValid) return parsed;
    throw operationError(
      'Date input cannot be parsed. Please recheck the value and the "From Format" field.',
    );
  }
  const parsed =
    typeof value === 'string'
      ? parseWithDate(value, ctx.timezone)
      : DateTime.fromJSDate(new Date(value as number));
  if (parsed.isValid) return parsed;
  throw operationError('Unrecognized date input. Please specify a format in the "From Format" field.');
}

function calculateAction(ctx: NodeExecutionContext, item: Item, i: number): Item {
  const value = ctx.getParameter<unknown>('value', i);
  const operation = ctx.getParameter<string>('operation', i);
  const duration = Number(ctx.getParameter('duration', i));
  const timeUnit = ctx.getParameter<string>('timeUnit', i);
  const { fromFormat } = ctx.getParameter<V1Options>('options', i, {});
  const date = readForCalculate(ctx, value, fromFormat);
  const change = momentDuration(duration, timeUnit);
  const result = operation === 'add' ? date.plus(change) : date.minus(change);
  return withField(item, i, ctx.getParameter<string>('dataPropertyName', i), result.toUTC().toISO());
}

/** Date & Time v1: formats dates with moment formats and time zones, or adds and subtracts time. */
export function executeDateTimeV1(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const action = ctx.getParameter<string>('action', 0);
  const output: Item[] = [];
  items.forEach((item, i) => {
    try {
      const result =
        action === 'format'
          ? formatAction(ctx, item, i)
          : action === 'calculate'
            ? calculateAction(ctx, item, i)
            : undefined;
      if (result) output.push(result);
    } catch (error) {
      if (!ctx.continueOnFail) throw error;
      output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
    }
  });
  return output;
}
