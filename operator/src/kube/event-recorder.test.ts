import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { EventRecorder } from './event-recorder.js';
import { FakeKubeClient } from './fake-kube-client.js';
import { collectionPath, EVENTS } from './resources.js';
import { KubeApiError } from './typed-errors.js';

const workflow = {
  apiVersion: 'budflow.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'orders', namespace: 'shop', uid: 'u-1', resourceVersion: '7' },
};

let clock: ManualClock;
let client: FakeKubeClient;
let errors: unknown[];

function recorder(instance = 'operator-0'): EventRecorder {
  return new EventRecorder({
    client,
    clock,
    reportingController: 'budflow.io/operator',
    reportingInstance: instance,
    seriesFlushMs: 10_000,
    onError: (error) => errors.push(error),
  });
}

function stored(name: string) {
  return client.object<Record<string, unknown> & { series?: { count: number; lastObservedTime: string } }>(
    collectionPath(EVENTS, 'shop'),
    name,
  );
}

beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  client = new FakeKubeClient();
  errors = [];
});

describe('EventRecorder', () => {
  it('creates an events.k8s.io/v1 Event about the object with a MicroTime eventTime', async () => {
    await recorder().warning(workflow, 'InvalidGraph', 'node "Set": unknown input "X"');
    expect(client.summary()).toHaveLength(1);
    const action = client.actions[0]!;
    expect(action).toMatchObject({ verb: 'create', resource: 'events', namespace: 'shop' });
    expect(action.name).toMatch(/^orders\.[0-9a-f]{16}$/);
    expect(action.body).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: action.name, namespace: 'shop' },
      eventTime: '2026-11-27T04:00:00.000000Z',
      reportingController: 'budflow.io/operator',
      reportingInstance: 'operator-0',
      action: 'Reconcile',
      reason: 'InvalidGraph',
      note: 'node "Set": unknown input "X"',
      type: 'Warning',
      regarding: {
        apiVersion: 'budflow.io/v1alpha1',
        kind: 'Workflow',
        name: 'orders',
        namespace: 'shop',
        uid: 'u-1',
      },
    });
  });

  it('counts repeats into one series, written at most once per flush period', async () => {
    const events = recorder();
    await events.warning(workflow, 'InvalidGraph', 'bad');
    for (let i = 0; i < 5; i++) {
      await clock.advance(1000);
      await events.warning(workflow, 'InvalidGraph', 'bad');
    }
    expect(client.summary().map((line) => line.split(' ')[0])).toEqual(['create']);
    await clock.advance(10_000);
    const name = client.actions[0]!.name!;
    expect(client.summary()).toEqual([`create events shop/${name}`, `patch events shop/${name}`]);
    expect(stored(name)?.series).toEqual({ count: 6, lastObservedTime: '2026-11-27T04:00:05.000000Z' });
    await clock.advance(60_000);
    expect(client.actions).toHaveLength(2);
  });

  it('writes pending repeats on flush', async () => {
    const events = recorder();
    await events.normal(workflow, 'Registered', 'webhook registered');
    await events.normal(workflow, 'Registered', 'webhook registered');
    await events.flush();
    expect(stored(client.actions[0]!.name!)?.series?.count).toBe(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps different notes, reasons and types apart', async () => {
    const events = recorder();
    await events.warning(workflow, 'InvalidGraph', 'a');
    await events.warning(workflow, 'InvalidGraph', 'b');
    await events.warning(workflow, 'InvalidParameters', 'a');
    await events.normal(workflow, 'InvalidGraph', 'a');
    expect(new Set(client.actions.map((action) => action.name)).size).toBe(4);
  });

  it('continues the series an earlier replica or process started', async () => {
    await recorder('operator-0').warning(workflow, 'InvalidGraph', 'bad');
    await recorder('operator-0').warning(workflow, 'InvalidGraph', 'bad');
    const name = client.actions[0]!.name!;
    expect(client.summary()).toEqual([
      `create events shop/${name}`,
      `create events shop/${name}`,
      `get events shop/${name}`,
      `patch events shop/${name}`,
    ]);
    expect(stored(name)?.series?.count).toBe(2);
  });

  it('creates the Event again when it expired between repeats', async () => {
    const events = recorder();
    await events.warning(workflow, 'InvalidGraph', 'bad');
    const name = client.actions[0]!.name!;
    await client.request({ method: 'DELETE', path: `${collectionPath(EVENTS, 'shop')}/${name}` });
    await events.warning(workflow, 'InvalidGraph', 'bad');
    await events.flush();
    expect(client.summary().slice(-2)).toEqual([`patch events shop/${name}`, `create events shop/${name}`]);
    expect(stored(name)?.series?.count).toBe(2);
  });

  it('never rejects: failures go to onError', async () => {
    client.prependReactor(() => {
      throw new KubeApiError(403, { reason: 'Forbidden', message: 'events is forbidden' });
    });
    await expect(recorder().warning(workflow, 'InvalidGraph', 'bad')).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('truncates a note to the 1024 bytes the apiserver allows', async () => {
    await recorder().warning(workflow, 'InvalidGraph', 'é'.repeat(2000));
    const note = (client.actions[0]!.body as { note: string }).note;
    expect(Buffer.byteLength(note)).toBeLessThanOrEqual(1024);
    expect(note.endsWith('...')).toBe(true);
  });
});
