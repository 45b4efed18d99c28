import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { WorkQueue } from './work-queue.js';

function setup() {
  const clock = new ManualClock();
  const queue = new WorkQueue({ clock });
  return { clock, queue };
}

/** Takes every key ready now, without waiting. */
async function drain(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) keys.push((await queue.get())!);
  return keys;
}

describe('WorkQueue', () => {
  it('hands keys out in order and deduplicates a key while it is queued', async () => {
    const { queue } = setup();
    queue.add('ns/a');
    queue.add('ns/b');
    queue.add('ns/a');
    expect(queue.length).toBe(2);
    expect(await drain(queue)).toEqual(['ns/a', 'ns/b']);
  });

  it('requeues a key added while it is processed only after done, so no two workers hold it', async () => {
    const { queue } = setup();
    queue.add('ns/a');
    const key = await queue.get();
    queue.add('ns/a');
    queue.add('ns/a');
    expect(queue.length).toBe(0);
    queue.done(key!);
    expect(queue.length).toBe(1);
    expect(await queue.get()).toBe('ns/a');
  });

  it('does not requeue a key that was not added again while processed', async () => {
    const { queue } = setup();
    queue.add('ns/a');
    queue.done((await queue.get())!);
    expect(queue.length).toBe(0);
  });

  it('resolves a waiting get as soon as a key is added', async () => {
    const { queue } = setup();
    const waiting = queue.get();
    queue.add('ns/a');
    expect(await waiting).toBe('ns/a');
  });

  it('adds a key after a delay, keeping the earliest of several delays', async () => {
    const { clock, queue } = setup();
    queue.addAfter('ns/a', 100);
    queue.addAfter('ns/a', 50);
    queue.addAfter('ns/a', 500);
    await clock.advance(49);
    expect(queue.length).toBe(0);
    await clock.advance(1);
    expect(await drain(queue)).toEqual(['ns/a']);
    await clock.advance(1000);
    expect(queue.length).toBe(0);
  });

  it('adds at once when the delay is not positive', () => {
    const { queue } = setup();
    queue.addAfter('ns/a', 0);
    expect(queue.length).toBe(1);
  });

  it('backs off a failing key exponentially from 5 ms until forget resets it', async () => {
    const { clock, queue } = setup();
    const readyAfter: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = clock.now();
      queue.addRateLimited('ns/a');
      while (queue.length === 0) await clock.advance(1);
      readyAfter.push(clock.now() - start);
      queue.done((await queue.get())!);
    }
    expect(readyAfter).toEqual([5, 10, 20, 40]);
    expect(queue.numRequeues('ns/a')).toBe(4);
    queue.forget('ns/a');
    expect(queue.numRequeues('ns/a')).toBe(0);
  });

  it('keeps backoffs per key', () => {
    const { queue } = setup();
    queue.addRateLimited('ns/a');
    queue.addRateLimited('ns/a');
    queue.addRateLimited('ns/b');
    expect([queue.numRequeues('ns/a'), queue.numRequeues('ns/b')]).toEqual([2, 1]);
  });

  it('after shutDown answers undefined to waiting and new gets, and drops adds and delayed adds', async () => {
    const { clock, queue } = setup();
    const waiting = queue.get();
    queue.addAfter('ns/late', 10);
    queue.shutDown();
    expect(await waiting).toBeUndefined();
    queue.add('ns/a');
    await clock.advance(100);
    expect(queue.length).toBe(0);
    expect(await queue.get()).toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
  });
});
