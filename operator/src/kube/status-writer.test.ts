import { beforeEach, describe, expect, it } from 'vitest';
import { FakeKubeClient } from './fake-kube-client.js';
import { collectionPath, WORKFLOWS } from './resources.js';
import { StatusWriter, type CachedObject } from './status-writer.js';
import { ConflictError, KubeApiError } from './typed-errors.js';

interface WorkflowStatus {
  observedGeneration?: number;
  conditions?: { type: string; status: string }[];
}

let client: FakeKubeClient;
let writer: StatusWriter;
let workflow: CachedObject<WorkflowStatus>;

beforeEach(async () => {
  client = new FakeKubeClient();
  writer = new StatusWriter(client, WORKFLOWS);
  workflow = await client.request({
    method: 'POST',
    path: collectionPath(WORKFLOWS, 'ns'),
    body: {
      apiVersion: 'budflow.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'wf' },
      spec: { nodes: [] },
    },
  });
  client.clearActions();
});

describe('StatusWriter', () => {
  it('replaces the status through /status carrying the resourceVersion it was computed from', async () => {
    const result = await writer.replaceStatus(workflow, { observedGeneration: 1 });
    expect(client.summary()).toEqual(['update workflows/status ns/wf']);
    expect(client.actions[0]!.body).toEqual({
      apiVersion: 'budflow.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'wf', namespace: 'ns', resourceVersion: workflow.metadata!.resourceVersion },
      status: { observedGeneration: 1 },
    });
    expect(result.written).toBe(true);
    expect(result.resourceVersion).not.toBe(workflow.metadata!.resourceVersion);
  });

  it('writes nothing when the status is unchanged', async () => {
    const first = await writer.replaceStatus(workflow, { observedGeneration: 1 });
    client.clearActions();
    const second = await writer.replaceStatus(first.object as CachedObject<WorkflowStatus>, {
      observedGeneration: 1,
    });
    expect(client.actions).toEqual([]);
    expect(second).toEqual({ resourceVersion: first.resourceVersion, object: undefined, written: false });
  });

  it('turns a stale resourceVersion into ConflictError with the 409 as cause', async () => {
    await writer.replaceStatus(workflow, { observedGeneration: 1 });
    const stale = writer.replaceStatus(workflow, { observedGeneration: 2 });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const error = (await stale.catch((caught: unknown) => caught)) as ConflictError;
    expect(error.cause).toBeInstanceOf(KubeApiError);
    expect((error.cause as KubeApiError).code).toBe(409);
  });

  it('merge-patches the status with the resourceVersion as precondition', async () => {
    const target = { namespace: 'ns', name: 'wf', resourceVersion: workflow.metadata!.resourceVersion! };
    const result = await writer.patchStatus(target, { observedGeneration: 3 });
    expect(client.actions).toEqual([
      {
        verb: 'patch',
        resource: 'workflows',
        namespace: 'ns',
        name: 'wf',
        subresource: 'status',
        body: { metadata: { resourceVersion: target.resourceVersion }, status: { observedGeneration: 3 } },
      },
    ]);
    await expect(writer.patchStatus(target, { observedGeneration: 4 })).rejects.toBeInstanceOf(ConflictError);
    expect(result.resourceVersion).toBe((result.object as CachedObject<unknown>).metadata?.resourceVersion);
  });

  it('refuses an unconditional write', async () => {
    const { resourceVersion: _dropped, ...metadata } = workflow.metadata!;
    await expect(writer.replaceStatus({ ...workflow, metadata }, {})).rejects.toThrow(/resourceVersion/);
    await expect(
      writer.patchStatus({ namespace: 'ns', name: 'wf', resourceVersion: '' }, {}),
    ).rejects.toThrow(/resourceVersion/);
    expect(client.actions).toEqual([]);
  });
});
