import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiException,
  CoordinationV1Api,
  CustomObjectsApi,
  VersionApi,
  type KubeConfig,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  applyAndWait,
  createTestNamespace,
  loadKubeConfig,
  readManifests,
  repoRoot,
  requiredVersion,
  STACK_KEY,
  type TestNamespace,
} from '@budflow/stack';

// A CRD of this file's own (crds/ belongs to the generator), as YAML in a folder like crds/: OpenAPI validation,
// a CEL rule, a status subresource. It goes through the same readManifests/applyAndWait as crds/ does.
const group = 'stacktest.budflow.io';
const widgets = { group, version: 'v1', plural: 'widgets' };
const widgetCrdYaml = `
# Generated files often start with a separator and a comment; both must be fine.
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget, listKind: WidgetList }
  versions:
    - name: v1
      served: true
      storage: true
      subresources: { status: {} }
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: { type: integer, minimum: 1 }
                maxSize: { type: integer }
              x-kubernetes-validations:
                - rule: '!has(self.maxSize) || self.size <= self.maxSize'
                  message: size must not exceed maxSize
            status:
              type: object
              properties:
                phase: { type: string }
                observedGeneration: { type: integer }
---
`;

interface Widget {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; generation?: number };
  spec: { size: number; maxSize?: number };
  status?: { phase?: string; observedGeneration?: number };
}

let kc: KubeConfig;
let ns: TestNamespace;
let objects: CustomObjectsApi;

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  ns = await createTestNamespace(kc, 'kube-apiserver');
  objects = kc.makeApiClient(CustomObjectsApi);
  const crdsDir = mkdtempSync(join(tmpdir(), 'budflow-test-crds-'));
  writeFileSync(join(crdsDir, 'widgets.yaml'), widgetCrdYaml);
  await applyAndWait(kc, readManifests(crdsDir));
});

afterAll(async () => {
  await ns?.delete();
});

/** A raw GET against the apiserver, trusting only our CA, as the admin or with no credentials at all. */
function get(path: string, as: 'admin' | 'anonymous'): Promise<{ status: number; body: string }> {
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser()!;
  const b64 = (data?: string) => Buffer.from(data ?? '', 'base64');
  const credentials = as === 'admin' ? { cert: b64(user.certData), key: b64(user.keyData) } : {};
  return new Promise((resolve, reject) => {
    request(`${cluster.server}${path}`, { ca: b64(cluster.caData), ...credentials }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .once('error', reject)
      .end();
  });
}

/**
 * A metav1.MicroTime as the apiserver parses it (`...T04:07:50.974000Z`). client-node types these fields as Date
 * but passes them through unserialized, and JSON.stringify of a Date has only milliseconds.
 */
function microTime(epochMs: number): Date {
  return new Date(epochMs).toISOString().replace(/Z$/, '000Z') as unknown as Date;
}

async function statusCode(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
}

describe('kube-apiserver', () => {
  it('is ready and reports the version pinned in tools/kube/go.mod', async () => {
    expect(await get('/readyz', 'admin')).toEqual({ status: 200, body: 'ok' });
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toBe(
      requiredVersion(join(repoRoot, 'tools/kube/go.mod'), 'k8s.io/kubernetes'),
    );
  });

  it('authorizes with RBAC: the admin certificate lists namespaces, an anonymous request may not', async () => {
    expect((await get('/api/v1/namespaces', 'admin')).status).toBe(200);
    expect([401, 403]).toContain((await get('/api/v1/namespaces', 'anonymous')).status);
  });

  it('round-trips a custom resource through the status subresource', async () => {
    const body: Widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w1' },
      spec: { size: 1 },
    };
    const created = (await objects.createNamespacedCustomObject({
      ...widgets,
      namespace: ns.name,
      body,
    })) as Widget;
    expect(created.metadata.generation).toBe(1);

    // The main resource ignores status; /status ignores spec.
    const ignoredStatus = (await objects.replaceNamespacedCustomObject({
      ...widgets,
      namespace: ns.name,
      name: 'w1',
      body: { ...created, status: { phase: 'Running' } },
    })) as Widget;
    expect(ignoredStatus.status).toBeUndefined();
    const withStatus = (await objects.replaceNamespacedCustomObjectStatus({
      ...widgets,
      namespace: ns.name,
      name: 'w1',
      body: { ...ignoredStatus, spec: { size: 9 }, status: { phase: 'Running', observedGeneration: 1 } },
    })) as Widget;
    expect(withStatus.status).toEqual({ phase: 'Running', observedGeneration: 1 });
    expect(withStatus.spec.size).toBe(1);
    expect(withStatus.metadata.generation).toBe(1);

    const read = (await objects.getNamespacedCustomObject({
      ...widgets,
      namespace: ns.name,
      name: 'w1',
    })) as Widget;
    expect(read.status?.phase).toBe('Running');
  });

  it('rejects a write with a stale resourceVersion with 409 Conflict', async () => {
    const body: Widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w2' },
      spec: { size: 1 },
    };
    const stale = (await objects.createNamespacedCustomObject({
      ...widgets,
      namespace: ns.name,
      body,
    })) as Widget;
    await objects.replaceNamespacedCustomObject({
      ...widgets,
      namespace: ns.name,
      name: 'w2',
      body: { ...stale, spec: { size: 2 } },
    });
    const conflict = objects.replaceNamespacedCustomObjectStatus({
      ...widgets,
      namespace: ns.name,
      name: 'w2',
      body: { ...stale, status: { phase: 'Failed' } },
    });
    expect(await statusCode(conflict)).toBe(409);
  });

  it('validates custom resources against the CRD schema', async () => {
    const body: Widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w3' },
      spec: { size: 0 },
    };
    expect(
      await statusCode(objects.createNamespacedCustomObject({ ...widgets, namespace: ns.name, body })),
    ).toBe(422);
  });

  it('enforces the CEL rule of the CRD', async () => {
    const body: Widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w4' },
      spec: { size: 5, maxSize: 2 },
    };
    const create = objects.createNamespacedCustomObject({ ...widgets, namespace: ns.name, body });
    await expect(create).rejects.toMatchObject({
      code: 422,
      body: expect.stringContaining('size must not exceed maxSize'),
    });
  });

  it('creates and renews a coordination.k8s.io Lease, and a stale renewal conflicts', async () => {
    const leases = kc.makeApiClient(CoordinationV1Api);
    const now = Date.now();
    const lease = await leases.createNamespacedLease({
      namespace: ns.name,
      body: {
        metadata: { name: 'budflow-operator' },
        spec: {
          holderIdentity: 'a',
          leaseDurationSeconds: 15,
          acquireTime: microTime(now),
          renewTime: microTime(now),
        },
      },
    });
    const renewed = await leases.replaceNamespacedLease({
      namespace: ns.name,
      name: 'budflow-operator',
      body: { ...lease, spec: { ...lease.spec, renewTime: microTime(now + 1_000) } },
    });
    expect(renewed.metadata?.resourceVersion).not.toBe(lease.metadata?.resourceVersion);
    expect(String(renewed.spec?.renewTime)).toMatch(/\.\d{6}Z$/);
    // A second candidate that read the Lease before the renewal loses the race.
    const takeover = leases.replaceNamespacedLease({
      namespace: ns.name,
      name: 'budflow-operator',
      body: { ...lease, spec: { ...lease.spec, holderIdentity: 'b', renewTime: microTime(now + 2_000) } },
    });
    expect(await statusCode(takeover)).toBe(409);
    const current = await leases.readNamespacedLease({ namespace: ns.name, name: 'budflow-operator' });
    expect(current.spec?.holderIdentity).toBe('a');
  });

  it('rejects a Lease time sent as a JavaScript Date (client-node 2 sends milliseconds, MicroTime wants six digits)', async () => {
    const leases = kc.makeApiClient(CoordinationV1Api);
    const create = leases.createNamespacedLease({
      namespace: ns.name,
      body: { metadata: { name: 'date-lease' }, spec: { holderIdentity: 'a', renewTime: new Date() } },
    });
    expect(await statusCode(create)).toBe(400);
  });
});
