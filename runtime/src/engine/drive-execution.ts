import type { Clock, StepRunner, Timers } from '../ports.js';
import type { EngineCommand } from './commands.js';
import type { EngineEvent, ExecutionStarted } from './events.js';
import type { ExecutionState } from './execution-state.js';
import { advance } from './advance.js';

export interface DriveOptions {
  runner: StepRunner;
  clock: Clock;
  timers: Timers;
  /** Told about every event applied and the state after it (progress output, persistence) */
  onEvent?: (event: EngineEvent, state: ExecutionState, commands: EngineCommand[]) => void;
  /** Aborting cancels the execution */
  signal?: AbortSignal;
}

/**
 * Carries out the engine's commands in this process until the execution finishes: the driver that
 * `budflow run` and tests use. Events are applied one at a time, in arrival order.
 */
export function driveExecution(
  initial: ExecutionState,
  start: Omit<ExecutionStarted, 'type' | 'at'>,
  options: DriveOptions,
): Promise<ExecutionState> {
  const { runner, clock, timers } = options;
  let state = initial;
  const timerHandles = new Map<string, unknown>();
  const steps = new Map<string, AbortController>();

  return new Promise((resolve) => {
    const apply = (event: EngineEvent) => {
      const next = advance(state, event);
      state = next.state;
      options.onEvent?.(event, state, next.commands);
      for (const command of next.commands) perform(command);
    };
    const perform = (command: EngineCommand) => {
      switch (command.type) {
        case 'dispatchStep': {
          const controller = new AbortController();
          steps.set(command.job.stepId, controller);
          const { stepId } = command.job;
          runner.run(command.job, controller.signal).then(
            (result) => {
              steps.delete(stepId);
              apply(
                result.ok
                  ? {
                      type: 'stepSucceeded',
                      at: clock.now(),
                      stepId,
                      outputs: result.outputs,
                      ...(result.nodeContext ? { nodeContext: result.nodeContext } : {}),
                      ...(result.logs ? { logs: result.logs } : {}),
                      ...(result.wait ? { wait: result.wait } : {}),
                    }
                  : {
                      type: 'stepFailed',
                      at: clock.now(),
                      stepId,
                      error: result.error,
                      ...(result.logs ? { logs: result.logs } : {}),
                    },
              );
            },
            (error: unknown) => {
              steps.delete(stepId);
              const message = error instanceof Error ? error.message : String(error);
              apply({
                type: 'stepFailed',
                at: clock.now(),
                stepId,
                error: { name: 'RunnerError', message, reason: 'crash' },
              });
            },
          );
          return;
        }
        case 'startTimer':
          timerHandles.set(
            command.timerId,
            timers.set(command.fireAt, () => {
              timerHandles.delete(command.timerId);
              apply({ type: 'timerFired', at: clock.now(), timerId: command.timerId });
            }),
          );
          return;
        case 'cancelTimer': {
          const handle = timerHandles.get(command.timerId);
          if (handle !== undefined) timers.clear(handle);
          timerHandles.delete(command.timerId);
          return;
        }
        case 'cancelStep':
          steps.get(command.stepId)?.abort();
          steps.delete(command.stepId);
          return;
        case 'executionWaiting':
          // A wait with no time ends only by an outside resume, which this in-process driver cannot receive.
          if (command.until === undefined) finishDriving();
          return;
        case 'finishExecution':
          finishDriving();
          return;
      }
    };
    const finishDriving = () => {
      for (const handle of timerHandles.values()) timers.clear(handle);
      timerHandles.clear();
      options.signal?.removeEventListener('abort', onAbort);
      resolve(state);
    };
    const onAbort = () =>
      apply({ type: 'cancelRequested', at: clock.now(), reason: 'execution cancelled by the user' });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    apply({ type: 'executionStarted', at: clock.now(), ...start });
  });
}
