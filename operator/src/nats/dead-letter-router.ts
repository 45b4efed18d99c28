import type { StepResult } from '@budflow/runtime';
import { DeadLetterHeaders, deadLetterMsgIdOf, isNatsToken, msgIdOf } from '@budflow/runner';
import type { NatsNames, PackedStepJob } from '@budflow/runner';
import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';

/** JetStream's advisory when a consumer gives up on a message after max_deliver deliveries. */
export interface MaxDeliveriesAdvisory {
  type: string;
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

const MAX_DELIVER_TYPE = 'io.nats.jetstream.advisory.v1.max_deliver';

/** Parses an advisory message, or throws when it is not a max-deliveries advisory. */
export function parseMaxDeliveriesAdvisory(data: unknown): MaxDeliveriesAdvisory {
  const a = data as Partial<MaxDeliveriesAdvisory> | null;
  if (a?.type !== MAX_DELIVER_TYPE || typeof a.stream_seq !== 'number' || typeof a.stream !== 'string')
    throw new Error('not a JetStream max-deliveries advisory');
  return { consumer: '', deliveries: 0, ...a } as MaxDeliveriesAdvisory;
}

/** The failure result the engine gets for a job no runner finished. */
export function abandonedResult(
  advisory: MaxDeliveriesAdvisory,
  job: Pick<PackedStepJob, 'node'>,
): StepResult {
  const message = `step abandoned after ${advisory.deliveries} deliveries: no runner finished it`;
  return { ok: false, error: { name: 'RunnerError', reason: 'crash', message, node: job.node.name } };
}

/**
 * Turns JetStream's max-deliveries advisories for step jobs into failure results and dead letters. Each step is
 * idempotent, so an advisory handled twice (operator crash, new leader) changes nothing more:
 * 1. the job, read by stream sequence, is copied to `<prefix>.dead.<pool>` (Nats-Msg-Id from the sequence);
 * 2. a failure result goes to `<prefix>.results.<executionId>` with Nats-Msg-Id = stepId, so a runner's late real
 *    result and this one dedupe against each other: whichever comes first is the step's result;
 * 3. the job is deleted from the work queue, where JetStream would otherwise keep it.
 */
export class DeadLetterRouter {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly names: NatsNames,
  ) {}

  async route(advisory: MaxDeliveriesAdvisory): Promise<void> {
    if (advisory.stream !== this.names.stepsStream) return;
    const stored = await this.jsm.streams.getMessage(this.names.stepsStream, { seq: advisory.stream_seq });
    // Gone: routed before, or a runner acked it after all.
    if (!stored) return;
    const job = parseJob(stored);
    await this.publishDead(stored, advisory, job);
    if (job) {
      const result = abandonedResult(advisory, job);
      const message = { stepId: job.stepId, executionId: job.executionId, result };
      await this.js.publish(this.names.resultsSubject(job.executionId), JSON.stringify(message), {
        msgID: msgIdOf(job.stepId),
        expect: { streamName: this.names.resultsStream },
      });
    }
    await this.deleteJob(advisory.stream_seq);
  }

  private async publishDead(
    stored: StoredMsg,
    advisory: MaxDeliveriesAdvisory,
    job: PackedStepJob | undefined,
  ) {
    const h = headers();
    h.set(DeadLetterHeaders.Reason, 'max_deliveries');
    h.set(DeadLetterHeaders.Deliveries, String(advisory.deliveries));
    h.set(DeadLetterHeaders.StreamSequence, String(advisory.stream_seq));
    if (job) h.set(DeadLetterHeaders.StepId, msgIdOf(job.stepId));
    const pool = this.names.poolOf(stored.subject) ?? 'unknown';
    await this.js.publish(this.names.deadSubject(pool), stored.data, {
      headers: h,
      msgID: deadLetterMsgIdOf(this.names.stepsStream, advisory.stream_seq),
      expect: { streamName: this.names.deadStream },
    });
  }

  private async deleteJob(seq: number): Promise<void> {
    try {
      await this.jsm.streams.deleteMessage(this.names.stepsStream, seq);
    } catch (error) {
      // Already gone (another replica, a late ack) is what we wanted; anything else is retried.
      if (await this.jsm.streams.getMessage(this.names.stepsStream, { seq })) throw error;
    }
  }
}

function parseJob(stored: StoredMsg): PackedStepJob | undefined {
  try {
    const job = stored.json<Partial<PackedStepJob> | null>();
    if (typeof job?.stepId === 'string' && isNatsToken(job.executionId) && typeof job.node?.name === 'string')
      return job as PackedStepJob;
  } catch {
    // Not JSON: dead-lettered without a result, nobody can tell which step it was.
  }
  return undefined;
}
