import { describe, expect, it } from 'vitest';
import type { Workflow } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { reconcileWorkflow } from './workflow-reconciler.js';

const registry = createNodeRegistry();
const good = (): Workflow => ({
  apiVersion: 'budflow.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'wf', namespace: 'team', generation: 3 } as Workflow['metadata'],
  spec: {
    nodes: [
      { name: 'Start', type: 'manualTrigger', typeVersion: 1, parameters: {} },
      { name: 'Fields', type: 'set', typeVersion: 3.4, parameters: {} },
    ],
    connections: [{ from: 'Start', output: 0, to: 'Fields', input: 0 }],
    settings: { executionOrder: 'v1' },
  },
});

function fake(workflow: Workflow, others: Workflow[] = []) {
  let current = workflow;
  const actions: string[] = [];
  const deps = {
    getWorkflow: () => current,
    listWorkflows: () => [current, ...others],
    writeStatus: async (_w: Workflow, status: NonNullable<Workflow['status']>) => {
      actions.push('status');
      current = { ...current, status };
    },
    warning: async (_w: Workflow, reason: string, message: string) => {
      actions.push(`warning:${reason}:${message}`);
    },
    registry,
    now: () => new Date('2026-11-27T00:00:00Z'),
  };
  return { deps, actions, get: () => current };
}

describe('reconcileWorkflow', () => {
  it('marks a valid workflow Valid and Ready with its observedGeneration, once', async () => {
    const f = fake(good());
    await reconcileWorkflow('team/wf', f.deps);
    await reconcileWorkflow('team/wf', f.deps);
    expect(f.actions).toEqual(['status']);
    expect(f.get().status).toMatchObject({
      observedGeneration: 3,
      conditions: [
        { type: 'Valid', status: 'True', reason: 'Validated', observedGeneration: 3 },
        { type: 'Ready', status: 'True', reason: 'Ready' },
      ],
    });
  });

  it('marks an invalid workflow Valid=False naming node and field, with one Warning Event', async () => {
    const bad = good();
    bad.spec.nodes[1]!.type = 'sett';
    const f = fake(bad);
    await reconcileWorkflow('team/wf', f.deps);
    await reconcileWorkflow('team/wf', f.deps);
    const valid = f.get().status!.conditions!.find((c) => c.type === 'Valid')!;
    expect(valid).toMatchObject({ status: 'False', reason: 'InvalidSpec' });
    expect(valid.message).toMatch(
      /spec\.nodes\[1\]\.type: workflow 'wf': node 'Fields': unknown node type 'sett' \(did you mean 'set'\?\)/,
    );
    expect(f.actions).toHaveLength(2);
    expect(f.actions[1]).toMatch(/^warning:InvalidSpec:/);
  });

  it('keeps lastTransitionTime while the status stays the same', async () => {
    const f = fake(good());
    await reconcileWorkflow('team/wf', f.deps);
    const first = f.get().status!.conditions![0]!.lastTransitionTime;
    f.deps.now = () => new Date('2026-11-28T00:00:00Z');
    const next = { ...f.get(), metadata: { ...f.get().metadata, generation: 4 } as Workflow['metadata'] };
    const g = fake(next);
    g.deps.now = () => new Date('2026-11-28T00:00:00Z');
    await reconcileWorkflow('team/wf', g.deps);
    expect(g.get().status!.conditions![0]!.lastTransitionTime).toBe(first);
    expect(g.get().status!.observedGeneration).toBe(4);
  });
});

describe('webhooks on the Workflow status', () => {
  const webhookWorkflow = (name: string, created: string, path = 'orders/:id'): Workflow => ({
    apiVersion: 'budflow.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name, namespace: 'shop', creationTimestamp: created } as Workflow['metadata'],
    spec: {
      active: true,
      nodes: [
        { name: 'Hook', type: 'webhook', typeVersion: 2, parameters: { path, httpMethod: 'POST' } },
        { name: 'Fields', type: 'set', typeVersion: 3.4, parameters: {} },
      ],
      connections: [{ from: 'Hook', output: 0, to: 'Fields', input: 0 }],
      settings: { executionOrder: 'v1' },
    },
  });

  it('lists the URLs it serves', async () => {
    const f = fake(webhookWorkflow('orders', '2026-01-01T00:00:00Z'));
    await reconcileWorkflow('shop/orders', f.deps);
    expect(f.get().status!.webhooks).toEqual([
      { node: 'Hook', method: 'POST', url: '/webhook/shop/orders/:id' },
    ]);
    expect(f.get().status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
  });

  it('reports a path an older workflow already serves, with a Warning, instead of shadowing it', async () => {
    const older = webhookWorkflow('orders', '2026-01-01T00:00:00Z');
    const f = fake(webhookWorkflow('orders-copy', '2026-02-01T00:00:00Z', 'orders/:orderId'), [older]);
    await reconcileWorkflow('shop/orders-copy', f.deps);
    const ready = f.get().status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'False', reason: 'WebhookPathConflict' });
    expect(ready.message).toBe(
      "webhook POST /webhook/shop/orders/:orderId of node 'Hook' is already served by workflow 'orders'",
    );
    expect(f.actions.some((a) => a.startsWith('warning:WebhookPathConflict:'))).toBe(true);
    // The older one keeps its URL.
    const g = fake(older, [webhookWorkflow('orders-copy', '2026-02-01T00:00:00Z')]);
    await reconcileWorkflow('shop/orders', g.deps);
    expect(g.get().status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
  });
});
