import { describe, expect, it } from 'vitest';
import { MemoryDataStore } from '@budflow/runtime';
import type { ExecutionState, WorkflowSpec } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import type { CreatedRecord, ExecutionLog } from '../nats/contracts.js';
import { MemoryLog, QueueDispatcher } from './execution.test-support.js';
import { ExecutionHost } from './execution-host.js';

const registry = createNodeRegistry();

const timers = {
  set: (at: number, fn: () => void) => setTimeout(fn, Math.max(0, at - Date.now())),
  clear: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};

const steps: Array<{ nodeType: string; ok: boolean; seconds: number }> = [];

function host(
  log: ExecutionLog,
  dispatcher: QueueDispatcher,
  store = new MemoryDataStore(),
  inlineLimitBytes?: number,
) {
  const finished = new Map<string, (s: ExecutionState) => void>();
  const h = new ExecutionHost({
    onStep: (step) => steps.push(step),
    registry,
    log,
    dispatcher,
    store,
    clock: { now: Date.now },
    timers,
    ...(inlineLimitBytes !== undefined ? { inlineLimitBytes } : {}),
    onChange: (id, state) => {
      if (['success', 'error', 'canceled'].includes(state.status)) finished.get(id)?.(state);
    },
  });
  dispatcher.deliver = (m) => h.deliverResult(m);
  const done = (id: string) => new Promise<ExecutionState>((resolve) => finished.set(id, resolve));
  return { h, done };
}

//  Start ──► Fields (Set) ──► Code
const spec: WorkflowSpec = {
  nodes: [
    { name: 'Start', type: 'manualTrigger', typeVersion: 1, parameters: {} },
    {
      name: 'Fields',
      type: 'set',
      typeVersion: 3.4,
      parameters: {
        assignments: {
          assignments: [{ id: 'a', name: 'twice', type: 'number', value: '={{ $json.n * 2 }}' }],
        },
        includeOtherFields: true,
      },
    },
    {
      name: 'Code',
      type: 'code',
      typeVersion: 2,
      parameters: {
        jsCode:
          'return $input.all().map((i) => ({ json: { ...i.json, pad: "x".repeat($json?.pad ?? 10) } }));',
      },
    },
  ],
  connections: [
    { from: 'Start', output: 0, to: 'Fields', input: 0 },
    { from: 'Fields', output: 0, to: 'Code', input: 0 },
  ],
  settings: { executionOrder: 'v1' },
};
const created = (n: number): CreatedRecord => ({
  kind: 'created',
  namespace: 'team',
  name: `ex-${n}`,
  workflowName: 'wf',
  spec,
  mode: 'production',
  triggerItems: [{ json: { n } }],
  at: Date.now(),
});

describe('ExecutionHost', () => {
  it('runs an execution through the dispatcher, writing every fact to the log first', async () => {
    const log = new MemoryLog();
    const dispatcher = new QueueDispatcher();
    const { h, done } = host(log, dispatcher);
    const finished = done('uid-1');
    await h.ensure('uid-1', () => created(21));
    const state = await finished;
    expect(state.status).toBe('success');
    expect(state.runData.Code![0]!.data!.main[0]![0]!.json).toMatchObject({ n: 21, twice: 42 });
    const kinds = log.records.get('uid-1')!.map((r) => (r.kind === 'created' ? 'created' : r.event.type));
    expect(kinds).toEqual(['created', 'executionStarted', 'stepSucceeded', 'stepSucceeded', 'stepSucceeded']);
    // One observation per step, with its node type (the step-duration metric).
    expect(steps.slice(-3).map((s) => [s.nodeType, s.ok, s.seconds >= 0])).toEqual([
      ['manualTrigger', true, true],
      ['set', true, true],
      ['code', true, true],
    ]);
  });

  it('a new leader replays the log and finishes the step that was in flight, running nothing twice', async () => {
    const log = new MemoryLog();
    const first = new QueueDispatcher();
    first.hold = true;
    const { h: leader } = host(log, first);
    await leader.ensure('uid-2', () => created(5));
    await first.run(first.jobs[0]!); // Start runs; Fields is dispatched and held in the queue
    await new Promise((r) => setTimeout(r, 10));
    expect(first.jobs.map((j) => j.node.name)).toEqual(['Start', 'Fields']);
    // The leader dies while Fields is in flight.
    leader.stop();
    const inFlight = log.records.get('uid-2')!.length;

    const second = new QueueDispatcher();
    for (const id of first.seen) second.seen.add(id); // the queue still holds (and dedupes) what was published
    const { h: next, done } = host(log, second);
    const finished = done('uid-2');
    await next.ensure('uid-2', () => {
      throw new Error('must not create again');
    });
    expect(second.jobs).toEqual([]); // re-dispatched under the same id: deduplicated, not run twice
    await second.run(first.jobs[1]!); // a runner takes the queued Fields job now
    const state = await finished;
    expect(state.status).toBe('success');
    expect(log.records.get('uid-2')!.length).toBeGreaterThanOrEqual(inFlight);
    const stepIds = log.records
      .get('uid-2')!
      .flatMap((r) => (r.kind === 'event' && r.event.type === 'stepSucceeded' ? [r.event.stepId] : []));
    expect(new Set(stepIds).size).toBe(stepIds.length);
    expect(stepIds).toHaveLength(3);
  });

  it('keeps large step outputs out of the log, by reference', async () => {
    const log = new MemoryLog();
    const store = new MemoryDataStore();
    const dispatcher = new QueueDispatcher();
    const { h, done } = host(log, dispatcher, store, 20);
    const finished = done('uid-3');
    await h.ensure('uid-3', () => created(1));
    expect((await finished).status).toBe('success');
    const refs = log.records
      .get('uid-3')!
      .flatMap((r) => (r.kind === 'event' && r.outputsRef ? [r.outputsRef] : []));
    expect(refs.length).toBeGreaterThan(0);
    // A replay from the log alone (plus the store) gives the same run data.
    const { h: other } = host(log, new QueueDispatcher(), store);
    const replayed = await other.ensure('uid-3', () => created(1));
    expect(replayed.runData.Code![0]!.data!.main).toEqual(
      (await h.ensure('uid-3', () => created(1))).runData.Code![0]!.data!.main,
    );
  });

  it('starts with trigger items from the data store (dataRef), and keeps large inline ones out of the log', async () => {
    const log = new MemoryLog();
    const store = new MemoryDataStore();
    await store.put('triggers/big/items', JSON.stringify([{ json: { n: 4, pad: 3 } }]));
    const { h, done } = host(log, new QueueDispatcher(), store, 64);
    const finishedRef = done('uid-ref');
    const { triggerItems: _inline, ...byReference } = created(0);
    await h.ensure('uid-ref', () => ({ ...byReference, triggerItemsRef: 'triggers/big/items' }));
    const state = await finishedRef;
    expect(state.runData.Code![0]!.data!.main[0]![0]!.json).toEqual({ n: 4, pad: 'xxx', twice: 8 });
    const started = log.records.get('uid-ref')![1]!;
    expect(started).toMatchObject({ kind: 'event', triggerItemsRef: 'triggers/big/items' });
    expect(started.kind === 'event' && 'triggerItems' in started.event).toBe(false);

    const finishedInline = done('uid-inline');
    await h.ensure('uid-inline', () => ({
      ...created(2),
      triggerItems: [{ json: { n: 2, note: 'y'.repeat(200) } }],
    }));
    expect((await finishedInline).status).toBe('success');
    const startedInline = log.records.get('uid-inline')![1]!;
    expect(startedInline).toMatchObject({ kind: 'event', triggerItemsRef: 'trigger-items/uid-inline' });
    // A replay (a new leader) reads the items back from the store.
    const { h: other } = host(log, new QueueDispatcher(), store);
    const replayed = await other.ensure('uid-inline', () => {
      throw new Error('must not create again');
    });
    expect(replayed.runData.Start![0]!.data!.main[0]![0]!.json).toMatchObject({ n: 2 });
  });

  it('removes with its log what the log kept by reference: trigger items, large outputs, uploads', async () => {
    const log = new MemoryLog();
    const store = new MemoryDataStore();
    await store.put(
      'triggers/t1/items',
      JSON.stringify([
        { json: { n: 1, pad: 300 }, binary: { file: { id: 'binary/t1/file', mimeType: 'text/csv' } } },
      ]),
    );
    await store.put('binary/t1/file', 'aWQsbmFtZQ==');
    await store.put('unrelated', 'stays');
    const { h, done } = host(log, new QueueDispatcher(), store, 64);
    const finished = done('uid-gc');
    const { triggerItems: _inline, ...byReference } = created(0);
    await h.ensure('uid-gc', () => ({ ...byReference, triggerItemsRef: 'triggers/t1/items' }));
    expect((await finished).status).toBe('success');
    const outputs = log.records
      .get('uid-gc')!
      .flatMap((r) => (r.kind === 'event' && r.outputsRef ? [r.outputsRef] : []));
    expect(outputs.length).toBeGreaterThan(0);

    await h.remove('uid-gc');
    for (const key of ['triggers/t1/items', 'binary/t1/file', ...outputs])
      expect(await store.get(key)).toBeUndefined();
    expect(await store.get('unrelated')).toBe('stays');
    expect(log.records.get('uid-gc') ?? []).toEqual([]);
  });

  it('cancels, and a result that arrives late changes nothing', async () => {
    const log = new MemoryLog();
    const dispatcher = new QueueDispatcher();
    dispatcher.hold = true;
    const { h, done } = host(log, dispatcher);
    const finished = done('uid-4');
    await h.ensure('uid-4', () => created(1));
    await h.cancel('uid-4', 'stop please');
    expect((await finished).status).toBe('canceled');
    await dispatcher.run(dispatcher.jobs[0]!);
    expect(h.state('uid-4')!.status).toBe('canceled');
  });
});
