import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, type TestNamespace } from '@budflow/stack';
import {
  collectionPath,
  createKubeJsonClient,
  EventRecorder,
  EVENTS,
  WORKFLOWS,
  type KubeJsonClient,
} from '../../src/kube/index.js';

interface EventObject {
  metadata: { name: string };
  type: string;
  reason: string;
  note: string;
  eventTime: string;
  regarding: { kind: string; name: string; uid: string };
  series?: { count: number; lastObservedTime: string };
}

interface CoreEvent {
  type: string;
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string };
}

let kc: KubeConfig;
let ns: TestNamespace;
let client: KubeJsonClient;
let workflow: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; uid: string };
};
const errors: unknown[] = [];

function recorder(): EventRecorder {
  return new EventRecorder({
    client,
    reportingController: 'budflow.io/operator',
    reportingInstance: 'operator-test',
    seriesFlushMs: 60_000,
    onError: (error) => errors.push(error),
  });
}

async function events(): Promise<EventObject[]> {
  const list = await client.request<{ items: EventObject[] }>({
    method: 'GET',
    path: collectionPath(EVENTS, ns.name),
  });
  return list.items.sort((a, b) => a.note.localeCompare(b.note));
}

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  ns = await createTestNamespace(kc, 'kube-event-recorder');
  client = createKubeJsonClient(kc);
  workflow = await client.request({
    method: 'POST',
    path: collectionPath(WORKFLOWS, ns.name),
    body: {
      apiVersion: 'budflow.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'orders' },
      spec: { nodes: [{ name: 'Start', type: 'noOp' }] },
    },
  });
});

afterAll(async () => {
  await ns?.delete();
});

describe('EventRecorder on the real apiserver', () => {
  it('records a Warning about a Workflow, aggregates repeats into one series, and continues it after a restart', async () => {
    const first = recorder();
    const note = 'node "Set": parameter "value" is required';
    await first.warning(workflow, 'InvalidParameters', note);
    let [event, ...others] = await events();
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      type: 'Warning',
      reason: 'InvalidParameters',
      note,
      regarding: { kind: 'Workflow', name: 'orders', uid: workflow.metadata.uid },
    });
    expect(event!.eventTime).toMatch(/\.\d{6}Z$/);
    expect(event!.series).toBeUndefined();

    for (let i = 0; i < 3; i++) await first.warning(workflow, 'InvalidParameters', note);
    await first.flush();
    [event, ...others] = await events();
    expect(others).toEqual([]);
    expect(event!.series?.count).toBe(4);
    expect(event!.series?.lastObservedTime).toMatch(/\.\d{6}Z$/);

    // A new leader (or this one restarted) continues the same series instead of starting another object.
    await recorder().warning(workflow, 'InvalidParameters', note);
    [event, ...others] = await events();
    expect(others).toEqual([]);
    expect(event!.series?.count).toBe(5);
    expect(errors).toEqual([]);
  });

  it('keeps a different message apart, and shows events where kubectl describe looks (core/v1)', async () => {
    await recorder().warning(workflow, 'InvalidParameters', 'node "Set": parameter "mode" is unknown');
    expect(await events()).toHaveLength(2);
    const core = await client.request<{ items: CoreEvent[] }>({
      method: 'GET',
      path: `/api/v1/namespaces/${ns.name}/events`,
      query: { fieldSelector: 'involvedObject.kind=Workflow,involvedObject.name=orders' },
    });
    expect(core.items.map((item) => item.message).sort()).toEqual([
      'node "Set": parameter "mode" is unknown',
      'node "Set": parameter "value" is required',
    ]);
    expect(core.items.every((item) => item.type === 'Warning' && item.reason === 'InvalidParameters')).toBe(
      true,
    );
    expect(errors).toEqual([]);
  });
});
