import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, type TestNamespace } from '@budflow/stack';
import {
  collectionPath,
  ConflictError,
  createKubeJsonClient,
  findCondition,
  KubeApiError,
  NotFoundError,
  objectPath,
  ResourceInformer,
  runWorkers,
  setCondition,
  splitObjectKey,
  StatusWriter,
  WorkQueue,
  WORKFLOWS,
  type Condition,
  type KubeJsonClient,
} from '../../src/kube/index.js';

interface WorkflowStatus {
  observedGeneration?: number;
  conditions?: Condition[];
}

interface Workflow {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion: string; generation: number };
  spec: { nodes: { name: string; type: string }[] };
  status?: WorkflowStatus;
}

let kc: KubeConfig;
let ns: TestNamespace;
let client: KubeJsonClient;
let writer: StatusWriter;

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  ns = await createTestNamespace(kc, 'kube-status-writer');
  client = createKubeJsonClient(kc);
  writer = new StatusWriter(client, WORKFLOWS);
});

afterAll(async () => {
  await ns?.delete();
});

const create = (name: string, nodeType = 'noOp') =>
  client.request<Workflow>({
    method: 'POST',
    path: collectionPath(WORKFLOWS, ns.name),
    body: {
      apiVersion: 'budflow.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name },
      spec: { nodes: [{ name: 'Start', type: nodeType }] },
    },
  });
const read = (name: string) =>
  client.request<Workflow>({ method: 'GET', path: objectPath(WORKFLOWS, ns.name, name) });

const T0 = Date.UTC(2026, 10, 27, 4, 0, 0);

describe('StatusWriter on the real apiserver', () => {
  it('replaces /status conditioned on the resourceVersion and returns the new one', async () => {
    const workflow = await create('replace');
    const status = {
      observedGeneration: 1,
      conditions: setCondition(
        [],
        { type: 'Valid', status: 'True', reason: 'Validated', message: 'ok', observedGeneration: 1 },
        T0,
      ),
    };
    const result = await writer.replaceStatus<WorkflowStatus, Workflow>(workflow, status);
    expect(result.written).toBe(true);
    expect(result.resourceVersion).not.toBe(workflow.metadata.resourceVersion);
    const stored = await read('replace');
    expect(stored.metadata.resourceVersion).toBe(result.resourceVersion);
    expect(stored.status).toEqual(status);
    expect(stored.metadata.generation).toBe(1);
    expect(stored.spec).toEqual(workflow.spec);
  });

  it('fails a write from a stale resourceVersion with ConflictError caused by the 409', async () => {
    const stale = await create('stale');
    await writer.replaceStatus(stale, { observedGeneration: 1 });
    const error = await writer
      .replaceStatus(stale, { observedGeneration: 2 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).cause).toBeInstanceOf(KubeApiError);
    expect((error as ConflictError).cause).toMatchObject({ code: 409, reason: 'Conflict' });
    expect((await read('stale')).status?.observedGeneration).toBe(1);

    const patch = writer.patchStatus(
      { namespace: ns.name, name: 'stale', resourceVersion: stale.metadata.resourceVersion },
      {
        observedGeneration: 3,
      },
    );
    await expect(patch).rejects.toBeInstanceOf(ConflictError);
  });

  it('merge-patches the status, keeping the fields the patch does not name', async () => {
    const workflow = await create('patch');
    const first = await writer.replaceStatus<WorkflowStatus, Workflow>(workflow, {
      observedGeneration: 1,
      conditions: [
        { type: 'Valid', status: 'True', reason: 'Validated', lastTransitionTime: '2026-11-27T04:00:00Z' },
      ],
    });
    const patched = await writer.patchStatus<Workflow>(
      { namespace: ns.name, name: 'patch', resourceVersion: first.resourceVersion },
      { observedGeneration: 2 },
    );
    expect(patched.object?.status).toEqual({ ...first.object?.status, observedGeneration: 2 });
  });

  it('reports a missing object as NotFoundError', async () => {
    const missing = writer.patchStatus({ namespace: ns.name, name: 'missing', resourceVersion: '1' }, {});
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
  });

  it('drives a sample-controller loop: informer → work queue → reconcile → one status write per change', async () => {
    const informer = ResourceInformer.create<Workflow>(kc, WORKFLOWS, {
      namespace: ns.name,
      fieldSelector: 'metadata.name=looped',
    });
    const queue = new WorkQueue();
    informer.enqueueTo(queue);
    informer.start();
    await informer.hasSynced;
    const writes: number[] = [];
    const errors: unknown[] = [];
    const reconcile = async (key: string) => {
      const { namespace, name } = splitObjectKey(key);
      const workflow = informer.get(namespace, name);
      if (!workflow) return;
      const valid = workflow.spec.nodes.every((node) => node.type !== 'unknown');
      const generation = workflow.metadata.generation;
      const status: WorkflowStatus = {
        ...workflow.status,
        observedGeneration: generation,
        conditions: setCondition(
          workflow.status?.conditions,
          valid
            ? {
                type: 'Valid',
                status: 'True',
                reason: 'Validated',
                message: 'ok',
                observedGeneration: generation,
              }
            : {
                type: 'Valid',
                status: 'False',
                reason: 'UnknownNodeType',
                message: 'node "Start": unknown type',
                observedGeneration: generation,
              },
          Date.now(),
        ),
      };
      const result = await writer.replaceStatus(workflow, status);
      if (result.written) writes.push(generation);
    };
    const workers = runWorkers(queue, reconcile, {
      concurrency: 2,
      onError: (_key, error) => errors.push(error),
    });

    await create('looped', 'unknown');
    await waitFor(
      async () => findCondition((await read('looped')).status?.conditions, 'Valid')?.status === 'False',
    );
    await client.request({
      method: 'PATCH',
      path: objectPath(WORKFLOWS, ns.name, 'looped'),
      contentType: 'application/merge-patch+json',
      body: { spec: { nodes: [{ name: 'Start', type: 'noOp' }] } },
    });
    await waitFor(async () => (await read('looped')).status?.observedGeneration === 2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the status writes' own watch events settle
    const final = await read('looped');
    expect(findCondition(final.status?.conditions, 'Valid')).toMatchObject({
      status: 'True',
      observedGeneration: 2,
    });
    // One write per generation: the watch events of our own status writes converge without writing again.
    expect(writes).toEqual([1, 2]);
    expect(errors.every((error) => error instanceof ConflictError)).toBe(true);
    queue.shutDown();
    await workers;
    await informer.stop();
  });
});

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
