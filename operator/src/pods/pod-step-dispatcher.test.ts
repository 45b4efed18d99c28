import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Execution, NodeSpec, StepJob, WorkflowSettings } from '@budflow/runtime';
import { apiError, FakeKubeClient } from '../kube/index.js';
import type { StepDispatcher, StepResultMessage } from '../nats/contracts.js';
import { stepPodName, stepPodPool } from './build-step-pod.js';
import { isolationOf, PodStepDispatcher } from './pod-step-dispatcher.js';

const execution: Execution = {
  apiVersion: 'budflow.io/v1alpha1',
  kind: 'Execution',
  metadata: { name: 'orders-run-42', namespace: 'shop', uid: 'e-uid' },
  spec: { workflowRef: { name: 'orders' }, trigger: { type: 'manual' }, mode: 'production' },
};
const job = (node: Partial<NodeSpec> = {}): StepJob => ({
  stepId: 'e-uid/Heavy/0/1',
  executionId: 'e-uid',
  workflow: { name: 'orders', namespace: 'shop', active: true },
  node: { name: 'Heavy', type: 'code', typeVersion: 2, parameters: {}, ...node },
  runIndex: 0,
  attempt: 1,
  inputs: [[]],
  source: [null],
  runData: {},
  nodeContext: {},
  mode: 'production',
  timezone: 'UTC',
  vars: {},
  env: {},
  now: 0,
  isContinueOnFail: false,
});
const PODS_PATH = '/api/v1/namespaces/shop/pods';

function setup(
  options: { settings?: Partial<WorkflowSettings>; execution?: Execution | undefined; image?: string } = {},
) {
  const client = new FakeKubeClient();
  const published: Array<{ stepId: string; pool: string }> = [];
  const delivered: StepResultMessage[] = [];
  const inner: StepDispatcher = {
    dispatch: async (j, pool) => void published.push({ stepId: j.stepId, pool }),
  };
  const dispatcher = new PodStepDispatcher({
    inner,
    client,
    executionOf: (id) =>
      id === 'e-uid' ? ('execution' in options ? options.execution : execution) : undefined,
    settingsOf: () => ({ executionOrder: 'v1', ...options.settings }),
    deliver: async (message) => void delivered.push(message),
    options: {
      image: 'image' in options ? options.image : 'budflow:1',
      natsUrl: 'nats://nats:4222',
      prefix: 'budflow',
    },
  });
  return { client, published, delivered, dispatcher };
}

describe('isolationOf', () => {
  it.each<[string, NodeSpec['isolation'], WorkflowSettings['isolation'], string]>([
    ['pool by default', undefined, undefined, 'pool'],
    ["the workflow's default", undefined, 'pod', 'pod'],
    ['the node over the workflow', 'pool', 'pod', 'pool'],
    ['the node alone', 'pod', undefined, 'pod'],
  ])('%s', (_name, node, workflow, expected) => {
    expect(
      isolationOf(
        { name: 'n', type: 'set', typeVersion: 1, parameters: {}, ...(node ? { isolation: node } : {}) },
        workflow ? { isolation: workflow } : undefined,
      ),
    ).toBe(expected);
  });
});

describe('PodStepDispatcher', () => {
  it('passes pool steps straight to the pool', async () => {
    const { client, published, dispatcher } = setup();
    await dispatcher.dispatch(job(), 'default');
    expect(client.actions).toEqual([]);
    expect(published).toEqual([{ stepId: 'e-uid/Heavy/0/1', pool: 'default' }]);
  });

  it("creates the step's Pod, then publishes its job to the step's own pool", async () => {
    const { client, published, dispatcher } = setup();
    await dispatcher.dispatch(
      job({ isolation: 'pod', resources: { limits: { memory: '256Mi' } } }),
      'default',
    );
    const name = stepPodName('orders-run-42', 'e-uid/Heavy/0/1');
    expect(client.summary()).toEqual([`create pods shop/${name}`]);
    const pod = client.object<V1Pod>(PODS_PATH, name)!;
    expect(pod.metadata!.ownerReferences![0]).toMatchObject({
      kind: 'Execution',
      uid: 'e-uid',
      controller: true,
    });
    expect(pod.spec!.containers[0]!.resources).toEqual({ limits: { memory: '256Mi' } });
    expect(pod.spec!.containers[0]!.args).toContain(stepPodPool('e-uid/Heavy/0/1'));
    expect(published).toEqual([{ stepId: 'e-uid/Heavy/0/1', pool: stepPodPool('e-uid/Heavy/0/1') }]);
  });

  it("uses the workflow's default isolation and resources", async () => {
    const { client, published, dispatcher } = setup({
      settings: { isolation: 'pod', resources: { requests: { cpu: '50m' }, limits: { cpu: '2' } } },
    });
    await dispatcher.dispatch(job(), 'default');
    const pod = client.object<V1Pod>(PODS_PATH, stepPodName('orders-run-42', 'e-uid/Heavy/0/1'))!;
    expect(pod.spec!.containers[0]!.resources).toEqual({ requests: { cpu: '50m' }, limits: { cpu: '2' } });
    expect(published[0]!.pool).toBe(stepPodPool('e-uid/Heavy/0/1'));
  });

  it('dispatches again without a second Pod (AlreadyExists is fine)', async () => {
    const { client, published, dispatcher } = setup();
    await dispatcher.dispatch(job({ isolation: 'pod' }), 'default');
    await dispatcher.dispatch(job({ isolation: 'pod' }), 'default');
    const name = stepPodName('orders-run-42', 'e-uid/Heavy/0/1');
    expect(client.summary()).toEqual([`create pods shop/${name}`, `create pods shop/${name}`]);
    expect(published).toHaveLength(2);
  });

  it('publishes nothing when the Pod cannot be created (the host dispatches again)', async () => {
    const { client, published, dispatcher } = setup();
    client.prependReactor(() => {
      throw apiError(403, JSON.stringify({ code: 403, reason: 'Forbidden', message: 'pods is forbidden' }), {
        method: 'POST',
        path: PODS_PATH,
      });
    });
    await expect(dispatcher.dispatch(job({ isolation: 'pod' }), 'default')).rejects.toThrow(
      'pods is forbidden',
    );
    expect(published).toEqual([]);
  });

  it('throws while the Execution is not in the cache, so the host dispatches again', async () => {
    const { client, published, dispatcher } = setup({ execution: undefined });
    await expect(dispatcher.dispatch(job({ isolation: 'pod' }), 'default')).rejects.toThrow(
      /not in the cache/,
    );
    expect(client.actions).toEqual([]);
    expect(published).toEqual([]);
  });

  it('fails a pod step when no runner image is configured, never running it in a shared pool', async () => {
    const { client, published, delivered, dispatcher } = setup({ image: undefined });
    await dispatcher.dispatch(job({ isolation: 'pod' }), 'default');
    expect(client.actions).toEqual([]);
    expect(published).toEqual([]);
    expect(delivered).toEqual([
      {
        executionId: 'e-uid',
        stepId: 'e-uid/Heavy/0/1',
        result: {
          ok: false,
          error: {
            name: 'RunnerError',
            reason: 'crash',
            node: 'Heavy',
            message:
              "node 'Heavy' asks for isolation 'pod', but the operator has no runner image (budflow operator --runner-image)",
          },
        },
      },
    ]);
  });
});
