import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, type TestNamespace } from '@budflow/stack';

let kc: KubeConfig;
let core: CoreV1Api;
let ns: TestNamespace;

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  ns = await createTestNamespace(kc, 'controller-manager');
});

afterAll(async () => {
  await ns?.delete();
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

describe('kube-controller-manager', () => {
  it('garbage-collects an object whose owner was deleted', async () => {
    const owner = await core.createNamespacedConfigMap({
      namespace: ns.name,
      body: { metadata: { name: 'owner' } },
    });
    await core.createNamespacedConfigMap({
      namespace: ns.name,
      body: {
        metadata: {
          name: 'dependent',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! },
          ],
        },
      },
    });
    await core.deleteNamespacedConfigMap({
      namespace: ns.name,
      name: 'owner',
      propagationPolicy: 'Background',
    });
    const gone = await eventually(async () => {
      const list = await core.listNamespacedConfigMap({
        namespace: ns.name,
        fieldSelector: 'metadata.name=dependent',
      });
      return list.items.length === 0;
    });
    expect(gone).toBe(true);
  });

  it('creates the default service account in a new namespace', async () => {
    const found = await eventually(async () => {
      const list = await core.listNamespacedServiceAccount({ namespace: ns.name });
      return list.items.some((account) => account.metadata?.name === 'default');
    });
    expect(found).toBe(true);
  });

  it('finishes deleting a namespace', async () => {
    const doomed = await createTestNamespace(kc, 'doomed');
    await core.createNamespacedConfigMap({ namespace: doomed.name, body: { metadata: { name: 'content' } } });
    await doomed.delete();
    const gone = await eventually(async () => {
      const list = await core.listNamespace({ fieldSelector: `metadata.name=${doomed.name}` });
      return list.items.length === 0;
    });
    expect(gone).toBe(true);
  });
});
