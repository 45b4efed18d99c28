import type { EngineCommand } from './commands.js';
import type { EngineEvent } from './events.js';
import type { ExecutionState } from './execution-state.js';
import { beginTransition } from './transition.js';
import type { Transition } from './transition.js';
import { onCancelRequested } from './on-cancel-requested.js';
import { onExecutionStarted } from './on-execution-started.js';
import { onStepFailed } from './on-step-failed.js';
import { onStepSucceeded } from './on-step-succeeded.js';
import { onTimerFired } from './on-timer-fired.js';
import { onResumeRequested } from './on-resume-requested.js';

type Handlers = { [K in EngineEvent['type']]: (t: Transition, e: Extract<EngineEvent, { type: K }>) => void };

const handlers: Handlers = {
  executionStarted: onExecutionStarted,
  stepSucceeded: onStepSucceeded,
  stepFailed: onStepFailed,
  timerFired: onTimerFired,
  resumeRequested: onResumeRequested,
  cancelRequested: onCancelRequested,
};

/**
 * The execution core: one event in, the next state and the commands to carry out. Pure and deterministic:
 * time comes in the event, ids are derived from the state; the input state is not modified.
 */
export function advance(
  state: ExecutionState,
  event: EngineEvent,
): { state: ExecutionState; commands: EngineCommand[] } {
  const t = beginTransition(state, event.at);
  (handlers[event.type] as (t: Transition, e: EngineEvent) => void)(t, event);
  return { state: t.state, commands: t.commands };
}
