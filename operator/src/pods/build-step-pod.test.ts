import { describe, expect, it } from 'vitest';
import type { Execution, StepJob } from '@budflow/runtime';
import { buildStepPod, stepPodName, stepPodPool } from './build-step-pod.js';

const execution: Execution = {
  apiVersion: 'budflow.io/v1alpha1',
  kind: 'Execution',
  metadata: { name: 'orders-run-42', namespace: 'shop', uid: 'e-uid' },
  spec: { workflowRef: { name: 'orders' }, trigger: { type: 'manual' }, mode: 'production' },
};
const job = (extra: Partial<StepJob['node']> = {}, limits?: Record<string, string>): StepJob => ({
  stepId: 'e-uid/Heavy Code/0/1',
  executionId: 'e-uid',
  workflow: { name: 'orders', namespace: 'shop', active: true },
  node: { name: 'Heavy Code', type: 'code', typeVersion: 2, parameters: {}, ...extra },
  runIndex: 0,
  attempt: 1,
  inputs: [[]],
  source: [null],
  runData: {},
  nodeContext: {},
  mode: 'production',
  timezone: 'Europe/Berlin',
  vars: {},
  env: {},
  now: 0,
  isContinueOnFail: false,
  ...(limits ? { limits } : {}),
});
const options = { image: 'ghcr.io/budflow/budflow:0.1.0', natsUrl: 'nats://nats:4222', prefix: 'budflow' };

describe('buildStepPod', () => {
  const pod = buildStepPod(job({ resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi', 'ephemeral-storage': '100Mi' } }, timeoutSeconds: 45 }), execution, options);
  const container = pod.spec!.containers[0]!;

  it('satisfies the restricted Pod Security profile', () => {
    expect(pod.spec!.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 65532,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.spec!.automountServiceAccountToken).toBe(false);
    expect(pod.spec!.hostNetwork ?? false).toBe(false);
    expect(pod.spec!.restartPolicy).toBe('Never');
    expect(pod.spec!.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '100Mi' } }]);
  });

  it("takes the node's resources and timeout", () => {
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi', 'ephemeral-storage': '100Mi' } });
    expect(pod.spec!.activeDeadlineSeconds).toBe(45);
    expect(container.env).toEqual([{ name: 'TZ', value: 'Europe/Berlin' }]);
  });

  it('is owned by its Execution and named deterministically', () => {
    expect(pod.metadata!.ownerReferences).toEqual([{ apiVersion: 'budflow.io/v1alpha1', kind: 'Execution', name: 'orders-run-42', uid: 'e-uid', controller: true, blockOwnerDeletion: true }]);
    expect(pod.metadata!.name).toBe(stepPodName('orders-run-42', 'e-uid/Heavy Code/0/1'));
    expect(pod.metadata!.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(pod.metadata!.name!.length).toBeLessThanOrEqual(63);
    expect(buildStepPod(job(), execution, options).metadata!.name).toBe(pod.metadata!.name);
    expect(stepPodName('orders-run-42', 'e-uid/Heavy Code/0/2')).not.toBe(pod.metadata!.name);
    expect(stepPodName('x'.repeat(80), 'a').length).toBeLessThanOrEqual(63);
  });

  it('runs the runner for exactly its own step', () => {
    expect(container.args).toEqual(['runner', '--nats', 'nats://nats:4222', '--prefix', 'budflow', '--pool', stepPodPool('e-uid/Heavy Code/0/1'), '--one-job']);
  });

  it('uses defaults, and workflow-level limits over them', () => {
    const plain = buildStepPod(job({}, { memory: '1Gi' }), execution, options);
    expect(plain.spec!.containers[0]!.resources!.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(plain.spec!.activeDeadlineSeconds).toBe(300);
  });
});
