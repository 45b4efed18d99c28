import type { Item } from '../spec/items.js';
import type { StepFailed } from './events.js';
import type { Transition } from './transition.js';
import { finish } from './finish.js';
import { graphOf } from './graph-of.js';
import { recordRun } from './record-run.js';
import { scheduleNext } from './schedule-next.js';

export const DEFAULT_MAX_TRIES = 3;
export const DEFAULT_WAIT_BETWEEN_TRIES_MS = 1000;

/** Retries a failed step when the node says so; then stops the workflow or continues as `onError` says. */
export function onStepFailed(t: Transition, e: StepFailed): void {
  const s = t.state;
  const current = s.current;
  if (s.status !== 'running' || current?.stepId !== e.stepId) return;
  const node = graphOf(s.spec).node(current.entry.node);

  if (node.retryOnFail && current.attempt < (node.maxTries ?? DEFAULT_MAX_TRIES)) {
    const timerId = `retry/${e.stepId}`;
    s.current = { ...current, retryTimerId: timerId };
    t.commands.push({
      type: 'startTimer',
      timerId,
      fireAt: t.at + (node.waitBetweenTries ?? DEFAULT_WAIT_BETWEEN_TRIES_MS),
    });
    return;
  }

  const error = { ...e.error, node: node.name };
  delete s.current;
  const input = current.entry.inputs[0] ?? [];
  const outputCount = s.shapes[node.name]?.outputs ?? 1;
  switch (node.onError ?? 'stopWorkflow') {
    case 'continueRegularOutput':
      // n8n passes the input items through on the first output and keeps going.
      recordRun(t, current.entry, { outputs: [input], startTime: current.startedAt, error });
      scheduleNext(t);
      return;
    case 'continueErrorOutput': {
      const errorItems: Item[] = input.map((_, i) => ({
        json: { error: error.message },
        pairedItem: { item: i },
      }));
      const outputs = Array.from({ length: outputCount }, (_, i) =>
        i === outputCount - 1 ? errorItems : [],
      );
      recordRun(t, current.entry, { outputs, startTime: current.startedAt, error });
      scheduleNext(t);
      return;
    }
    default:
      s.runData[node.name] = [
        ...(s.runData[node.name] ?? []),
        {
          startTime: current.startedAt,
          executionTime: Math.max(0, t.at - current.startedAt),
          executionStatus: 'error',
          source: current.entry.source,
          error,
        },
      ];
      s.lastNodeExecuted = node.name;
      finish(t, 'error', {
        message: error.message,
        node: node.name,
        ...(error.description ? { description: error.description } : {}),
        ...(error.reason ? { reason: error.reason } : {}),
      });
  }
}
