import type { TimerFired } from './events.js';
import type { Transition } from './transition.js';
import { WORKFLOW_TIMEOUT_TIMER } from './commands.js';
import { dispatchStep } from './dispatch-step.js';
import { finish } from './finish.js';

export function onTimerFired(t: Transition, e: TimerFired): void {
  const s = t.state;
  if (s.status !== 'running') return;
  if (e.timerId === WORKFLOW_TIMEOUT_TIMER) {
    const seconds = s.spec.settings?.timeout ?? 0;
    finish(t, 'error', {
      message: `workflow '${s.workflowName}' timed out after ${seconds}s`,
      reason: 'timeout',
      ...(s.current ? { node: s.current.entry.node } : {}),
    });
    return;
  }
  const current = s.current;
  if (current?.retryTimerId !== e.timerId) return;
  const { retryTimerId: _, ...rest } = current;
  s.current = rest;
  dispatchStep(t, current.entry, current.runIndex, current.attempt + 1);
}
