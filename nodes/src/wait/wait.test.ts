import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { runFlow, runFlowStep } from '../shared/flow-run.test-support.js';
import { TEST_NOW } from '../test-support/run-step.test-support.js';
import { loadFixture } from '../test-support/run-workflow.test-support.js';

/** The wait a Wait step asks the engine for: `{ until }`, `{}` (until resumed), or its error message. */
async function waitOf(parameters: JsonObject, typeVersion = 1, timezone = 'UTC') {
  const result = await runFlowStep({ type: 'wait', typeVersion, parameters, timezone });
  return result.ok ? result.wait : result.error.message;
}

describe('Wait', () => {
  it.each([
    ['v1 waits one hour by default', {}, 1, { until: TEST_NOW + 3_600_000 }],
    ['v1.1 waits five seconds by default', {}, 1.1, { until: TEST_NOW + 5_000 }],
    ['an amount of minutes', { amount: 1.5, unit: 'minutes' }, 1, { until: TEST_NOW + 90_000 }],
    [
      'until a specific time',
      { resume: 'specificTime', dateTime: '2024-01-02T04:00:00Z' },
      1,
      { until: Date.UTC(2024, 0, 2, 4) },
    ],
    ['for a webhook, without a limit', { resume: 'webhook' }, 1, {}],
    [
      'for a form, with a time limit',
      { resume: 'form', limitWaitTime: true, resumeAmount: 2, resumeUnit: 'days' },
      1.1,
      { until: TEST_NOW + 2 * 86_400_000 },
    ],
    [
      'for a webhook, at most until a date',
      {
        resume: 'webhook',
        limitWaitTime: true,
        limitType: 'atSpecifiedTime',
        maxDateAndTime: '2024-02-01T00:00:00Z',
      },
      1,
      { until: Date.UTC(2024, 1, 1) },
    ],
  ])('%s', async (_name, parameters, typeVersion, expected) => {
    expect(await waitOf(parameters, typeVersion)).toEqual(expected);
  });

  it('reads a specific time without a zone in the workflow time zone', async () => {
    const wait = await waitOf(
      { resume: 'specificTime', dateTime: '2024-01-02T09:00:00' },
      1,
      'Europe/Berlin',
    );
    expect(wait).toEqual({ until: Date.UTC(2024, 0, 2, 8) });
  });

  it.each([
    [{ unit: 'weeks' }, "Invalid wait unit. Valid units are 'seconds', 'minutes', 'hours', or 'days'."],
    [{ amount: -1 }, 'Invalid wait amount. Please enter a number that is 0 or greater.'],
    [
      { resume: 'specificTime', dateTime: 'soon' },
      'Cannot put execution to wait because `dateTime` parameter is not a valid date. Please pick a specific date and time to wait until.',
    ],
  ])('refuses %j', async (parameters, message) => {
    expect(await waitOf(parameters)).toBe(message);
  });

  it('passes its items on once the wait is over (n8n Wait fixture)', async () => {
    const run = await runFlow(loadFixture('Wait/test/Wait.workflow.json'));
    expect(run.state.status).toBe('success');
    expect(run.runs('Wait')).toBe(1);
    expect(run.json('Wait')).toEqual(run.json('Before'));
  });

  //  Trigger ──► Wait (webhook) ──► After
  it('keeps the execution waiting for a webhook', async () => {
    const run = await runFlow({
      nodes: [
        { name: 'Trigger', type: 'manualTrigger' },
        { name: 'Wait', type: 'wait', typeVersion: 1.1, parameters: { resume: 'webhook' } },
        { name: 'After', type: 'noOp' },
      ],
      connections: [
        { from: 'Trigger', to: 'Wait' },
        { from: 'Wait', to: 'After' },
      ],
    });
    expect(run.state.status).toBe('waiting');
    expect(run.runs('After')).toBe(0);
  });
});
