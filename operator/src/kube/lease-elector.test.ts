import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { FakeKubeClient } from './fake-kube-client.js';
import { createLeaseClient, type Lease } from './lease-client.js';
import { LeadershipLostError, LeaseElector, type LeaseElectorOptions } from './lease-elector.js';
import { formatMicroTime } from './micro-time.js';
import { collectionPath, LEASES } from './resources.js';
import { KubeApiError } from './typed-errors.js';

const NS = 'budflow-system';
const NAME = 'budflow-operator';

let clock: ManualClock;
let client: FakeKubeClient;

beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 10, 27, 4, 0, 0));
  client = new FakeKubeClient();
});

/** An elector and a log of what it told its callbacks. */
function candidate(identity: string, options: Partial<LeaseElectorOptions> = {}) {
  const log: string[] = [];
  let signal: AbortSignal | undefined;
  const elector = new LeaseElector({
    leases: createLeaseClient(client),
    namespace: NS,
    name: NAME,
    identity,
    clock,
    random: () => 0,
    ...options,
  });
  const done = elector.run({
    onStartedLeading: (leading) => {
      signal = leading;
      log.push(`started@${clock.now() - start}`);
    },
    onStoppedLeading: () => log.push(`stopped@${clock.now() - start}`),
    onNewLeader: (leader) => log.push(`leader ${leader}`),
  });
  return { elector, log, done, signal: () => signal };
}

const start = Date.UTC(2026, 10, 27, 4, 0, 0);

function lease(): Lease {
  return client.object<Lease>(collectionPath(LEASES, NS), NAME)!;
}

/** Puts a Lease in the store directly, as another replica or an operator with kubectl would. */
async function putLease(spec: Lease['spec']): Promise<void> {
  const existing = client.object<Lease>(collectionPath(LEASES, NS), NAME);
  const body = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: NAME, namespace: NS },
    spec,
  };
  if (existing) {
    await client.request({ method: 'PUT', path: `${collectionPath(LEASES, NS)}/${NAME}`, body });
  } else {
    await client.request({ method: 'POST', path: collectionPath(LEASES, NS), body });
  }
  client.clearActions();
}

describe('LeaseElector', () => {
  it('creates a missing Lease and leads, with MicroTimes the apiserver accepts', async () => {
    const a = candidate('a');
    await clock.settle();
    expect(client.summary()).toEqual([`get leases ${NS}/${NAME}`, `create leases ${NS}/${NAME}`]);
    expect(a.log).toEqual(['leader a', 'started@0']);
    expect(a.elector.isLeader).toBe(true);
    expect(lease().spec).toEqual({
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-11-27T04:00:00.000000Z',
      renewTime: '2026-11-27T04:00:00.000000Z',
      leaseTransitions: 0,
    });
    await a.elector.stop();
  });

  it('renews every retryPeriod with one conditional update, keeping acquireTime', async () => {
    const a = candidate('a');
    await clock.settle();
    client.clearActions();
    await clock.advance(2000);
    await clock.advance(2000);
    expect(client.summary()).toEqual([`update leases ${NS}/${NAME}`, `update leases ${NS}/${NAME}`]);
    expect(lease().spec).toMatchObject({
      acquireTime: '2026-11-27T04:00:00.000000Z',
      renewTime: '2026-11-27T04:00:04.000000Z',
    });
    await a.elector.stop();
  });

  it('lets only one of two candidates lead; the other keeps watching the Lease', async () => {
    const a = candidate('a');
    const b = candidate('b');
    await clock.advance(10_000);
    expect([a.elector.isLeader, b.elector.isLeader]).toEqual([true, false]);
    expect(b.log).toEqual(['leader a']);
    expect(b.elector.leader).toBe('a');
    await a.elector.stop({ release: false });
    await b.elector.stop();
  });

  it('does not take over a Lease another holder renews', async () => {
    await putLease({
      holderIdentity: 'other',
      leaseDurationSeconds: 15,
      renewTime: formatMicroTime(clock.now()),
    });
    const a = candidate('a');
    for (let i = 0; i < 10; i++) {
      await clock.advance(2000);
      await putLease({
        holderIdentity: 'other',
        leaseDurationSeconds: 15,
        renewTime: formatMicroTime(clock.now()),
      });
    }
    expect(a.elector.isLeader).toBe(false);
    await a.elector.stop();
  });

  it('takes over once the holder stopped renewing, within leaseDuration + retryPeriod, counting a transition', async () => {
    const a = candidate('a');
    await clock.settle();
    const b = candidate('b');
    await clock.advance(4000);
    await a.elector.stop({ release: false }); // a crashed: it neither renews nor releases
    const lastRenew = Date.parse(lease().spec!.renewTime!);
    while (!b.elector.isLeader) await clock.advance(100);
    expect(clock.now() - lastRenew).toBeGreaterThan(15_000);
    expect(clock.now() - lastRenew).toBeLessThanOrEqual(15_000 + 2000);
    expect(lease().spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    expect(b.log).toEqual(['leader a', 'leader b', expect.stringMatching(/^started@/)]);
    await b.elector.stop();
  });

  it('releases on a graceful stop, so a follower takes over at its next retry', async () => {
    const a = candidate('a');
    await clock.settle();
    const b = candidate('b');
    await clock.advance(3000);
    const stoppedAt = clock.now();
    await a.elector.stop();
    expect(a.log).toEqual(['leader a', 'started@0', `stopped@${stoppedAt - start}`]);
    expect(a.signal()?.aborted).toBe(true);
    expect(lease().spec).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1 });
    await clock.advance(2000);
    expect(b.elector.isLeader).toBe(true);
    await expect(a.done).resolves.toBeUndefined();
    await b.elector.stop();
  });

  it('waits for the work onStartedLeading returned before releasing', async () => {
    let finishWork!: () => void;
    const elector = new LeaseElector({
      leases: createLeaseClient(client),
      namespace: NS,
      name: NAME,
      identity: 'a',
      clock,
    });
    void elector.run({ onStartedLeading: () => new Promise<void>((resolve) => (finishWork = resolve)) });
    await clock.settle();
    const stopping = elector.stop();
    await clock.advance(1000);
    expect(lease().spec?.holderIdentity).toBe('a');
    finishWork();
    await stopping;
    expect(lease().spec?.holderIdentity).toBe('');
  });

  it('gives up leading exactly renewDeadline after the last successful renewal when renewals fail', async () => {
    const a = candidate('a');
    await clock.advance(2000); // renewed at t=2 s
    client.prependReactor(() => {
      throw new KubeApiError(503, { reason: 'ServiceUnavailable', message: 'etcd is down' });
    });
    await clock.advance(9999);
    expect(a.elector.isLeader).toBe(true);
    await clock.advance(1);
    expect(a.elector.isLeader).toBe(false);
    expect(a.log.at(-1)).toBe('stopped@12000');
    expect(a.signal()?.reason).toBeInstanceOf(LeadershipLostError);
    await a.done;
  });

  it('aborts the signal at the deadline even while a renewal hangs', async () => {
    const a = candidate('a');
    await clock.settle();
    client.prependReactor(() => new Promise(() => undefined));
    await clock.advance(10_000);
    expect(a.signal()?.aborted).toBe(true);
    expect(a.log.at(-1)).toBe('stopped@10000');
  });

  it('stops at once when another holder took the Lease, and leaves it to them', async () => {
    const a = candidate('a');
    await clock.advance(2000);
    await putLease({
      holderIdentity: 'intruder',
      leaseDurationSeconds: 15,
      renewTime: formatMicroTime(clock.now()),
    });
    await clock.advance(2000);
    expect(a.log.slice(-2)).toEqual(['leader intruder', 'stopped@4000']);
    await a.done;
    expect(lease().spec?.holderIdentity).toBe('intruder');
  });

  it('takes over a Lease whose holder clock runs ahead once it has stayed unchanged for leaseDuration', async () => {
    await putLease({
      holderIdentity: 'skewed',
      leaseDurationSeconds: 15,
      renewTime: formatMicroTime(clock.now() + 3_600_000),
    });
    const a = candidate('a');
    await clock.advance(14_000);
    expect(a.elector.isLeader).toBe(false);
    await clock.advance(4000);
    expect(a.elector.isLeader).toBe(true);
    await a.elector.stop();
  });

  it.each([
    { name: 'leaseDuration ≤ renewDeadline', options: { leaseDurationMs: 10_000, renewDeadlineMs: 10_000 } },
    { name: 'renewDeadline ≤ 1.2 retryPeriod', options: { renewDeadlineMs: 2400, retryPeriodMs: 2000 } },
    { name: 'an empty identity', options: { identity: '' } },
  ])('rejects $name', ({ options }) => {
    expect(
      () =>
        new LeaseElector({
          leases: createLeaseClient(client),
          namespace: NS,
          name: NAME,
          identity: 'a',
          ...options,
        }),
    ).toThrow();
  });
});
