import { WORKFLOW_TIMEOUT_TIMER } from './commands.js';
import type { FinishExecution } from './commands.js';
import type { ExecutionError } from './execution-state.js';
import type { Transition } from './transition.js';

/** Ends the execution: no more dispatches, timers cancelled, one finishExecution command. */
export function finish(t: Transition, status: FinishExecution['status'], error?: ExecutionError): void {
  const s = t.state;
  s.status = status;
  s.finishedAt = t.at;
  if (error) s.error = error;
  if (s.current) {
    const timer = s.current.retryTimerId ?? s.current.pause?.timerId;
    if (timer) t.commands.push({ type: 'cancelTimer', timerId: timer });
    else if (!s.current.pause) t.commands.push({ type: 'cancelStep', stepId: s.current.stepId });
    delete s.current;
  }
  if (s.spec.settings?.timeout) t.commands.push({ type: 'cancelTimer', timerId: WORKFLOW_TIMEOUT_TIMER });
  t.commands.push({ type: 'finishExecution', status, ...(error ? { error } : {}) });
}
