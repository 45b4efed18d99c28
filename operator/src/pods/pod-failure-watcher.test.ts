import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ManualClock, ResourceInformer } from '../kube/index.js';
import type { InformerSource } from '../kube/index.js';
import type { StepResultMessage } from '../nats/contracts.js';
import { PodFailureWatcher } from './pod-failure-watcher.js';

type Handler = (pod: V1Pod) => void;

/** Plays the Pod informer's source: the test emits add, update and delete. */
class FakePods implements InformerSource<V1Pod> {
  private readonly handlers = new Map<string, Handler[]>();
  readonly objects = new Map<string, V1Pod>();
  on(verb: string, handler: Handler): void {
    this.handlers.set(verb, [...(this.handlers.get(verb) ?? []), handler]);
  }
  off(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  get(name: string, namespace?: string) {
    return this.objects.get(`${namespace}/${name}`);
  }
  list() {
    return [...this.objects.values()];
  }
  latestResourceVersion(): string {
    return '1';
  }
  emit(verb: 'add' | 'update' | 'delete', pod: V1Pod): void {
    const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
    if (verb === 'delete') this.objects.delete(key);
    else this.objects.set(key, pod);
    for (const handler of this.handlers.get(verb) ?? []) handler(pod);
  }
}

const pod = (status: V1Pod['status'], uid = 'pod-1'): V1Pod => ({
  metadata: {
    name: `step-${uid}`,
    namespace: 'shop',
    uid,
    annotations: { 'budflow.io/step-id': `e-uid/Heavy/0/${uid}` },
    ownerReferences: [
      { apiVersion: 'budflow.io/v1alpha1', kind: 'Execution', name: 'run', uid: 'e-uid', controller: true },
    ],
  },
  spec: { containers: [{ name: 'runner', resources: { limits: { memory: '64Mi' } } }] },
  status,
});
const oom = (uid?: string) =>
  pod(
    {
      phase: 'Failed',
      containerStatuses: [
        {
          name: 'runner',
          image: 'i',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
        },
      ],
    },
    uid,
  );

function setup(deliver?: (message: StepResultMessage) => Promise<void>) {
  const clock = new ManualClock();
  const source = new FakePods();
  const delivered: StepResultMessage[] = [];
  const ended: string[] = [];
  const errors: unknown[] = [];
  const watcher = new PodFailureWatcher(new ResourceInformer(source, { clock }), {
    clock,
    imagePullGraceMs: 30_000,
    retryDelayMs: 1_000,
    deliver: deliver ?? (async (message) => void delivered.push(message)),
    onEnded: async (_pod, step) => void ended.push(step.stepId),
    onError: (error) => errors.push(error),
  });
  watcher.start();
  return { clock, source, delivered, ended, errors };
}
const messages = (delivered: StepResultMessage[]) =>
  delivered.map((m) => (m.result.ok ? 'ok' : `${m.stepId}: ${m.result.error.message}`));

describe('PodFailureWatcher', () => {
  it('delivers a failure once per Pod, however often the Pod changes, and releases it once it ended', async () => {
    const { clock, source, delivered, ended } = setup();
    source.emit('add', pod({ phase: 'Pending' }));
    source.emit('update', oom());
    source.emit('update', { ...oom(), metadata: { ...oom().metadata, labels: { touched: 'yes' } } });
    await clock.settle();
    expect(messages(delivered)).toEqual([
      'e-uid/Heavy/0/pod-1: step exceeded its 64Mi memory limit (OOMKilled)',
    ]);
    expect(ended).toEqual(['e-uid/Heavy/0/pod-1']);
  });

  it('releases a Succeeded Pod without a failure', async () => {
    const { clock, source, delivered, ended } = setup();
    source.emit('add', pod({ phase: 'Running' }));
    source.emit('update', pod({ phase: 'Succeeded' }));
    source.emit('delete', pod({ phase: 'Succeeded' }));
    await clock.settle();
    expect(delivered).toEqual([]);
    expect(ended).toEqual(['e-uid/Heavy/0/pod-1']);
  });

  it('fails the step of a Pod deleted before it ended', async () => {
    const { clock, source, delivered, ended } = setup();
    source.emit('add', pod({ phase: 'Running' }));
    source.emit('delete', pod({ phase: 'Running' }));
    await clock.settle();
    expect(messages(delivered)).toEqual([
      'e-uid/Heavy/0/pod-1: runner Pod was deleted before its step finished',
    ]);
    expect(ended).toEqual(['e-uid/Heavy/0/pod-1']);
  });

  it('fails a step whose image pull keeps failing once the grace period is over, without another Pod event', async () => {
    const { clock, source, delivered } = setup();
    const pulling = pod({
      phase: 'Pending',
      startTime: new Date(clock.now()),
      containerStatuses: [
        {
          name: 'runner',
          image: 'i',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "i"' } },
        },
      ],
    });
    source.emit('add', pulling);
    await clock.advance(29_999);
    expect(delivered).toEqual([]);
    await clock.advance(1);
    expect(messages(delivered)).toEqual([
      'e-uid/Heavy/0/pod-1: runner image could not be pulled: Back-off pulling image "i"',
    ]);
  });

  it('does not fail a pull that recovered within the grace period', async () => {
    const { clock, source, delivered } = setup();
    const waiting = { waiting: { reason: 'ErrImagePull' } };
    const status = (state: object) => ({
      startTime: new Date(clock.now()),
      containerStatuses: [{ name: 'runner', image: 'i', imageID: '', ready: false, restartCount: 0, state }],
    });
    source.emit('add', pod({ phase: 'Pending', ...status(waiting) }));
    await clock.advance(10_000);
    source.emit('update', pod({ phase: 'Running', ...status({ running: {} }) }));
    await clock.advance(60_000);
    expect(delivered).toEqual([]);
  });

  it('tries a failed delivery again', async () => {
    let calls = 0;
    const delivered: StepResultMessage[] = [];
    const { clock, source, errors } = setup(async (message) => {
      if (++calls === 1) throw new Error('NATS is away');
      delivered.push(message);
    });
    source.emit('add', oom());
    await clock.settle();
    expect(errors).toHaveLength(1);
    expect(delivered).toEqual([]);
    await clock.advance(1_000);
    expect(messages(delivered)).toEqual([
      'e-uid/Heavy/0/pod-1: step exceeded its 64Mi memory limit (OOMKilled)',
    ]);
  });
});
