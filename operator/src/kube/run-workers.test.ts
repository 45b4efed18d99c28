import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { processNextWorkItem, requeueAfterOf, runWorkers } from './run-workers.js';
import { RequeueAfterError } from './typed-errors.js';
import { WorkQueue } from './work-queue.js';

function setup() {
  const clock = new ManualClock();
  return { clock, queue: new WorkQueue({ clock }) };
}

describe('processNextWorkItem', () => {
  it('forgets the backoff of a key that reconciled', async () => {
    const { queue } = setup();
    queue.addRateLimited('ns/a');
    queue.add('ns/a');
    expect(await processNextWorkItem(queue, async () => undefined)).toBe(true);
    expect(queue.numRequeues('ns/a')).toBe(0);
    expect(queue.length).toBe(0);
  });

  it('requeues a failing key with growing backoff and reports the error', async () => {
    const { clock, queue } = setup();
    const errors: string[] = [];
    const reconcile = async () => {
      throw new Error('apiserver unavailable');
    };
    queue.add('ns/a');
    await processNextWorkItem(queue, reconcile, (key, error) =>
      errors.push(`${key}: ${(error as Error).message}`),
    );
    expect(queue.length).toBe(0);
    await clock.advance(5);
    expect(queue.length).toBe(1);
    await processNextWorkItem(queue, reconcile, (key, error) =>
      errors.push(`${key}: ${(error as Error).message}`),
    );
    await clock.advance(9);
    expect(queue.length).toBe(0);
    await clock.advance(1);
    expect(queue.length).toBe(1);
    expect(errors).toEqual(['ns/a: apiserver unavailable', 'ns/a: apiserver unavailable']);
  });

  it('requeues after requeueAfterMs without counting a failure', async () => {
    const { clock, queue } = setup();
    queue.add('ns/a');
    await processNextWorkItem(queue, async () => {
      throw new RequeueAfterError(1000);
    });
    expect(queue.numRequeues('ns/a')).toBe(0);
    await clock.advance(999);
    expect(queue.length).toBe(0);
    await clock.advance(1);
    expect(queue.length).toBe(1);
  });

  it('requeues after the delay a successful reconcile asks for', async () => {
    const { clock, queue } = setup();
    queue.add('ns/a');
    await processNextWorkItem(queue, async () => ({ requeueAfterMs: 60_000 }));
    await clock.advance(60_000);
    expect(queue.length).toBe(1);
  });

  it('keeps working when the error reporter throws', async () => {
    const { queue } = setup();
    queue.add('ns/a');
    const result = processNextWorkItem(
      queue,
      async () => {
        throw new Error('x');
      },
      () => {
        throw new Error('logger broke');
      },
    );
    await expect(result).resolves.toBe(true);
    expect(queue.numRequeues('ns/a')).toBe(1);
  });

  it('answers false once the queue is shut down', async () => {
    const { queue } = setup();
    queue.shutDown();
    expect(await processNextWorkItem(queue, async () => undefined)).toBe(false);
  });
});

describe('requeueAfterOf', () => {
  it.each([
    { name: 'RequeueAfterError', error: new RequeueAfterError(5), expected: 5 },
    {
      name: 'any error with the field',
      error: Object.assign(new Error('x'), { requeueAfterMs: 7 }),
      expected: 7,
    },
    { name: 'a plain error', error: new Error('x'), expected: undefined },
    { name: 'a negative delay', error: { requeueAfterMs: -1 }, expected: undefined },
    { name: 'a string', error: 'boom', expected: undefined },
  ])('$name → $expected', ({ error, expected }) => {
    expect(requeueAfterOf(error)).toBe(expected);
  });
});

describe('runWorkers', () => {
  it('runs keys in parallel but never the same key twice at once, and stops on shutDown', async () => {
    const { clock, queue } = setup();
    const running = new Set<string>();
    let maxParallel = 0;
    const overlaps: string[] = [];
    const seen: string[] = [];
    const reconcile = async (key: string) => {
      if (running.has(key)) overlaps.push(key);
      running.add(key);
      maxParallel = Math.max(maxParallel, running.size);
      seen.push(key);
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 10));
      running.delete(key);
    };
    const workers = runWorkers(queue, reconcile, { concurrency: 3 });
    for (const key of ['ns/a', 'ns/b', 'ns/c', 'ns/d']) queue.add(key);
    await clock.settle();
    queue.add('ns/a'); // while ns/a is processed: runs again afterwards, not alongside
    await clock.advance(100);
    queue.shutDown();
    await workers;
    expect(overlaps).toEqual([]);
    expect(maxParallel).toBe(3);
    expect(seen.sort()).toEqual(['ns/a', 'ns/a', 'ns/b', 'ns/c', 'ns/d']);
  });
});
