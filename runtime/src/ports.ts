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

/** Holds item data, step payloads and results outside custom resources and messages (memory, filesystem, JetStream). */
export interface DataStore {
  put(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
}

/** A DataStore in memory, for one process (local mode, tests). */
export class MemoryDataStore implements DataStore {
  private readonly values = new Map<string, string>();
  async put(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
  get size(): number {
    return this.values.size;
  }
}
