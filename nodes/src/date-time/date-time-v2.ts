import { DateTime } from 'luxon';
import type { DateTimeUnit, DurationUnit } from 'luxon';
import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { OUTPUT_FIELDS } from './date-time-parameters.js';
import { parseDateV2 } from './parse-date-v2.js';

type Operation = (
  ctx: NodeExecutionContext,
  i: number,
  read: (date: unknown, zone?: string) => DateTime,
) => unknown;

function currentDate(ctx: NodeExecutionContext, i: number): unknown {
  const { timezone } = ctx.getParameter<{ timezone?: string }>('options', i, {});
  const zone = timezone || ctx.timezone;
  const now = DateTime.fromMillis(ctx.now()).setZone(zone);
  if (now.invalidReason === 'unsupported zone')
    throw operationError(`The timezone ${zone} is not valid. Please check the timezone.`);
  return ctx.getParameter('includeTime', i) === false ? now.startOf('day').toString() : now.toString();
}

const shift =
  (sign: 1 | -1): Operation =>
  (ctx, i, read) => {
    const date = read(ctx.getParameter('magnitude', i), ctx.timezone);
    const change = { [ctx.getParameter<string>('timeUnit', i)]: Number(ctx.getParameter('duration', i)) };
    return (sign > 0 ? date.plus(change) : date.minus(change)).toString();
  };

const formatDate: Operation = (ctx, i) => {
  const date = ctx.getParameter<unknown>('date', i);
  if (date === null || date === undefined) return date;
  const { timezone, fromFormat } = ctx.getParameter<{ timezone?: boolean; fromFormat?: string }>(
    'options',
    i,
    {},
  );
  const parsed = parseDateV2(date, {
    timezone: timezone ? ctx.timezone : undefined,
    fromFormat,
    localZone: ctx.timezone,
    now: ctx.now(),
  });
  const format = ctx.getParameter<string>('format', i);
  return parsed.toFormat(format === 'custom' ? ctx.getParameter<string>('customFormat', i) : format);
};

const roundDate: Operation = (ctx, i, read) => {
  const date = read(ctx.getParameter('date', i), ctx.timezone);
  const mode = ctx.getParameter<string>('mode', i);
  if (mode === 'roundDown') return date.startOf(ctx.getParameter<DateTimeUnit>('toNearest', i)).toString();
  if (mode !== 'roundUp') return undefined;
  const to = ctx.getParameter<DateTimeUnit>('to', i);
  return date
    .plus({ [to]: 1 })
    .startOf(to)
    .toString();
};

const timeBetween: Operation = (ctx, i, read) => {
  const start = read(ctx.getParameter('startDate', i), ctx.timezone);
  const end = read(ctx.getParameter('endDate', i), ctx.timezone);
  const duration = end.diff(start, ctx.getParameter<DurationUnit[]>('units', i));
  const { isoString } = ctx.getParameter<{ isoString?: boolean }>('options', i, {});
  return isoString ? duration.toString() : duration.toObject();
};

const extractDate: Operation = (ctx, i, read) => {
  const date = read(ctx.getParameter('date', i), ctx.timezone);
  const part = ctx.getParameter<string>('part', i);
  return part === 'week' ? date.weekNumber : date.get(part as keyof DateTime);
};

const OPERATIONS: Record<string, Operation> = {
  getCurrentDate: currentDate,
  addToDate: shift(1),
  subtractFromDate: shift(-1),
  formatDate,
  roundDate,
  getTimeBetweenDates: timeBetween,
  extractDate,
};

/** Date & Time v2: one Luxon-based operation per run, its result in `outputFieldName`. */
export function executeDateTimeV2(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const operationName = ctx.getParameter<string>('operation', 0);
  const operation = OPERATIONS[operationName];
  const includeInputFields = ctx.getParameter<unknown>('options.includeInputFields', 0, false) === true;
  const read = (date: unknown, zone?: string) =>
    parseDateV2(date, { timezone: zone, localZone: ctx.timezone, now: ctx.now() });
  const output: Item[] = [];
  items.forEach((input, i) => {
    if (!operation) return;
    try {
      const json: JsonObject = includeInputFields ? { ...input.json } : {};
      const field = ctx.getParameter<string>('outputFieldName', i) ?? OUTPUT_FIELDS[operationName]!;
      json[field] = operation(ctx, i, read);
      output.push({
        json,
        pairedItem: { item: i },
        ...(includeInputFields && input.binary ? { binary: input.binary } : {}),
      });
    } catch (error) {
      if (!ctx.continueOnFail) {
        if (error instanceof Error) Object.assign(error, { context: { itemIndex: i } });
        throw error;
      }
      output.push({ json: { error: (error as Error).message } });
    }
  });
  return output;
}
