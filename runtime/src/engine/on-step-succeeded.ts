import type { StepSucceeded } from './events.js';
import type { Transition } from './transition.js';
import { graphOf } from './graph-of.js';
import { recordRun } from './record-run.js';
import { scheduleNext } from './schedule-next.js';

export function onStepSucceeded(t: Transition, e: StepSucceeded): void {
  const s = t.state;
  const current = s.current;
  // A late or repeated result (redelivery, a step already given up on) changes nothing.
  if (s.status !== 'running' || current?.stepId !== e.stepId) return;
  const node = graphOf(s.spec).node(current.entry.node);
  let outputs = e.outputs;
  if (node.alwaysOutputData && outputs.every((items) => items.length === 0)) {
    outputs = [[{ json: {}, pairedItem: { item: 0 } }], ...outputs.slice(1)];
  }
  if (e.nodeContext) s.nodeContext[node.name] = e.nodeContext;
  if (e.wait && (e.wait.until === undefined || e.wait.until > t.at)) {
    const timerId = e.wait.until !== undefined ? `wait/${e.stepId}` : undefined;
    s.status = 'waiting';
    s.current = {
      ...current,
      pause: {
        outputs,
        ...(e.wait.until !== undefined ? { until: e.wait.until } : {}),
        ...(timerId ? { timerId } : {}),
      },
    };
    if (timerId) t.commands.push({ type: 'startTimer', timerId, fireAt: e.wait.until! });
    t.commands.push({
      type: 'executionWaiting',
      node: node.name,
      ...(e.wait.until !== undefined ? { until: e.wait.until } : {}),
    });
    return;
  }
  delete s.current;
  recordRun(t, current.entry, { outputs, startTime: current.startedAt });
  scheduleNext(t);
}
