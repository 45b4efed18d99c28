import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { KubeConfig, loadAllYaml } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  applyAndWait,
  createTestNamespace,
  findBinaries,
  loadKubeConfig,
  repoRoot,
  serverSideApply,
  STACK_KEY,
} from '@budflow/stack';
import type { TestNamespace } from '@budflow/stack';
import { collectionPath, createKubeJsonClient, WORKFLOWS } from '../../src/kube/index.js';
import type { KubeJsonClient } from '../../src/kube/index.js';

// The Helm chart on a real apiserver: `helm lint`, `helm template` (real helm, built from Go modules), a server-side
// dry-run of everything it renders (schema, defaulting, admission), and its RBAC applied for real (RBAC
// authorization): each component may make every call it makes, and the grants that matter stay narrow.
const chart = join(repoRoot, 'charts', 'budflow');
const helm = (...args: string[]) =>
  execFileSync(findBinaries().helm, args, { encoding: 'utf8', stdio: 'pipe' });

function render(namespace: string, values: string[] = []): KubernetesObject[] {
  const text = helm(
    'template',
    'budflow',
    chart,
    '--namespace',
    namespace,
    ...values.flatMap((v) => ['--set', v]),
  );
  return (loadAllYaml(text) as Array<KubernetesObject | null>).filter(
    (o): o is KubernetesObject => o !== null,
  );
}

let kc: KubeConfig;
let ns: TestNamespace;
let client: KubeJsonClient;
let applied: KubernetesObject[] = [];

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  ns = await createTestNamespace(kc, 'chart-rbac');
  client = createKubeJsonClient(kc);
  applied = render(ns.name).filter((o) =>
    /^(ServiceAccount|ClusterRole|ClusterRoleBinding|Role|RoleBinding)$/.test(o.kind!),
  );
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

describe('the Helm chart', () => {
  it('lints, and every object it renders is accepted by the apiserver (server-side dry-run)', async () => {
    expect(helm('lint', chart)).toContain('0 chart(s) failed');
    const settings = [
      [],
      [
        'runner.allowBuiltinModules=crypto\\,url',
        'gateway.redisUrl=redis://redis:6379',
        'gateway.publicUrl=https://hooks.example.com',
        'gateway.trustProxy=false',
      ],
    ];
    for (const values of settings) {
      const objects = render(ns.name, values);
      const kinds = objects.map((o) => o.kind).sort();
      for (const kind of [
        'ClusterRole',
        'Deployment',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'Service',
        'ServiceAccount',
      ])
        expect(kinds).toContain(kind);
      for (const object of objects) {
        const namespaced = object.metadata?.namespace !== undefined;
        if (namespaced) expect(object.metadata!.namespace).toBe(ns.name);
        await expect(
          serverSideApply(kc, object, { dryRun: true }),
          `${object.kind} ${object.metadata?.name}`,
        ).resolves.toMatchObject({
          kind: object.kind,
        });
      }
      const gateway = objects.find(
        (o) => o.kind === 'Deployment' && o.metadata?.name === 'budflow-gateway',
      ) as
        | (KubernetesObject & { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } })
        | undefined;
      const args = gateway!.spec.template.spec.containers[0]!.args;
      expect(args[0]).toBe('gateway');
      if (values.length > 0) {
        expect(args).toContain('--redis=redis://redis:6379');
        expect(args).toContain('--public-url=https://hooks.example.com');
        expect(args).not.toContain('--trust-proxy');
        const runner = objects.find(
          (o) => o.kind === 'Deployment' && o.metadata?.name?.startsWith('budflow-runner'),
        ) as
          | (KubernetesObject & {
              spec: {
                template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } };
              };
            })
          | undefined;
        expect(runner!.spec.template.spec.containers[0]!.env).toContainEqual({
          name: 'NODE_FUNCTION_ALLOW_BUILTIN',
          value: 'crypto,url',
        });
      }
    }
  });

  it('starts every component with flags the budflow binary accepts', () => {
    const main = join(repoRoot, 'cli', 'dist', 'main.js');
    const deployments = render(ns.name, ['gateway.redisUrl=redis://127.0.0.1:1']).filter(
      (o) => o.kind === 'Deployment',
    ) as Array<
      KubernetesObject & { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } }
    >;
    expect(deployments.map((d) => d.spec.template.spec.containers[0]!.args[0]).sort()).toEqual([
      'gateway',
      'operator',
      'runner',
    ]);
    for (const deployment of deployments) {
      // Every flag as rendered, NATS pointed at a closed port: the command must get as far as connecting.
      const args = deployment.spec.template.spec.containers[0]!.args.map((arg) =>
        arg.startsWith('--nats=')
          ? '--nats=nats://127.0.0.1:1'
          : arg.startsWith('--port=')
            ? '--port=0'
            : arg,
      );
      let stderr = '';
      try {
        execFileSync(process.execPath, [main, ...args], {
          encoding: 'utf8',
          stdio: 'pipe',
          timeout: 20_000,
          env: { ...process.env, KUBECONFIG: inject(STACK_KEY).kubeconfigPath },
        });
      } catch (error) {
        stderr = String((error as { stderr?: string }).stderr);
      }
      expect(stderr, args.join(' ')).not.toMatch(
        /unknown option|error: option|too many arguments|invalid argument/i,
      );
      expect(stderr, args.join(' ')).toMatch(/CONNECTION_REFUSED|ECONNREFUSED|connect/i);
    }
  });

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
