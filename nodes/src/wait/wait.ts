import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';
import { tryParseDateTime } from '../shared/try-parse-date-time.js';
import { waitParameters } from './wait-parameters.js';

const UNIT_MS: Record<string, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** When a time-interval or specific-time wait ends, in milliseconds since the epoch. */
function waitUntil(ctx: NodeExecutionContext, resume: string): number {
  if (resume === 'timeInterval') {
    const unit = ctx.getParameter<unknown>('unit', 0);
    if (typeof unit !== 'string' || !(unit in UNIT_MS))
      throw operationError("Invalid wait unit. Valid units are 'seconds', 'minutes', 'hours', or 'days'.");
    const amount = ctx.getParameter<unknown>('amount', 0);
    if (typeof amount !== 'number' || !(amount >= 0))
      throw operationError('Invalid wait amount. Please enter a number that is 0 or greater.');
    // A relative wait does not depend on the time zone: it is a number of milliseconds from now.
    return ctx.now() + amount * UNIT_MS[unit]!;
  }
  const date = tryParseDateTime(ctx.getParameter('dateTime', 0), ctx.timezone);
  if (!date)
    throw operationError(
      'Cannot put execution to wait because `dateTime` parameter is not a valid date. Please pick a specific date and time to wait until.',
    );
  return date.toMillis();
}

/** The limit of a webhook or form wait, if the user set one; undefined waits until resumed. */
function resumeLimit(ctx: NodeExecutionContext): number | undefined {
  if (ctx.getParameter('limitWaitTime', 0) !== true) return undefined;
  if (ctx.getParameter('limitType', 0) === 'afterTimeInterval') {
    const amount = Number(ctx.getParameter('resumeAmount', 0));
    return ctx.now() + amount * (UNIT_MS[ctx.getParameter<string>('resumeUnit', 0)] ?? UNIT_MS.hours!);
  }
  const limit = tryParseDateTime(ctx.getParameter('maxDateAndTime', 0), ctx.timezone);
  if (!limit) throw operationError('The maximum date and time to wait until is not a valid date');
  return limit.toMillis();
}

/**
 * Wait: passes its items on once the wait is over. The engine keeps the execution waiting (short waits the
 * same way as long ones): until a time, or for a webhook or form submission, with an optional time limit.
 */
function executeWait(ctx: NodeExecutionContext, inputs: Item[][]): Item[][] {
  const resume = ctx.getParameter<string>('resume', 0);
  const until = resume === 'webhook' || resume === 'form' ? resumeLimit(ctx) : waitUntil(ctx, resume);
  ctx.putExecutionToWait(until);
  return [pairInput(inputs[0] ?? [])];
}

export const wait: NodeType = {
  type: 'wait',
  n8nType: 'n8n-nodes-base.wait',
  displayName: 'Wait',
  versions: [1, 1.1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: waitParameters,
  execute: executeWait,
};
