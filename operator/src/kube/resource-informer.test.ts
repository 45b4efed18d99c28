import type { KubernetesObject } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { ResourceInformer, type InformerSource } from './resource-informer.js';
import { WorkQueue } from './work-queue.js';

type Callback = (argument: never) => void;

/** Plays client-node's ListWatch: `start` lists (or fails), events and errors are emitted by the test. */
class FakeSource implements InformerSource<KubernetesObject> {
  readonly callbacks = new Map<string, Callback[]>();
  objects = new Map<string, KubernetesObject>();
  resourceVersion = '';
  starts = 0;
  /** What the next start does: 'list' succeeds, 'error' emits an error like a failed list. */
  next: ('list' | 'error')[] = [];
  stopped = false;

  on(verb: string, callback: Callback): void {
    this.callbacks.set(verb, [...(this.callbacks.get(verb) ?? []), callback]);
  }
  off(): void {}
  async start(): Promise<void> {
    this.starts++;
    if ((this.next.shift() ?? 'list') === 'error') this.emit('error', new Error('connection refused'));
    else this.resourceVersion = '1';
  }
  async stop(): Promise<void> {
    this.stopped = true;
    // ListWatch reports the abort of its own watch request as an error.
    this.emit('error', new DOMException('aborted', 'AbortError'));
  }
  get(name: string, namespace?: string) {
    return this.objects.get(`${namespace}/${name}`);
  }
  list() {
    return [...this.objects.values()];
  }
  latestResourceVersion(): string {
    return this.resourceVersion;
  }
  emit(verb: string, argument: unknown): void {
    for (const callback of this.callbacks.get(verb) ?? []) (callback as (value: unknown) => void)(argument);
  }
}

function setup() {
  const clock = new ManualClock();
  const source = new FakeSource();
  const errors: unknown[] = [];
  const informer = new ResourceInformer(source, {
    clock,
    restartBackoff: { baseMs: 100, maxMs: 1000 },
    onError: (error) => errors.push(error),
  });
  return { clock, source, informer, errors };
}

const wf = (name: string): KubernetesObject => ({ metadata: { namespace: 'ns', name } });

describe('ResourceInformer', () => {
  it('resolves hasSynced once the first list is in', async () => {
    const { clock, informer } = setup();
    expect(informer.isSynced).toBe(false);
    informer.start();
    await clock.settle();
    await expect(informer.hasSynced).resolves.toBeUndefined();
    expect(informer.isSynced).toBe(true);
    await informer.stop();
  });

  it('maps add, update and delete to keys on a work queue', async () => {
    const { source, informer } = setup();
    const queue = new WorkQueue();
    informer.enqueueTo(queue);
    source.emit('add', wf('a'));
    source.emit('update', wf('b'));
    source.emit('delete', wf('a'));
    expect([await queue.get(), await queue.get()]).toEqual(['ns/a', 'ns/b']);
  });

  it('maps objects to other keys, such as an owner', async () => {
    const { source, informer } = setup();
    const queue = new WorkQueue();
    informer.enqueueTo(queue, (pod) => pod.metadata?.labels?.['budflow.io/execution']);
    source.emit('add', {
      metadata: { namespace: 'ns', name: 'pod-1', labels: { 'budflow.io/execution': 'ns/ex-1' } },
    });
    source.emit('add', { metadata: { namespace: 'ns', name: 'unrelated' } });
    expect(queue.length).toBe(1);
    expect(await queue.get()).toBe('ns/ex-1');
  });

  it('serves the cache as a lister', () => {
    const { source, informer } = setup();
    source.objects.set('ns/a', wf('a'));
    expect(informer.get('ns', 'a')).toEqual(wf('a'));
    expect(informer.get('ns', 'missing')).toBeUndefined();
    expect(informer.list()).toHaveLength(1);
  });

  it('restarts after errors with doubling backoff, and resets it after a good start', async () => {
    const { clock, source, informer, errors } = setup();
    source.next = ['error', 'error', 'error', 'list'];
    informer.start();
    await clock.settle();
    const startsAt: number[] = [];
    const t0 = clock.now();
    for (let ms = 0; ms < 1000 && source.starts < 4; ms += 10) {
      const before = source.starts;
      await clock.advance(10);
      if (source.starts > before) startsAt.push(clock.now() - t0);
    }
    expect(startsAt).toEqual([100, 300, 700]);
    expect(errors).toHaveLength(3);
    expect(informer.isSynced).toBe(true);
    // The watch fails later: the first restart waits the base delay again.
    source.emit('error', new Error('watch closed: 500'));
    await clock.advance(100);
    expect(source.starts).toBe(5);
    await informer.stop();
  });

  it('ignores the abort error of its own stop and rejects hasSynced if never synced', async () => {
    const { clock, source, informer, errors } = setup();
    source.next = ['error'];
    informer.start();
    await clock.settle();
    await informer.stop();
    await expect(informer.hasSynced).rejects.toThrow(/stopped before it synced/);
    await clock.advance(10_000);
    expect(source.starts).toBe(1);
    expect(errors).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
