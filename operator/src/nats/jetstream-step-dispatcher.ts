import type { DataStore, StepJob } from '@budflow/runtime';
import { assertNatsToken, DEFAULT_INLINE_LIMIT_BYTES, msgIdOf, natsNames, packJob } from '@budflow/runner';
import type { NatsNames } from '@budflow/runner';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { StepDispatcher } from './contracts.js';

export interface JetStreamStepDispatcherOptions {
  js: JetStreamClient;
  prefix: string;
  /** Where inputs and run data past the threshold go (JetStreamDataStore) */
  store: DataStore;
  /** Inputs and run data larger than this (JSON bytes) travel by reference (default 256 KiB) */
  inlineLimitBytes?: number;
  /** How long to wait for the PubAck (default: the client's) */
  timeoutMs?: number;
}

/**
 * Publishes step jobs to `<prefix>.steps.<pool>` with Nats-Msg-Id = stepId and waits for the PubAck: once it
 * resolves the job is stored, and a second dispatch of the same step within the duplicate window is dropped.
 */
export class JetStreamStepDispatcher implements StepDispatcher {
  private readonly names: NatsNames;

  constructor(private readonly options: JetStreamStepDispatcherOptions) {
    this.names = natsNames(options.prefix);
  }

  async dispatch(job: StepJob, pool: string): Promise<void> {
    await this.publish(job, pool);
  }

  /** Like dispatch, returning the PubAck (`duplicate` when this step was already queued). */
  async publish(job: StepJob, pool: string): Promise<PubAck> {
    const subject = this.names.stepsSubject(pool);
    assertNatsToken('executionId', job.executionId);
    const packed = await packJob(
      job,
      this.options.store,
      this.options.inlineLimitBytes ?? DEFAULT_INLINE_LIMIT_BYTES,
    );
    return this.options.js.publish(subject, JSON.stringify(packed), {
      msgID: msgIdOf(job.stepId),
      expect: { streamName: this.names.stepsStream },
      ...(this.options.timeoutMs ? { timeout: this.options.timeoutMs } : {}),
    });
  }
}
