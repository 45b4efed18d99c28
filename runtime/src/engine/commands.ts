import type { StepJob } from './step-job.js';
import type { ExecutionError, RunStatus } from './execution-state.js';

/** Requests for effects; the driver (CLI, operator, tests) performs them and feeds back events. */
export type EngineCommand =
  DispatchStep | StartTimer | CancelTimer | CancelStep | ExecutionWaiting | FinishExecution;

/** The execution waits (Wait node): until `until`, or until a resumeRequested event when there is no time. */
export interface ExecutionWaiting {
  type: 'executionWaiting';
  node: string;
  until?: number;
}

export interface DispatchStep {
  type: 'dispatchStep';
  job: StepJob;
}

export interface StartTimer {
  type: 'startTimer';
  timerId: string;
  fireAt: number;
}

export interface CancelTimer {
  type: 'cancelTimer';
  timerId: string;
}

export interface CancelStep {
  type: 'cancelStep';
  stepId: string;
}

export interface FinishExecution {
  type: 'finishExecution';
  status: Extract<RunStatus, 'success' | 'error' | 'canceled'>;
  error?: ExecutionError;
}

export const WORKFLOW_TIMEOUT_TIMER = 'workflow-timeout';
