import type { TimerFired } from './events.js';
import type { Transition } from './transition.js';
import { WORKFLOW_TIMEOUT_TIMER } from './commands.js';
import { dispatchStep } from './dispatch-step.js';
import { finish } from './finish.js';
import { endWait } from './end-wait.js';

export function onTimerFired(t: Transition, e: TimerFired): void {
  const s = t.state;
  if (s.status === 'waiting' && s.current?.pause?.timerId === e.timerId) {
    endWait(t);
    return;
  }
  if (e.timerId === WORKFLOW_TIMEOUT_TIMER && (s.status === 'running' || s.status === 'waiting')) {
    const seconds = s.spec.settings?.timeout ?? 0;
    finish(t, 'error', {
      message: `workflow '${s.workflowName}' timed out after ${seconds}s`,
      reason: 'timeout',
      ...(s.current ? { node: s.current.entry.node } : {}),
    });
    return;
  }
  if (s.status !== 'running') return;
  const current = s.current;
  if (current?.retryTimerId !== e.timerId) return;
  const { retryTimerId: _, ...rest } = current;
  s.current = rest;
  dispatchStep(t, current.entry, current.runIndex, current.attempt + 1);
}
