import { describe, expect, it } from 'vitest';
import { MemoryDataStore } from '@budflow/runtime';
import type { Execution, ExecutionState, ExecutionStatus, Workflow } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { ExecutionHost } from './execution-host.js';
import { EXECUTION_FINALIZER, reconcileExecution } from './execution-reconciler.js';
import type { ExecutionReconcilerDeps } from './execution-reconciler.js';
import { MemoryLog, QueueDispatcher } from './execution.test-support.js';
import { RequeueAfterError } from '../kube/index.js';

const registry = createNodeRegistry();
const workflow: Workflow = {
  apiVersion: 'budflow.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'greet', namespace: 'team' },
  spec: {
    nodes: [
      { name: 'Start', type: 'manualTrigger', typeVersion: 1, parameters: {} },
      {
        name: 'Greet',
        type: 'set',
        typeVersion: 3.4,
        parameters: {
          assignments: {
            assignments: [{ id: 'g', name: 'hi', type: 'string', value: '=hi {{ $json.who }}' }],
          },
        },
      },
    ],
    connections: [{ from: 'Start', output: 0, to: 'Greet', input: 0 }],
    settings: { executionOrder: 'v1' },
  },
};

function execution(
  extra: Partial<Execution['spec']> = {},
  meta: Record<string, unknown> = {},
  status?: ExecutionStatus,
): Execution {
  return {
    apiVersion: 'budflow.io/v1alpha1',
    kind: 'Execution',
    metadata: { name: 'run-1', namespace: 'team', uid: 'uid-1', generation: 1, ...meta },
    spec: {
      workflowRef: { name: 'greet' },
      trigger: { type: 'manual', items: [{ who: 'ada' }] },
      mode: 'production',
      ...extra,
    },
    ...(status ? { status } : {}),
  };
}

/** A recording fake of the API side (sample-controller style): every write is an action, applied to the object. */
function fake(initial: Execution, workflows: Workflow[] = [workflow], store = new MemoryDataStore()) {
  let current: Execution | undefined = initial;
  const actions: string[] = [];
  const changed: string[] = [];
  let last: ExecutionState | undefined;
  const dispatcher = new QueueDispatcher();
  const host = new ExecutionHost({
    registry,
    log: new MemoryLog(),
    dispatcher,
    store,
    clock: { now: Date.now },
    timers: {
      set: (at, fn) => setTimeout(fn, Math.max(0, at - Date.now())),
      clear: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    onChange: (id, state) => {
      changed.push(`${id}:${state.status}`);
      last = state;
    },
  });
  dispatcher.deliver = (m) => host.deliverResult(m);
  const deps: ExecutionReconcilerDeps = {
    getExecution: () => current,
    getWorkflow: (_ns, name) => workflows.find((w) => w.metadata.name === name),
    writeStatus: async (_e, status) => {
      actions.push(`status:${status.phase}`);
      current = { ...current!, status };
    },
    setFinalizer: async (_e, present) => {
      actions.push(`finalizer:${present}`);
      current = {
        ...current!,
        metadata: { ...current!.metadata, finalizers: present ? [EXECUTION_FINALIZER] : [] },
      };
      return current;
    },
    deleteExecution: async () => {
      actions.push('delete');
      current = undefined;
    },
    warning: async (_e, reason) => {
      actions.push(`warning:${reason}`);
    },
    host,
    registry,
    now: Date.now,
  };
  const settle = async () => {
    for (let i = 0; i < 50 && !/Succeeded|Failed|Cancelled/.test(current?.status?.phase ?? ''); i++) {
      await new Promise((r) => setTimeout(r, 10));
      await reconcileExecution('team/run-1', deps);
    }
  };
  return { deps, actions, host, settle, get: () => current, changed, last: () => last };
}

describe('reconcileExecution', () => {
  it('skips the Running write of an execution that finishes within runningStatusDelayMs', async () => {
    const f = fake(execution());
    f.deps.runningStatusDelayMs = 60_000;
    await expect(reconcileExecution('team/run-1', f.deps)).rejects.toBeInstanceOf(RequeueAfterError);
    await f.settle().catch(() => undefined);
    for (let i = 0; i < 50 && f.get()!.status?.phase !== 'Succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await reconcileExecution('team/run-1', f.deps).catch(() => undefined);
    }
    expect(f.actions).toEqual(['finalizer:true', 'status:Succeeded']);
  });

  it('adds its finalizer, runs the execution, and writes status on phase changes only', async () => {
    const f = fake(execution());
    await reconcileExecution('team/run-1', f.deps);
    await f.settle();
    expect(f.actions).toEqual(['finalizer:true', 'status:Running', 'status:Succeeded']);
    expect(f.get()!.status!.nodes).toEqual({
      Start: expect.objectContaining({ phase: 'Succeeded', runs: 1, itemsOut: 1 }),
      Greet: expect.objectContaining({ phase: 'Succeeded', runs: 1, itemsIn: 1, itemsOut: 1 }),
    });
  });

  it('starts with the trigger items the data store holds under spec.trigger.dataRef', async () => {
    const store = new MemoryDataStore();
    await store.put('triggers/abc/items', JSON.stringify([{ json: { who: 'grace' } }]));
    const f = fake(
      execution({ trigger: { type: 'webhook', dataRef: 'triggers/abc/items' } }),
      [workflow],
      store,
    );
    await reconcileExecution('team/run-1', f.deps);
    await f.settle();
    expect(f.get()!.status!.phase).toBe('Succeeded');
    expect(f.last()?.runData.Greet?.[0]?.data?.main[0]?.[0]?.json).toEqual({ hi: 'hi grace' });
  });

  it('fails clearly when the workflow does not exist', async () => {
    const f = fake(execution({ workflowRef: { name: 'nope' } }));
    await reconcileExecution('team/run-1', f.deps);
    expect(f.actions).toEqual(['finalizer:true', 'warning:WorkflowNotFound', 'status:Failed']);
    expect(f.get()!.status!.error!.message).toBe("workflow 'nope' does not exist in namespace 'team'");
  });

  it('runs the snapshot it started from, not a later edit of the workflow', async () => {
    const f = fake(execution({ workflowSnapshot: workflow.spec, workflowRef: { name: 'edited-away' } }), []);
    await reconcileExecution('team/run-1', f.deps);
    await f.settle();
    expect(f.get()!.status!.phase).toBe('Succeeded');
  });

  it('cancels on spec.cancel', async () => {
    const f = fake(execution({ cancel: true }));
    await reconcileExecution('team/run-1', f.deps);
    expect(f.actions).toEqual(['finalizer:true', 'status:Cancelled']);
  });

  it('removes the stored data and its finalizer when deleted', async () => {
    const f = fake(
      execution({}, { finalizers: [EXECUTION_FINALIZER], deletionTimestamp: new Date().toISOString() }),
    );
    await reconcileExecution('team/run-1', f.deps);
    expect(f.actions).toEqual(['finalizer:false']);
  });

  it.each([
    ['expired: deleted', 1, 10_000, ['delete']],
    ['not yet: requeued', 3600, 0, []],
  ])('ttlSecondsAfterFinished, %s', async (_name, ttl, ageMs, expected) => {
    const f = fake(
      execution(
        { ttlSecondsAfterFinished: ttl },
        { finalizers: [EXECUTION_FINALIZER] },
        { phase: 'Succeeded', finishedAt: new Date(Date.now() - ageMs).toISOString() },
      ),
    );
    const outcome = reconcileExecution('team/run-1', f.deps);
    if (expected.length === 0) await expect(outcome).rejects.toBeInstanceOf(RequeueAfterError);
    else await outcome;
    expect(f.actions).toEqual(expected);
  });
});
