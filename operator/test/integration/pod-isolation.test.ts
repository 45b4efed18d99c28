import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { natsNames } from '@budflow/runner';
import { createTestNamespace, loadKubeConfig, STACK_KEY, testPrefix } from '@budflow/stack';
import type { TestNamespace } from '@budflow/stack';
import { stepPodPool } from '../../src/index.js';
import { api, eventually } from './operator.test-support.js';
import { FakeKubelet, startPodOperator } from './pod-isolation.test-support.js';

// `pod` isolation on the real apiserver and NATS JetStream, with no runner pool at all: every step gets its own
// Pod. The stack has no kubelet, so the test plays it: it runs each Pod's container command as a local process
// and reports the Pod's status through /status, or reports the container OOMKilled.
const IMAGE = 'ghcr.io/budflow/budflow:test';
const RESOURCES = { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };

let kc: KubeConfig;
let ns: TestNamespace;
let k: ReturnType<typeof api>;
let prefix: string;
let operator: ReturnType<typeof startPodOperator>;
let kubelet: FakeKubelet;
let nc: NatsConnection;
let jsm: JetStreamManager;

const nodeOf = (pod: V1Pod) => pod.metadata?.annotations?.['budflow.io/node'];
const stepOf = (pod: V1Pod) => pod.metadata!.annotations!['budflow.io/step-id']!;

/** A kubelet that runs every step Pod, except that the container of node 'Hog' is OOMKilled. */
async function kubeletBehaviour(pod: V1Pod, node: FakeKubelet): Promise<void> {
  const running = await node.running(pod);
  if (nodeOf(pod) === 'Hog') {
    await node.terminated(running, 137, 'OOMKilled');
    return;
  }
  const { code, stderr } = await node.run(pod);
  if (code !== 0) console.error(`runner of ${pod.metadata!.name} exited ${code}:\n${stderr}`);
  await node.terminated(running, code);
}

beforeAll(async () => {
  const stack = inject(STACK_KEY);
  kc = loadKubeConfig(stack.kubeconfigPath);
  ns = await createTestNamespace(kc, 'pod-isolation');
  k = api(kc, ns.name);
  prefix = testPrefix('pods');
  nc = await connect({ servers: stack.natsUrl });
  jsm = await jetstream(nc).jetstreamManager();
  operator = startPodOperator(kc, stack.natsUrl, prefix, ns.name, IMAGE);
  kubelet = new FakeKubelet(kc, ns.name, kubeletBehaviour);
});

afterAll(async () => {
  await kubelet?.stop();
  await operator?.stop();
  await nc?.drain();
  await ns?.delete();
});

const finished = (name: string) =>
  eventually(
    async () => {
      const execution = await k.getExecution(name);
      return ['Succeeded', 'Failed', 'Cancelled'].includes(execution.status?.phase) ? execution : undefined;
    },
    60_000,
    `execution ${name} to finish`,
  );

describe('pod isolation', () => {
  it('runs each step in its own restricted Pod, with the node’s resources, to Succeeded', async () => {
    // Start ──► Double (Code, isolation: pod); the workflow's default isolation puts Start in a Pod too.
    await k.createWorkflow('isolated', {
      settings: { isolation: 'pod' },
      nodes: [
        { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
        {
          name: 'Double',
          type: 'code',
          typeVersion: 2,
          isolation: 'pod',
          resources: RESOURCES,
          timeoutSeconds: 90,
          parameters: {
            jsCode: 'return $input.all().map((item) => ({ json: { value: item.json.value * 2 } }));',
          },
        },
      ],
      connections: [{ from: 'Start', to: 'Double' }],
    });
    await k.createExecution('isolated-run', 'isolated', [{ value: 1 }, { value: 2 }, { value: 3 }]);

    const execution = await finished('isolated-run');
    expect(kubelet.errors).toEqual([]);
    expect(execution.status.phase).toBe('Succeeded');
    expect(execution.status.nodes).toMatchObject({
      Start: { phase: 'Succeeded', itemsOut: 3 },
      Double: { phase: 'Succeeded', itemsIn: 3, itemsOut: 3 },
    });

    const pods = kubelet.seen.filter(
      (pod) => pod.metadata!.labels?.['budflow.io/execution'] === 'isolated-run',
    );
    expect(pods.map(nodeOf)).toEqual(['Start', 'Double']);
    const double = pods[1]!;
    const container = double.spec!.containers[0]!;
    expect(double.spec!.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(double.spec!.automountServiceAccountToken).toBe(false);
    expect(double.spec!.restartPolicy).toBe('Never');
    expect(container.image).toBe(IMAGE);
    expect(container.resources).toEqual(RESOURCES);
    expect(double.spec!.activeDeadlineSeconds).toBe(90);
    expect(pods[0]!.spec!.activeDeadlineSeconds).toBe(300);
    expect(double.metadata!.ownerReferences).toEqual([
      {
        apiVersion: 'budflow.io/v1alpha1',
        kind: 'Execution',
        name: 'isolated-run',
        uid: execution.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(stepOf(double)).toBe(`${execution.metadata.uid}/Double/0/1`);
    expect(container.args).toEqual([
      'runner',
      '--nats',
      expect.any(String),
      '--prefix',
      prefix,
      '--pool',
      stepPodPool(stepOf(double)),
      '--one-job',
    ]);

    // Each ended Pod's pool is released on NATS: its runner's durable consumer is gone.
    const names = natsNames(prefix);
    for (const pod of pods) {
      await eventually(
        () =>
          jsm.consumers.info(names.stepsStream, names.runnerConsumer(stepPodPool(stepOf(pod)))).then(
            () => undefined,
            () => true,
          ),
        15_000,
        `the consumer of ${nodeOf(pod)}'s pool to be deleted`,
      );
    }
  });

  it('fails the execution with the memory limit when the step’s container is OOMKilled', async () => {
    await k.createWorkflow('hog', {
      settings: { isolation: 'pod' },
      nodes: [
        { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
        {
          name: 'Hog',
          type: 'code',
          typeVersion: 2,
          resources: { limits: { memory: '64Mi' } },
          parameters: { jsCode: 'const a = []; for (;;) a.push(new Array(1e6).fill(1));' },
        },
      ],
      connections: [{ from: 'Start', to: 'Hog' }],
    });
    await k.createExecution('hog-run', 'hog');

    const execution = await finished('hog-run');
    expect(execution.status.phase).toBe('Failed');
    expect(execution.status.error).toMatchObject({
      node: 'Hog',
      message: 'step exceeded its 64Mi memory limit (OOMKilled)',
    });
    expect(execution.status.nodes.Hog).toMatchObject({
      phase: 'Failed',
      message: 'step exceeded its 64Mi memory limit (OOMKilled)',
    });

    // The job no runner took is purged with the ended Pod's pool.
    const hog = kubelet.seen.find((pod) => nodeOf(pod) === 'Hog')!;
    const subject = natsNames(prefix).stepsSubject(stepPodPool(stepOf(hog)));
    await eventually(
      async () =>
        (await jsm.streams.getMessage(natsNames(prefix).stepsStream, { last_by_subj: subject }))
          ? undefined
          : true,
      15_000,
      "the Hog step's job to be purged",
    );
  });
});
