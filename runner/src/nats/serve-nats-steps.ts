import type { DataStore, StepResult, StepRunner } from '@budflow/runtime';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { refsOf, unpackJob } from '../protocol/packed-job.js';
import type { PackedStepJob } from '../protocol/packed-job.js';
import { ensureDurableConsumer } from './ensure-consumer.js';
import { DeadLetterHeaders, deadLetterMsgIdOf, isNatsToken, msgIdOf, natsNames } from './nats-names.js';
import type { NatsNames } from './nats-names.js';
import { runPullWorkers, withHeartbeat } from './pull-workers.js';
import { packResult } from './step-result-wire.js';

export interface ServeNatsStepsOptions {
  js: JetStreamClient;
  prefix: string;
  pool: string;
  /** Runs the steps: in production the local SandboxedStepRunner, so user code stays in sandboxed children */
  runner: StepRunner;
  /** Where jobs' data passed by reference lives (JetStreamDataStore) */
  store: DataStore;
  /** Abort to drain: stop pulling, finish the steps in progress, then resolve */
  signal: AbortSignal;
  /** Steps run at once (default 1) */
  concurrency?: number;
  /** A job not acked, nor kept alive by a heartbeat, within this time goes to another runner (default 30 s) */
  ackWaitMs?: number;
  /** Interval of in-progress acks while a step runs (default ackWaitMs / 3) */
  heartbeatMs?: number;
  /** Deliveries of a job before JetStream gives up on it and the operator dead-letters it (default 5) */
  maxDeliver?: number;
  /** How long one pull waits on the server (default 5 s, at least 1 s) */
  pullExpiresMs?: number;
  /** On drain, steps still running after this long are cancelled and handed back (default: wait for them) */
  drainTimeoutMs?: number;
  /** Delay before a job whose step could not be run here (runner closed, store unreachable) is offered again */
  retryDelayMs?: number;
  /** Results larger than this (JSON bytes) travel by reference to the store */
  inlineLimitBytes?: number;
  onError?: (error: unknown, context: { stepId?: string; pool: string }) => void;
}

interface Context {
  options: ServeNatsStepsOptions;
  names: NatsNames;
  heartbeatMs: number;
  running: Set<AbortController>;
  report: (error: unknown, stepId?: string) => void;
}

/**
 * A runner pool's side of the step work queue: a durable pull consumer `runner-<pool>` (explicit ack, ack_wait,
 * max_deliver) on `<prefix>.steps.<pool>`. Each job is unpacked from the store, run by `runner` with in-progress
 * heartbeats, its result published to `<prefix>.results.<executionId>` under Nats-Msg-Id = stepId (a redelivered
 * job does not produce a second result within the duplicate window), then acked. A runner that dies holds no
 * lease: its job goes to another runner after ack_wait. The connection is the caller's to close.
 */
export async function serveNatsSteps(options: ServeNatsStepsOptions): Promise<void> {
  const names = natsNames(options.prefix);
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? Math.floor(ackWaitMs / 3);
  if (heartbeatMs <= 0 || heartbeatMs >= ackWaitMs)
    throw new Error(
      `heartbeatMs (${heartbeatMs}) must be positive and shorter than ackWaitMs (${ackWaitMs})`,
    );
  const jsm = await options.js.jetstreamManager();
  await ensureDurableConsumer(jsm, {
    stream: names.stepsStream,
    durable: names.runnerConsumer(options.pool),
    filterSubject: names.stepsSubject(options.pool),
    ackWaitMs,
    maxDeliver: options.maxDeliver ?? 5,
  });
  const consumer = await options.js.consumers.get(names.stepsStream, names.runnerConsumer(options.pool));
  const report = (error: unknown, stepId?: string) =>
    options.onError?.(error, { pool: options.pool, ...(stepId ? { stepId } : {}) });
  const ctx: Context = { options, names, heartbeatMs, running: new Set(), report };

  let drainTimer: NodeJS.Timeout | undefined;
  const cancelAfterDrainTimeout = () => {
    if (options.drainTimeoutMs === undefined) return;
    drainTimer = setTimeout(() => ctx.running.forEach((c) => c.abort()), options.drainTimeoutMs);
  };
  options.signal.addEventListener('abort', cancelAfterDrainTimeout, { once: true });
  try {
    await runPullWorkers({
      consumer,
      concurrency: options.concurrency ?? 1,
      expiresMs: options.pullExpiresMs ?? 5_000,
      signal: options.signal,
      handle: (message) => handleJob(message, ctx),
      onError: (error) => report(error),
    });
  } finally {
    clearTimeout(drainTimer);
    options.signal.removeEventListener('abort', cancelAfterDrainTimeout);
  }
}

async function handleJob(message: JsMsg, ctx: Context): Promise<void> {
  const job = parseJob(message);
  if (typeof job === 'string') return refuse(message, job, ctx);
  const cancel = new AbortController();
  ctx.running.add(cancel);
  try {
    await withHeartbeat(message, ctx.heartbeatMs, async () => {
      const result = await runJob(job, ctx, cancel.signal);
      // Cancelled by the drain timeout, or not runnable here: another runner takes it.
      if (result === undefined || cancel.signal.aborted) {
        message.nak(cancel.signal.aborted ? 0 : (ctx.options.retryDelayMs ?? 1_000));
        return;
      }
      await publishResult(job, result, ctx);
      if (await message.ackAck()) await deleteRefs(job, ctx);
    });
  } catch (error) {
    // Publishing or acking failed (connection lost): unacked, the job is redelivered after ack_wait.
    ctx.report(error, job.stepId);
  } finally {
    ctx.running.delete(cancel);
  }
}

/** The step's result; undefined when this runner could not run it (the job should be offered again). */
async function runJob(
  job: PackedStepJob,
  ctx: Context,
  signal: AbortSignal,
): Promise<StepResult | undefined> {
  let missing: string | undefined;
  const fetch = async (ref: string) => {
    const value = await ctx.options.store.get(ref);
    if (value === undefined) missing = ref;
    return value;
  };
  try {
    return await ctx.options.runner.run(await unpackJob(job, fetch), signal);
  } catch (error) {
    ctx.report(error, job.stepId);
    if (missing === undefined) return undefined;
    // The job's data expired or was deleted: no runner can run it, so it fails now instead of after N tries.
    const message = `step data '${missing}' is gone from the data store`;
    return { ok: false, error: { name: 'RunnerError', message, reason: 'crash', node: job.node.name } };
  }
}

async function publishResult(job: PackedStepJob, result: StepResult, ctx: Context): Promise<void> {
  const { stepId, executionId } = job;
  const packed = await packResult(
    { stepId, executionId, result },
    ctx.options.store,
    ctx.options.inlineLimitBytes,
  );
  await ctx.options.js.publish(ctx.names.resultsSubject(executionId), JSON.stringify(packed), {
    msgID: msgIdOf(stepId),
    expect: { streamName: ctx.names.resultsStream },
  });
}

async function deleteRefs(job: PackedStepJob, ctx: Context): Promise<void> {
  for (const ref of refsOf(job)) {
    try {
      await ctx.options.store.delete(ref);
    } catch (error) {
      // Left to the bucket's TTL.
      ctx.report(error, job.stepId);
    }
  }
}

/** A message no runner can run: kept on the dead subject, then terminated (a work queue drops it at once). */
async function refuse(message: JsMsg, why: string, ctx: Context): Promise<void> {
  const h = headers();
  h.set(DeadLetterHeaders.Reason, 'refused');
  h.set(DeadLetterHeaders.Detail, why);
  h.set(DeadLetterHeaders.Deliveries, String(message.info.deliveryCount));
  h.set(DeadLetterHeaders.StreamSequence, String(message.seq));
  try {
    await ctx.options.js.publish(ctx.names.deadSubject(ctx.options.pool), message.data, {
      headers: h,
      msgID: deadLetterMsgIdOf(ctx.names.stepsStream, message.seq),
      expect: { streamName: ctx.names.deadStream },
    });
  } catch (error) {
    ctx.report(error);
    message.nak(ctx.options.retryDelayMs ?? 1_000);
    return;
  }
  message.term(why);
  ctx.report(new Error(`step job ${message.seq} refused and dead-lettered: ${why}`));
}

/** The packed job a message carries, or why it is not one. */
function parseJob(message: JsMsg): PackedStepJob | string {
  let job: Partial<PackedStepJob> | null;
  try {
    job = message.json<Partial<PackedStepJob> | null>();
  } catch {
    return 'not JSON';
  }
  if (job === null || typeof job !== 'object') return 'not a step job';
  if (typeof job.stepId !== 'string' || typeof job.node?.name !== 'string') return 'not a step job';
  if (!isNatsToken(job.executionId))
    return `executionId ${JSON.stringify(job.executionId)} is not a NATS subject token`;
  return job as PackedStepJob;
}
