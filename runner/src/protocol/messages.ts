import type { StepResult } from '@budflow/runtime';
import type { PackedStepJob } from './packed-job.js';

/** Engine side → runner. */
export type ToRunner =
  | { type: 'run'; job: PackedStepJob }
  /** The answer to a `fetch`: the stored text, or null when the reference is unknown */
  | { type: 'data'; requestId: number; value: string | null };

/** Runner → engine side. */
export type FromRunner =
  | { type: 'ready'; pid: number; node: string }
  /** Asks for data a job refers to instead of carrying it */
  | { type: 'fetch'; requestId: number; ref: string }
  | { type: 'result'; stepId: string; result: StepResult };
