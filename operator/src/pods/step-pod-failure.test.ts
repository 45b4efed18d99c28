import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deletedStepPodFailure, imagePullDeadline, stepOfPod, stepPodFailure } from './step-pod-failure.js';

const START = '2026-01-01T00:00:00Z';
const startMs = Date.parse(START);

/** A step Pod as buildStepPod makes it, with `status` as the kubelet reports it. */
function pod(status: V1Pod['status'] = {}, memory: string | null = '256Mi'): V1Pod {
  return {
    metadata: {
      name: 'orders-run-42-step-abc',
      namespace: 'shop',
      uid: 'pod-uid',
      annotations: { 'budflow.io/step-id': 'e-uid/Heavy/0/1', 'budflow.io/node': 'Heavy' },
      ownerReferences: [
        {
          apiVersion: 'budflow.io/v1alpha1',
          kind: 'Execution',
          name: 'orders-run-42',
          uid: 'e-uid',
          controller: true,
        },
      ],
    },
    spec: {
      activeDeadlineSeconds: 45,
      containers: [{ name: 'runner', image: 'budflow:1', resources: memory ? { limits: { memory } } : {} }],
    },
    status: { startTime: START as unknown as Date, ...status },
  };
}
const container = (state: V1ContainerStatus['state']): V1ContainerStatus => ({
  name: 'runner',
  image: 'budflow:1',
  imageID: '',
  ready: false,
  restartCount: 0,
  state,
});
const terminated = (reason: string, exitCode: number, extra = {}) => [
  container({ terminated: { reason, exitCode, ...extra } }),
];
const waiting = (reason: string, message?: string) => [
  container({ waiting: { reason, ...(message ? { message } : {}) } }),
];

describe('stepPodFailure', () => {
  it.each<[string, V1Pod, number, { message: string; reason: string } | undefined]>([
    ['a Pending Pod: nothing yet', pod({ phase: 'Pending' }), startMs, undefined],
    [
      'a Running Pod: nothing yet',
      pod({ phase: 'Running', containerStatuses: [container({ running: {} })] }),
      startMs,
      undefined,
    ],
    [
      'a Succeeded Pod: its runner reported over NATS',
      pod({ phase: 'Succeeded', containerStatuses: terminated('Completed', 0) }),
      startMs,
      undefined,
    ],
    [
      'OOMKilled: memory, with the limit',
      pod({ phase: 'Failed', containerStatuses: terminated('OOMKilled', 137) }),
      startMs,
      { reason: 'memory', message: 'step exceeded its 256Mi memory limit (OOMKilled)' },
    ],
    [
      'OOMKilled before the kubelet set the phase',
      pod({ phase: 'Running', containerStatuses: terminated('OOMKilled', 137) }),
      startMs,
      { reason: 'memory', message: 'step exceeded its 256Mi memory limit (OOMKilled)' },
    ],
    [
      'OOMKilled without a limit',
      pod({ phase: 'Failed', containerStatuses: terminated('OOMKilled', 137) }, null),
      startMs,
      { reason: 'memory', message: 'step exceeded its memory limit (OOMKilled)' },
    ],
    [
      'DeadlineExceeded: timeout after activeDeadlineSeconds',
      pod({
        phase: 'Failed',
        reason: 'DeadlineExceeded',
        message: 'Pod was active on the node longer than the specified deadline',
      }),
      startMs,
      { reason: 'timeout', message: 'step timed out after 45s' },
    ],
    [
      'Evicted: with the kubelet message',
      pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }),
      startMs,
      { reason: 'crash', message: 'step Pod was evicted: The node was low on resource: memory.' },
    ],
    [
      'ErrImagePull within the grace period: nothing yet',
      pod({ phase: 'Pending', containerStatuses: waiting('ErrImagePull', 'registry timeout') }),
      startMs + 59_999,
      undefined,
    ],
    [
      'ImagePullBackOff that persisted',
      pod({
        phase: 'Pending',
        containerStatuses: waiting('ImagePullBackOff', 'Back-off pulling image "budflow:1"'),
      }),
      startMs + 60_000,
      { reason: 'crash', message: 'runner image could not be pulled: Back-off pulling image "budflow:1"' },
    ],
    [
      'InvalidImageName: at once',
      pod({
        phase: 'Pending',
        containerStatuses: waiting('InvalidImageName', 'couldn\'t parse image name "Bud Flow"'),
      }),
      startMs,
      { reason: 'crash', message: 'runner image could not be pulled: couldn\'t parse image name "Bud Flow"' },
    ],
    [
      'any other failure: the exit code',
      pod({ phase: 'Failed', containerStatuses: terminated('Error', 1) }),
      startMs,
      { reason: 'crash', message: 'runner Pod failed: Error (exit code 1)' },
    ],
    [
      'any other failure: the signal and message',
      pod({ phase: 'Failed', containerStatuses: terminated('Error', 0, { signal: 9, message: 'killed' }) }),
      startMs,
      { reason: 'crash', message: 'runner Pod failed: Error (signal 9): killed' },
    ],
    [
      'any other failure without a container status: the Pod reason',
      pod({ phase: 'Failed', reason: 'NodeLost', message: 'node vanished' }),
      startMs,
      { reason: 'crash', message: 'runner Pod failed: NodeLost: node vanished' },
    ],
    [
      'a Failed Pod nobody explained',
      pod({ phase: 'Failed' }),
      startMs,
      { reason: 'crash', message: 'runner Pod failed: no reason given' },
    ],
  ])('%s', (_name, input, now, expected) => {
    const failure = stepPodFailure(input, now);
    if (!expected) return expect(failure).toBeUndefined();
    expect(failure).toEqual({
      executionId: 'e-uid',
      stepId: 'e-uid/Heavy/0/1',
      result: {
        ok: false,
        error: {
          name: 'RunnerError',
          node: 'Heavy',
          description: 'step Pod shop/orders-run-42-step-abc',
          ...expected,
        },
      },
    });
  });

  it('takes the grace period from the options', () => {
    const pulling = pod({ phase: 'Pending', containerStatuses: waiting('ErrImagePull') });
    expect(stepPodFailure(pulling, startMs + 5_000, { imagePullGraceMs: 5_000 })?.result).toMatchObject({
      error: { message: 'runner image could not be pulled: ErrImagePull' },
    });
    expect(imagePullDeadline(pulling, { imagePullGraceMs: 5_000 })).toBe(startMs + 5_000);
    expect(imagePullDeadline(pod({ phase: 'Pending' }))).toBeUndefined();
  });

  it('ignores Pods that are not step Pods', () => {
    const poolPod: V1Pod = {
      ...pod({ phase: 'Failed' }),
      metadata: { name: 'budflow-runner-default-x', namespace: 'shop' },
    };
    expect(stepOfPod(poolPod)).toBeUndefined();
    expect(stepPodFailure(poolPod, startMs)).toBeUndefined();
  });
});

describe('deletedStepPodFailure', () => {
  it.each<[string, V1Pod, boolean]>([
    ['a Pending Pod deleted: its step never reports', pod({ phase: 'Pending' }), true],
    ['a Running Pod deleted', pod({ phase: 'Running' }), true],
    ['a Succeeded Pod deleted (garbage collection)', pod({ phase: 'Succeeded' }), false],
    ['a Failed Pod deleted: its failure was delivered when it failed', pod({ phase: 'Failed' }), false],
  ])('%s', (_name, input, fails) => {
    const failure = deletedStepPodFailure(input);
    if (!fails) return expect(failure).toBeUndefined();
    expect(failure?.result).toMatchObject({
      ok: false,
      error: { reason: 'crash', message: 'runner Pod was deleted before its step finished' },
    });
  });
});
