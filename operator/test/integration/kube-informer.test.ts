import { createServer, connect, type Server, type Socket } from 'node:net';
import { KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, type TestNamespace } from '@budflow/stack';
import {
  collectionPath,
  createKubeJsonClient,
  objectPath,
  PODS,
  ResourceInformer,
  WorkQueue,
  WORKFLOWS,
  type KubeJsonClient,
} from '../../src/kube/index.js';

interface Workflow {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; generation?: number };
  spec: { nodes: { name: string; type: string }[] };
}

let kc: KubeConfig;
let ns: TestNamespace;
let client: KubeJsonClient;
const stopAfterAll: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  ns = await createTestNamespace(kc, 'kube-informer');
  client = createKubeJsonClient(kc);
});

afterAll(async () => {
  for (const stop of stopAfterAll) await stop();
  await ns?.delete();
});

function workflow(name: string, nodeType = 'noOp'): Workflow {
  return {
    apiVersion: 'budflow.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name },
    spec: { nodes: [{ name: 'Start', type: nodeType }] },
  };
}

const create = (name: string) =>
  client.request<Workflow>({
    method: 'POST',
    path: collectionPath(WORKFLOWS, ns.name),
    body: workflow(name),
  });
const changeSpec = (name: string, nodeType: string) =>
  client.request<Workflow>({
    method: 'PATCH',
    path: objectPath(WORKFLOWS, ns.name, name),
    contentType: 'application/merge-patch+json',
    body: { spec: { nodes: [{ name: 'Start', type: nodeType }] } },
  });
const remove = (name: string) =>
  client.request({ method: 'DELETE', path: objectPath(WORKFLOWS, ns.name, name) });

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Takes the next key off the queue and marks it done, failing after a timeout. */
async function nextKey(queue: WorkQueue, timeoutMs = 15_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const key = await Promise.race([
    queue.get(),
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error('no key arrived')), timeoutMs)),
    ),
  ]);
  clearTimeout(timer);
  queue.done(key!);
  return key!;
}

/** A TCP pass-through to the apiserver that a test can cut (reset every connection, refuse new ones) and restore. */
async function startCuttableProxy(
  target: URL,
): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((downstream) => {
    if (cut) {
      downstream.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    for (const [a, b] of [
      [downstream, upstream],
      [upstream, downstream],
    ] as const) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}`,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function kubeConfigVia(server: string): KubeConfig {
  const proxied = new KubeConfig();
  proxied.loadFromOptions({
    clusters: kc.clusters.map((cluster) => ({ ...cluster, server })),
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
  return proxied;
}

describe('ResourceInformer on the real apiserver', () => {
  it('sees a Workflow created, updated and deleted, keyed on a work queue and served from its cache', async () => {
    const informer = ResourceInformer.create<Workflow>(kc, WORKFLOWS, { namespace: ns.name });
    stopAfterAll.push(() => informer.stop());
    const queue = new WorkQueue();
    informer.enqueueTo(queue);
    informer.start();
    await informer.hasSynced;
    expect(informer.list()).toEqual([]);

    const created = await create('wf-1');
    expect(await nextKey(queue)).toBe(`${ns.name}/wf-1`);
    expect(informer.get(ns.name, 'wf-1')?.metadata).toMatchObject({
      generation: 1,
      resourceVersion: created.metadata.resourceVersion,
    });

    const updated = await changeSpec('wf-1', 'set');
    expect(await nextKey(queue)).toBe(`${ns.name}/wf-1`);
    expect(informer.get(ns.name, 'wf-1')?.metadata.resourceVersion).toBe(updated.metadata.resourceVersion);
    expect(informer.get(ns.name, 'wf-1')?.spec.nodes[0]?.type).toBe('set');

    await remove('wf-1');
    expect(await nextKey(queue)).toBe(`${ns.name}/wf-1`);
    expect(informer.get(ns.name, 'wf-1')).toBeUndefined();
    queue.shutDown();
  });

  it('lists objects that exist before it starts (all namespaces when none is given)', async () => {
    await create('wf-before');
    const informer = ResourceInformer.create<Workflow>(kc, WORKFLOWS);
    stopAfterAll.push(() => informer.stop());
    informer.start();
    await informer.hasSynced;
    expect(informer.get(ns.name, 'wf-before')?.kind).toBe('Workflow');
    expect(informer.list(ns.name).map((object) => object.metadata.name)).toContain('wf-before');
    await informer.stop();
    await remove('wf-before');
  });

  it('informs on a core kind: Pods selected by label, with kind and apiVersion filled in from the list', async () => {
    const pod = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { 'budflow.io/execution': 'ex-1' } },
      spec: {
        automountServiceAccountToken: false,
        containers: [{ name: 'step', image: 'budflow/runner:test' }],
      },
    });
    const createPod = async (name: string) => {
      // The Pod admission wants the namespace's default ServiceAccount, which the controller manager adds.
      for (let attempt = 0; ; attempt++) {
        try {
          return await client.request({
            method: 'POST',
            path: collectionPath(PODS, ns.name),
            body: pod(name),
          });
        } catch (error) {
          if (attempt > 100) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    await createPod('listed');
    const informer = ResourceInformer.create<KubernetesObject>(kc, PODS, {
      namespace: ns.name,
      labelSelector: 'budflow.io/execution=ex-1',
    });
    stopAfterAll.push(() => informer.stop());
    const queue = new WorkQueue();
    informer.enqueueTo(
      queue,
      (object) => `${object.metadata?.namespace}/${object.metadata?.labels?.['budflow.io/execution']}`,
    );
    informer.start();
    await informer.hasSynced;
    expect(informer.get(ns.name, 'listed')).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    await createPod('watched');
    await waitFor('the watch delivers the Pod', () => informer.get(ns.name, 'watched') !== undefined);
    expect(informer.get(ns.name, 'watched')).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect(await nextKey(queue)).toBe(`${ns.name}/ex-1`);
    await informer.stop();
  });

  it('restarts after its connection fails and resyncs what changed meanwhile', async () => {
    const proxy = await startCuttableProxy(new URL(inject(STACK_KEY).apiServerUrl));
    stopAfterAll.push(() => proxy.close());
    await create('wf-a');
    await create('wf-b');
    const errors: unknown[] = [];
    const informer = ResourceInformer.create<Workflow>(
      kubeConfigVia(proxy.url),
      WORKFLOWS,
      { namespace: ns.name },
      { restartBackoff: { baseMs: 100, maxMs: 500 }, onError: (error) => errors.push(error) },
    );
    stopAfterAll.push(() => informer.stop());
    const queue = new WorkQueue();
    informer.enqueueTo(queue);
    informer.start();
    await informer.hasSynced;
    expect(
      informer
        .list()
        .map((object) => object.metadata.name)
        .sort(),
    ).toEqual(['wf-a', 'wf-b']);
    while (queue.length > 0) await nextKey(queue);

    proxy.cut();
    await waitFor('the informer reports the broken connection', () => errors.length > 0);
    await changeSpec('wf-a', 'set');
    await remove('wf-b');
    await create('wf-c');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few failed restarts
    expect(informer.get(ns.name, 'wf-c')).toBeUndefined();

    proxy.restore();
    await waitFor(
      'the cache has caught up',
      () =>
        informer.get(ns.name, 'wf-a')?.metadata.generation === 2 &&
        informer.get(ns.name, 'wf-b') === undefined &&
        informer.get(ns.name, 'wf-c') !== undefined,
    );
    const keys = new Set<string>();
    while (queue.length > 0) keys.add(await nextKey(queue));
    expect([...keys].sort()).toEqual([`${ns.name}/wf-a`, `${ns.name}/wf-b`, `${ns.name}/wf-c`]);
    await informer.stop();
  });
});
