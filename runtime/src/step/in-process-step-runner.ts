import type { StepRunner } from '../ports.js';
import type { StepJob, StepResult } from '../engine/step-job.js';
import { executeStep } from './execute-step.js';
import type { StepEnvironment } from './execute-step.js';

/**
 * Runs steps in the calling process. For tests and benchmarks of the core only: user code must run in the
 * sandboxed runner, never in a control-plane process.
 */
export class InProcessStepRunner implements StepRunner {
  constructor(private readonly env: Omit<StepEnvironment, 'signal'>) {}

  run(job: StepJob, signal: AbortSignal): Promise<StepResult> {
    return executeStep(job, { ...this.env, signal });
  }
}
