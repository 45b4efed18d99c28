import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, type TestNamespace } from '@budflow/stack';
import {
  createKubeJsonClient,
  createLeaseClient,
  formatMicroTime,
  LeadershipLostError,
  LeaseElector,
  type Lease,
  type LeaseClient,
} from '../../src/kube/index.js';

// Short timings keep the suite fast while keeping client-go's proportions.
const LEASE_DURATION_MS = 2000;
const RENEW_DEADLINE_MS = 1500;
const RETRY_PERIOD_MS = 300;
/** Slack for requests and timers on a busy machine. */
const SLACK_MS = 700;

let kc: KubeConfig;
let ns: TestNamespace;
let leases: LeaseClient;
const running: LeaseElector[] = [];

beforeAll(async () => {
  kc = loadKubeConfig(inject(STACK_KEY).kubeconfigPath);
  ns = await createTestNamespace(kc, 'kube-lease-elector');
  leases = createLeaseClient(createKubeJsonClient(kc));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((elector) => elector.stop({ release: false })));
});

afterAll(async () => {
  await ns?.delete();
});

interface Candidate {
  identity: string;
  elector: LeaseElector;
  log: string[];
  signal?: AbortSignal;
  startedAt?: number;
  stoppedAt?: number;
  done: Promise<void>;
}

function candidate(identity: string, leaseName: string, client: LeaseClient = leases): Candidate {
  const elector = new LeaseElector({
    leases: client,
    namespace: ns.name,
    name: leaseName,
    identity,
    leaseDurationMs: LEASE_DURATION_MS,
    renewDeadlineMs: RENEW_DEADLINE_MS,
    retryPeriodMs: RETRY_PERIOD_MS,
  });
  running.push(elector);
  const c: Candidate = { identity, elector, log: [], done: Promise.resolve() };
  c.done = elector.run({
    onStartedLeading: (signal) => {
      c.signal = signal;
      c.startedAt = Date.now();
      c.log.push('started');
    },
    onStoppedLeading: () => {
      c.stoppedAt = Date.now();
      c.log.push('stopped');
    },
    onNewLeader: (leader) => c.log.push(`leader ${leader}`),
  });
  return c;
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function leaseOf(name: string): Promise<Lease> {
  return (await leases.get(ns.name, name))!;
}

/** Two candidates; resolves once one of them leads. */
async function race(leaseName: string): Promise<{ leader: Candidate; follower: Candidate }> {
  const a = candidate('replica-a', leaseName);
  const b = candidate('replica-b', leaseName);
  await waitFor('someone leads', () => a.elector.isLeader || b.elector.isLeader);
  return a.elector.isLeader ? { leader: a, follower: b } : { leader: b, follower: a };
}

describe('LeaseElector on the real apiserver', () => {
  it('lets exactly one of two candidates lead, recorded in the Lease with six-digit MicroTimes', async () => {
    const { leader, follower } = await race('one-leader');
    await new Promise((resolve) => setTimeout(resolve, LEASE_DURATION_MS + RETRY_PERIOD_MS));
    expect(leader.elector.isLeader).toBe(true);
    expect(follower.elector.isLeader).toBe(false);
    expect(follower.log).toEqual([`leader ${leader.identity}`]);
    expect(leader.log).toEqual([`leader ${leader.identity}`, 'started']);
    const lease = await leaseOf('one-leader');
    expect(lease.spec).toMatchObject({
      holderIdentity: leader.identity,
      leaseDurationSeconds: 2,
      leaseTransitions: 0,
    });
    expect(lease.spec?.renewTime).toMatch(/\.\d{6}Z$/);
    expect(Date.now() - Date.parse(lease.spec!.renewTime!)).toBeLessThan(RETRY_PERIOD_MS + SLACK_MS);
  });

  it('hands over at the next retry when the leader stops gracefully and releases the Lease', async () => {
    const { leader, follower } = await race('graceful');
    const stoppedAt = Date.now();
    await leader.elector.stop();
    expect(leader.signal?.aborted).toBe(true);
    expect(leader.log.at(-1)).toBe('stopped');
    await waitFor('the follower leads', () => follower.elector.isLeader);
    expect(Date.now() - stoppedAt).toBeLessThan(RETRY_PERIOD_MS * 1.2 + SLACK_MS);
    expect((await leaseOf('graceful')).spec).toMatchObject({
      holderIdentity: follower.identity,
      leaseTransitions: 1,
    });
  });

  it('hands over within leaseDuration + retryPeriod when the leader dies, never before the Lease expired', async () => {
    const { leader, follower } = await race('killed');
    await new Promise((resolve) => setTimeout(resolve, RETRY_PERIOD_MS * 2));
    const killedAt = Date.now();
    await leader.elector.stop({ release: false });
    const lastRenew = Date.parse((await leaseOf('killed')).spec!.renewTime!);
    await waitFor('the follower leads', () => follower.elector.isLeader);
    const handover = Date.now() - killedAt;
    expect(handover).toBeLessThan(LEASE_DURATION_MS + RETRY_PERIOD_MS * 1.2 + SLACK_MS);
    const lease = await leaseOf('killed');
    expect(lease.spec?.holderIdentity).toBe(follower.identity);
    expect(Date.parse(lease.spec!.acquireTime!) - lastRenew).toBeGreaterThanOrEqual(LEASE_DURATION_MS);
  });

  it('stops leading at once when the Lease is taken over under it, and leaves it to the new holder', async () => {
    const leader = candidate('replica-a', 'stolen');
    await waitFor('a leads', () => leader.elector.isLeader);
    const current = await leaseOf('stolen');
    const stolenAt = Date.now();
    await leases.replace({
      ...current,
      spec: {
        ...current.spec,
        holderIdentity: 'intruder',
        leaseDurationSeconds: 30,
        renewTime: formatMicroTime(Date.now()),
      },
    });
    await leader.done;
    expect(leader.stoppedAt! - stolenAt).toBeLessThan(RENEW_DEADLINE_MS);
    expect(leader.signal?.reason).toBeInstanceOf(LeadershipLostError);
    expect(leader.log.slice(-2)).toEqual(['leader intruder', 'stopped']);
    expect((await leaseOf('stolen')).spec?.holderIdentity).toBe('intruder');
  });

  it('stops leading within renewDeadline when it cannot reach the apiserver, aborting the signal', async () => {
    let broken = false;
    const breakable: LeaseClient = {
      get: (namespace, name) =>
        broken ? Promise.reject(new Error('ECONNREFUSED')) : leases.get(namespace, name),
      create: (lease) => (broken ? Promise.reject(new Error('ECONNREFUSED')) : leases.create(lease)),
      replace: (lease) => (broken ? Promise.reject(new Error('ECONNREFUSED')) : leases.replace(lease)),
    };
    const leader = candidate('replica-a', 'partitioned', breakable);
    await waitFor('a leads', () => leader.elector.isLeader);
    await new Promise((resolve) => setTimeout(resolve, RETRY_PERIOD_MS * 2));
    const lastRenew = Date.parse((await leaseOf('partitioned')).spec!.renewTime!);
    broken = true;
    await leader.done;
    expect(leader.signal?.aborted).toBe(true);
    // Leadership ends renewDeadline after the last renewal began: before the Lease expires for the others.
    const ledFor = leader.stoppedAt! - lastRenew;
    expect(ledFor).toBeGreaterThanOrEqual(RENEW_DEADLINE_MS - 50);
    expect(ledFor).toBeLessThan(LEASE_DURATION_MS);
  });
});
