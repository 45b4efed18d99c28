import { executeStep } from '@budflow/runtime';
import type { StepJob } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import type { ExecutionLog, LogRecord, StepDispatcher, StepResultMessage } from '../nats/contracts.js';

const registry = createNodeRegistry();

/** An in-memory log with the same dedupe-by-id contract as the JetStream one. */
export class MemoryLog implements ExecutionLog {
  readonly records = new Map<string, LogRecord[]>();
  private readonly ids = new Set<string>();
  async append(id: string, record: LogRecord, dedupeId: string) {
    if (this.ids.has(dedupeId)) return;
    this.ids.add(dedupeId);
    this.records.set(id, [...(this.records.get(id) ?? []), structuredClone(record)]);
  }
  async read(id: string) {
    return structuredClone(this.records.get(id) ?? []);
  }
  async remove(id: string) {
    this.records.delete(id);
  }
}

/** A work queue that deduplicates by step id, like JetStream's Nats-Msg-Id, run by an in-process "runner". */
export class QueueDispatcher implements StepDispatcher {
  readonly seen = new Set<string>();
  readonly jobs: StepJob[] = [];
  deliver: (message: StepResultMessage) => Promise<void> = async () => undefined;
  hold = false;
  async dispatch(job: StepJob) {
    if (this.seen.has(job.stepId)) return;
    this.seen.add(job.stepId);
    this.jobs.push(job);
    if (this.hold) return;
    setTimeout(() => void this.run(job), 0);
  }
  async run(job: StepJob) {
    const result = await executeStep(job, { registry });
    await this.deliver({ stepId: job.stepId, executionId: job.executionId, result });
  }
}
