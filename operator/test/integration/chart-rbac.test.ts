import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, loadAllYaml } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyAndWait, createTestNamespace, loadKubeConfig, repoRoot, STACK_KEY } from '@budflow/stack';
import type { TestNamespace } from '@budflow/stack';
import { collectionPath, createKubeJsonClient, WORKFLOWS } from '../../src/kube/index.js';
import type { KubeJsonClient } from '../../src/kube/index.js';

// The chart's RBAC on a real apiserver (RBAC authorization): each component may make every call it makes, and the
// grants that matter stay narrow. Templates are rendered with the release namespace, the only value they use.
const TEMPLATES = ['operator-rbac.yaml', 'gateway-rbac.yaml'];

function render(file: string, namespace: string): KubernetesObject[] {
  const text = readFileSync(join(repoRoot, 'charts', 'budflow', 'templates', file), 'utf8').replaceAll(
    '{{ .Release.Namespace }}',
    namespace,
  );
  if (text.includes('{{')) throw new Error(`${file} uses template values this test does not render`);
  return loadAllYaml(text) as KubernetesObject[];
}

let kc: KubeConfig;
let ns: TestNamespace;
let client: KubeJsonClient;
let applied: KubernetesObject[] = [];

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  ns = await createTestNamespace(kc, 'chart-rbac');
  client = createKubeJsonClient(kc);
  applied = TEMPLATES.flatMap((file) => render(file, ns.name));
  await applyAndWait(kc, applied);
});

afterAll(async () => {
  for (const object of applied.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')) {
    const path = `/apis/rbac.authorization.k8s.io/v1/${object.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings'}/${object.metadata!.name}`;
    await client.request({ method: 'DELETE', path }).catch(() => undefined);
  }
  await ns?.delete();
});

type Check = [
  verb: string,
  resource: string,
  group: string,
  where: 'cluster' | 'release' | 'other',
  allowed: boolean,
];

async function allowed(serviceAccount: string, [verb, resource, group, where]: Check): Promise<boolean> {
  const [name, subresource] = resource.split('/');
  const review = await client.request<{ status: { allowed: boolean } }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: `system:serviceaccount:${ns.name}:${serviceAccount}`,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${ns.name}`, 'system:authenticated'],
        resourceAttributes: {
          verb,
          group,
          resource: name,
          ...(subresource ? { subresource } : {}),
          ...(where === 'release'
            ? { namespace: ns.name }
            : where === 'other'
              ? { namespace: 'team-a' }
              : {}),
        },
      },
    },
  });
  return review.status.allowed;
}

const OPERATOR: Check[] = [
  ['watch', 'workflows', 'budflow.io', 'cluster', true],
  ['list', 'executions', 'budflow.io', 'cluster', true],
  ['create', 'executions', 'budflow.io', 'other', true], // one per webhook trigger
  ['delete', 'executions', 'budflow.io', 'other', true], // TTL after finish
  ['patch', 'executions', 'budflow.io', 'other', true], // its finalizer
  ['update', 'executions/status', 'budflow.io', 'other', true],
  ['update', 'workflows/status', 'budflow.io', 'other', true],
  ['create', 'events', '', 'other', true],
  ['create', 'pods', '', 'other', true], // pod isolation
  ['watch', 'pods', '', 'cluster', true],
  ['get', 'secrets', '', 'other', true], // credentials
  ['update', 'leases', 'coordination.k8s.io', 'release', true],
  ['create', 'workflows', 'budflow.io', 'other', false],
  ['delete', 'workflows', 'budflow.io', 'other', false],
  ['update', 'leases', 'coordination.k8s.io', 'other', false],
  ['create', 'secrets', '', 'other', false],
];

const GATEWAY: Check[] = [
  ['list', 'workflows', 'budflow.io', 'cluster', true],
  ['watch', 'workflows', 'budflow.io', 'cluster', true],
  ['get', 'secrets', '', 'other', true], // webhook credentials
  ['list', 'secrets', '', 'other', false],
  ['create', 'executions', 'budflow.io', 'other', false],
  ['update', 'workflows', 'budflow.io', 'other', false],
  ['update', 'workflows/status', 'budflow.io', 'other', false],
  ['create', 'pods', '', 'other', false],
];

describe('the chart RBAC', () => {
  it.each([
    ['budflow-operator', OPERATOR],
    ['budflow-gateway', GATEWAY],
  ] as const)('grants %s what it uses and no more', async (serviceAccount, checks) => {
    const results = await Promise.all(
      checks.map(async (check) => [...check.slice(0, 4), await allowed(serviceAccount, check)]),
    );
    expect(results).toEqual(checks.map((check) => [...check.slice(0, 4), check[4]]));
  });

  it("lets the gateway list Workflows with its own ServiceAccount's token", async () => {
    await client.request({
      method: 'POST',
      path: collectionPath(WORKFLOWS, ns.name),
      body: {
        apiVersion: 'budflow.io/v1alpha1',
        kind: 'Workflow',
        metadata: { name: 'hook' },
        spec: { nodes: [{ name: 'Hook', type: 'webhook', typeVersion: 2, parameters: { path: 'x' } }] },
      },
    });
    const { status } = await client.request<{ status: { token: string } }>({
      method: 'POST',
      path: `/api/v1/namespaces/${ns.name}/serviceaccounts/budflow-gateway/token`,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 600 },
      },
    });
    const cluster = kc.getCurrentCluster()!;
    const asGateway = new KubeConfig();
    asGateway.loadFromOptions({
      clusters: [{ name: 'stack', server: cluster.server, caData: cluster.caData, caFile: cluster.caFile }],
      users: [{ name: 'gateway', token: status.token }],
      contexts: [{ name: 'gateway', cluster: 'stack', user: 'gateway' }],
      currentContext: 'gateway',
    });
    const gateway = createKubeJsonClient(asGateway);
    const list = await gateway.request<{ items: Array<{ metadata: { name: string } }> }>({
      method: 'GET',
      path: collectionPath(WORKFLOWS),
    });
    expect(list.items.map((w) => w.metadata.name)).toContain('hook');
    await expect(
      gateway.request({ method: 'DELETE', path: `${collectionPath(WORKFLOWS, ns.name)}/hook` }),
    ).rejects.toThrow(/forbidden|403/i);
  });
});
