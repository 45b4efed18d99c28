import type { StepJob, StepResult } from './engine/step-job.js';

/** Runs step jobs somewhere: in process (tests), in sandboxed child processes, or in runner Pods over NATS. */
export interface StepRunner {
  run(job: StepJob, signal: AbortSignal): Promise<StepResult>;
}

/** Wall-clock time, injected so the core stays deterministic. */
export interface Clock {
  now(): number;
}

/** One-shot timers at an absolute time. */
export interface Timers {
  set(fireAt: number, callback: () => void): unknown;
  clear(handle: unknown): void;
}

/** Execution ids. */
export interface IdGenerator {
  next(): string;
}
