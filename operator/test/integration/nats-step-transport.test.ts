import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { InProcessStepRunner } from '@budflow/runtime';
import type { Item, NodeSpec, StepJob, StepResult, StepRunner } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import {
  DeadLetterHeaders,
  detectSandboxHost,
  ensureStreams,
  InvalidNatsNameError,
  JetStreamDataStore,
  SandboxedStepRunner,
  serveNatsSteps,
} from '@budflow/runner';
import type { NatsNames, PackedStepJob, ServeNatsStepsOptions } from '@budflow/runner';
import { STACK_KEY, testPrefix } from '@budflow/stack';
import { JetStreamResultSource, JetStreamStepDispatcher } from '../../src/nats/index.js';
import type { StepResultMessage } from '../../src/nats/index.js';

// The step work queue end to end on a real nats-server: the operator's dispatcher and result source, runner pools
// serving jobs with real nodes. Every test gets its own prefix (own streams, consumers and bucket).

const registry = createNodeRegistry();
const inProcess = new InProcessStepRunner({ registry });
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

interface Env {
  prefix: string;
  names: NatsNames;
  js: JetStreamClient;
  jsm: JetStreamManager;
  store: JetStreamDataStore;
  dispatcher: JetStreamStepDispatcher;
  results: StepResultMessage[];
  errors: unknown[];
  /** Starts a runner pool on a connection of its own; `kill` closes that connection without any goodbye. */
  runner(options: Partial<ServeNatsStepsOptions> & { runner: StepRunner }): Promise<RunnerHandle>;
  /** Starts the operator's result source; `handler` may throw to refuse a result. */
  consume(handler?: (m: StepResultMessage) => Promise<void>, nakDelayMs?: number): void;
}

interface RunnerHandle {
  stop(): Promise<void>;
  kill(): Promise<void>;
  done: Promise<void>;
}

async function connectNats(): Promise<NatsConnection> {
  const nc = await connect({ servers: inject(STACK_KEY).natsUrl });
  cleanups.push(() => nc.close());
  return nc;
}

async function environment(options: { inlineLimitBytes?: number } = {}): Promise<Env> {
  const prefix = testPrefix('nats-steps');
  const nc = await connectNats();
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const names = await ensureStreams(jsm, prefix, { duplicateWindowMs: 60_000 });
  cleanups.push(async () => {
    const streams = [names.stepsStream, names.resultsStream, names.eventsStream, names.deadStream];
    for (const stream of [...streams, names.advisoriesStream, `OBJ_${names.dataBucket}`])
      await jsm.streams.delete(stream).catch(() => undefined);
  });
  const store = await JetStreamDataStore.open(js, prefix, { getTimeoutMs: 2_000 });
  const results: StepResultMessage[] = [];
  const errors: unknown[] = [];
  const dispatcher = new JetStreamStepDispatcher({
    js,
    prefix,
    store,
    inlineLimitBytes: options.inlineLimitBytes,
  });
  return {
    prefix,
    names,
    js,
    jsm,
    store,
    dispatcher,
    results,
    errors,
    runner: async (runnerOptions) => {
      const runnerNc = await connectNats();
      const controller = new AbortController();
      const done = serveNatsSteps({
        js: jetstream(runnerNc),
        prefix,
        pool: 'default',
        store: await JetStreamDataStore.open(jetstream(runnerNc), prefix),
        signal: controller.signal,
        ackWaitMs: 2_000,
        heartbeatMs: 500,
        pullExpiresMs: 1_000,
        inlineLimitBytes: options.inlineLimitBytes,
        onError: (error) => errors.push(error),
        ...runnerOptions,
      });
      const stop = async () => {
        controller.abort();
        await done;
      };
      cleanups.push(stop);
      return { stop, kill: () => runnerNc.close(), done };
    },
    consume: (handler = async () => undefined, nakDelayMs = 200) => {
      const controller = new AbortController();
      const source = new JetStreamResultSource({ js, prefix, store, pullExpiresMs: 1_000, nakDelayMs });
      const consuming = source.consume(async (message) => {
        await handler(message);
        results.push(message);
      }, controller.signal);
      cleanups.push(async () => {
        controller.abort();
        await consuming;
      });
    },
  };
}

function job(
  node: Partial<NodeSpec> & Pick<NodeSpec, 'type'>,
  inputs: Item[][] = [[{ json: { n: 1 } }, { json: { n: 2 } }]],
): StepJob {
  const executionId = randomUUID();
  const name = node.name ?? 'Step';
  return {
    stepId: `${executionId}/${name}/0/1`,
    executionId,
    workflow: { name: 'wf', namespace: 'default', active: false },
    node: { name, typeVersion: 1, parameters: {}, ...node },
    runIndex: 0,
    attempt: 1,
    inputs,
    source: [null],
    runData: {},
    nodeContext: {},
    mode: 'manual',
    timezone: 'UTC',
    vars: {},
    env: {},
    now: Date.now(),
    isContinueOnFail: false,
  };
}

const noOp = () => job({ type: 'noOp' });

/** A StepRunner that counts its runs and can hold or fail them. */
function controlled(behaviour: { holdMs?: number; hang?: boolean; fail?: boolean } = {}) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];
  const runner: StepRunner = {
    async run(j, signal): Promise<StepResult> {
      started.push(j.stepId);
      if (behaviour.fail) throw new Error('no sandbox available on this runner');
      if (behaviour.hang) {
        const cancelled = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        await Promise.race([released, cancelled]);
        if (signal.aborted)
          return {
            ok: false,
            error: { name: 'RunnerError', message: 'step cancelled', reason: 'cancelled' },
          };
      }
      if (behaviour.holdMs) await new Promise((r) => setTimeout(r, behaviour.holdMs));
      return inProcess.run(j, signal);
    },
  };
  return { runner, started, release };
}

type Probe<T> = () => T | undefined | false | Promise<T | undefined | false>;

async function until<T>(probe: Probe<T>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stepsLeft(env: Env): Promise<number> {
  return (await env.jsm.streams.info(env.names.stepsStream)).state.messages;
}

describe('NATS step transport', () => {
  it('runs a dispatched Code step in a sandboxed runner and delivers its result exactly once', async () => {
    const env = await environment();
    const sandbox = new SandboxedStepRunner({ host: detectSandboxHost(), size: 1, stepTimeoutMs: 20_000 });
    cleanups.push(() => sandbox.close());
    await env.runner({ runner: sandbox });
    env.consume();

    const code = job({
      type: 'code',
      typeVersion: 2,
      parameters: { jsCode: 'return $input.all().map((i) => ({ json: { doubled: i.json.n * 2 } }))' },
    });
    await env.dispatcher.dispatch(code, 'default');

    const [message] = await until(() => env.results.length > 0 && env.results, 'the result');
    expect(message).toMatchObject({
      stepId: code.stepId,
      executionId: code.executionId,
      result: { ok: true },
    });
    const outputs = (message!.result as Extract<StepResult, { ok: true }>).outputs[0]!;
    expect(outputs.map((i) => i.json.doubled)).toEqual([2, 4]);
    // User code ran in a sandboxed child process, not in this one.
    expect(sandbox.pids()).toEqual([{ pid: expect.any(Number), namespace: 'default', jobs: 1 }]);
    await settle(1_000);
    expect(env.results).toHaveLength(1);
    expect(await stepsLeft(env)).toBe(0);
  });

  it('runs a step dispatched twice under one step id once', async () => {
    const env = await environment();
    const step = noOp();
    const first = await env.dispatcher.publish(step, 'default');
    const again = await env.dispatcher.publish(step, 'default');
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, seq: first.seq });

    const { runner, started } = controlled();
    await env.runner({ runner });
    env.consume();
    await until(() => env.results.length > 0, 'the result');
    await settle(1_500);
    expect(started).toEqual([step.stepId]);
    expect(env.results).toHaveLength(1);
  });

  it('refuses an execution id that is not a subject token before publishing anything', async () => {
    const env = await environment();
    const bad = { ...noOp(), executionId: 'default.my-run' };
    await expect(env.dispatcher.dispatch(bad, 'default')).rejects.toThrow(InvalidNatsNameError);
    await expect(env.dispatcher.dispatch(noOp(), 'gpu.large')).rejects.toThrow(/pool "gpu.large"/);
    expect(await stepsLeft(env)).toBe(0);
  });

  it('hands the job of a runner that dies mid-step to another runner', async () => {
    const env = await environment();
    env.consume();
    const dying = controlled({ hang: true });
    const a = await env.runner({ runner: dying.runner, ackWaitMs: 1_500, heartbeatMs: 400 });
    const step = noOp();
    await env.dispatcher.dispatch(step, 'default');
    await until(() => dying.started.length > 0, 'runner A to start the step');
    await a.kill();

    const healthy = controlled();
    await env.runner({ runner: healthy.runner, ackWaitMs: 1_500, heartbeatMs: 400 });
    const [message] = await until(() => env.results.length > 0 && env.results, 'the result from runner B');
    expect(healthy.started).toEqual([step.stepId]);
    expect(message).toMatchObject({ stepId: step.stepId, result: { ok: true } });

    // Runner A's step finishes after its death: it can publish nothing.
    dying.release();
    await a.stop();
    await settle(1_000);
    expect(env.results).toHaveLength(1);
    expect(await stepsLeft(env)).toBe(0);
  });

  it('keeps a step that runs longer than ack_wait on its runner with heartbeats', async () => {
    const env = await environment();
    env.consume();
    const slow = controlled({ holdMs: 4_000 });
    const other = controlled();
    await env.runner({ runner: slow.runner, ackWaitMs: 1_000, heartbeatMs: 250 });
    const step = noOp();
    await env.dispatcher.dispatch(step, 'default');
    await until(() => slow.started.length > 0, 'the slow runner to start');
    // A second runner is pulling all along: a redelivery would reach it.
    await env.runner({ runner: other.runner, ackWaitMs: 1_000, heartbeatMs: 250 });

    await until(() => env.results.length > 0, 'the result', 10_000);
    await settle(1_500);
    expect(slow.started).toEqual([step.stepId]);
    expect(other.started).toEqual([]);
    expect(env.results).toHaveLength(1);
    const info = await env.jsm.consumers.info(env.names.stepsStream, env.names.runnerConsumer('default'));
    expect(info.num_redelivered).toBe(0);
  });

  it('dead-letters a job no runner finishes: a crash result arrives and the job is on the dead subject', async () => {
    const env = await environment();
    env.consume();
    const broken = controlled({ fail: true });
    await env.runner({ runner: broken.runner, maxDeliver: 2, retryDelayMs: 100 });
    const step = noOp();
    await env.dispatcher.dispatch(step, 'default');

    const [message] = await until(() => env.results.length > 0 && env.results, 'the dead-letter result');
    expect(message).toEqual({
      stepId: step.stepId,
      executionId: step.executionId,
      result: {
        ok: false,
        error: {
          name: 'RunnerError',
          reason: 'crash',
          message: 'step abandoned after 2 deliveries: no runner finished it',
          node: 'Step',
        },
      },
    });
    expect(broken.started).toEqual([step.stepId, step.stepId]);

    const dead = await env.jsm.streams.getMessage(env.names.deadStream, {
      last_by_subj: env.names.deadSubject('default'),
    });
    expect(dead?.json<PackedStepJob>()).toMatchObject({ stepId: step.stepId, executionId: step.executionId });
    expect(dead?.header.get(DeadLetterHeaders.Reason)).toBe('max_deliveries');
    expect(dead?.header.get(DeadLetterHeaders.StepId)).toBe(step.stepId);
    await until(async () => (await stepsLeft(env)) === 0, 'the job to leave the work queue');
    await settle(1_000);
    expect(env.results).toHaveLength(1);
  });

  it('dead-letters a message that is not a step job, without a result', async () => {
    const env = await environment();
    env.consume();
    await env.runner({ runner: controlled().runner });
    await env.js.publish(env.names.stepsSubject('default'), 'not json at all');

    const dead = await until(async () => {
      const stored = await env.jsm.streams
        .getMessage(env.names.deadStream, { last_by_subj: env.names.deadSubject('default') })
        .catch(() => null);
      return stored ?? undefined;
    }, 'the dead letter');
    expect(dead.string()).toBe('not json at all');
    expect(dead.header.get(DeadLetterHeaders.Reason)).toBe('refused');
    expect(dead.header.get(DeadLetterHeaders.Detail)).toBe('not JSON');
    expect(await stepsLeft(env)).toBe(0);
    expect(env.results).toEqual([]);
  });

  it('passes large inputs and results through the object store and deletes them when done', async () => {
    const env = await environment({ inlineLimitBytes: 1_024 });
    const items = Array.from({ length: 200 }, (_, i) => ({ json: { i, text: 'x'.repeat(1_000) } }));
    const step = job({ type: 'noOp' }, [items]);
    await env.dispatcher.dispatch(step, 'default');

    const queued = await env.jsm.streams.getMessage(env.names.stepsStream, {
      last_by_subj: env.names.stepsSubject('default'),
    });
    const packed = queued!.json<PackedStepJob>();
    expect(queued!.data.length).toBeLessThan(4_096);
    expect(packed.inputs).toEqual({ $ref: `steps/${step.stepId}/inputs`, bytes: expect.any(Number) });
    expect(await env.store.get(`steps/${step.stepId}/inputs`)).toBe(JSON.stringify([items]));

    await env.runner({ runner: inProcess });
    env.consume();
    const [message] = await until(() => env.results.length > 0 && env.results, 'the result');
    const outputs = (message!.result as Extract<StepResult, { ok: true }>).outputs[0]!;
    expect(outputs.map((item) => item.json)).toEqual(items.map((item) => item.json));
    await until(
      async () => (await env.store.get(`steps/${step.stepId}/inputs`)) === undefined,
      'inputs deleted',
    );
    await until(async () => (await env.store.get(`results/${step.stepId}`)) === undefined, 'result deleted');
  });

  it('delivers a result again, later, when the handler throws, and acks it once the handler resolves', async () => {
    const env = await environment();
    let calls = 0;
    env.consume(async () => {
      calls++;
      if (calls === 1) throw new Error('status write conflict');
    });
    await env.runner({ runner: inProcess });
    const step = noOp();
    const started = Date.now();
    await env.dispatcher.dispatch(step, 'default');
    await until(() => env.results.length > 0, 'the result');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await until(
      async () => (await env.jsm.streams.info(env.names.resultsStream)).state.messages === 0,
      'acked',
    );
    const info = await env.jsm.consumers.info(env.names.resultsStream, env.names.resultsConsumer);
    expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
  });

  it('drains on abort: stops pulling, finishes the step in progress, publishes its result, then resolves', async () => {
    const env = await environment();
    env.consume();
    const slow = controlled({ holdMs: 1_500 });
    const runner = await env.runner({ runner: slow.runner });
    const first = noOp();
    await env.dispatcher.dispatch(first, 'default');
    await until(() => slow.started.length > 0, 'the step to start');
    await runner.stop();
    expect(env.errors).toEqual([]);
    await until(() => env.results.length > 0, 'the result of the drained step');
    expect(env.results[0]).toMatchObject({ stepId: first.stepId, result: { ok: true } });

    // Stopped: a job dispatched now waits in the queue for the next runner.
    await env.dispatcher.dispatch(noOp(), 'default');
    await settle(1_000);
    expect(slow.started).toHaveLength(1);
    expect(await stepsLeft(env)).toBe(1);
  });

  it('on drain, cancels a step still running after drainTimeoutMs and hands its job straight to another runner', async () => {
    const env = await environment();
    env.consume();
    const stuck = controlled({ hang: true });
    const a = await env.runner({
      runner: stuck.runner,
      ackWaitMs: 30_000,
      heartbeatMs: 1_000,
      drainTimeoutMs: 300,
    });
    const step = noOp();
    await env.dispatcher.dispatch(step, 'default');
    await until(() => stuck.started.length > 0, 'runner A to start the step');
    await a.stop();

    const healthy = controlled();
    await env.runner({ runner: healthy.runner, ackWaitMs: 30_000, heartbeatMs: 1_000 });
    // Well before ack_wait: the job was handed back, not abandoned.
    const [message] = await until(
      () => env.results.length > 0 && env.results,
      'the result from runner B',
      5_000,
    );
    expect(message).toMatchObject({ stepId: step.stepId, result: { ok: true } });
    expect(healthy.started).toEqual([step.stepId]);
  });
});
