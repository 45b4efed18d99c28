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

function fake(workflow: Workflow) {
  let current = workflow;
  const actions: string[] = [];
  const deps = {
    getWorkflow: () => current,
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
    expect(valid.message).toMatch(/spec\.nodes\[1\]\.type: workflow 'wf': node 'Fields': unknown node type 'sett' \(did you mean 'set'\?\)/);
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
