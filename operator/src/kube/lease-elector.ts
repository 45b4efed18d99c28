import { systemClock, type Clock, type TimerHandle } from './clock.js';
import type { Lease, LeaseClient } from './lease-client.js';
import { formatMicroTime, parseTime } from './micro-time.js';
import { AlreadyExistsError, ConflictError } from './typed-errors.js';

export interface LeaderCallbacks {
  /**
   * This replica now leads. Start the controllers; stop them when `signal` aborts (its reason is a
   * LeadershipLostError). A returned promise is awaited (at most leaseDuration) before a graceful release.
   */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Leadership ended (lost or stopped), right after `signal` aborted. Not called if this replica never led. */
  onStoppedLeading?(): void;
  /** The Lease has a new holder (this replica included). */
  onNewLeader?(identity: string): void;
}

export interface LeaseElectorOptions {
  leases: LeaseClient;
  namespace: string;
  /** Lease name, e.g. `budflow-operator`. */
  name: string;
  /** Unique per replica, usually the Pod name. */
  identity: string;
  /** How long a holder's claim lasts without renewal (default 15 s). */
  leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it gives up leading (default 10 s). */
  renewDeadlineMs?: number;
  /** Pause between attempts to acquire or renew (default 2 s). */
  retryPeriodMs?: number;
  clock?: Clock;
  /** For the jitter of acquisition retries (default Math.random). */
  random?: () => number;
  /** Told about failed Lease reads and writes other than lost races. */
  onError?: (error: unknown) => void;
}

/** The reason of the leading signal when leadership ends. */
export class LeadershipLostError extends Error {
  override readonly name = 'LeadershipLostError';
}

/** client-go's JitterFactor: acquisition retries wait retryPeriod * [1, 1.2). */
const JITTER = 0.2;

interface Leadership {
  controller: AbortController;
  work: Promise<void>;
  deadline: TimerHandle | undefined;
}

/**
 * Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it: acquire a free
 * or expired Lease, renew it every retryPeriod, and give up leading (abort the signal at once) when no
 * renewal succeeded for renewDeadline or another holder shows up. Every write carries the resourceVersion
 * it read, so of two candidates only one wins (the other gets a 409). A Lease does not fence a stale
 * leader: the writes of the controllers it starts must be safe on their own.
 *
 * A Lease counts as expired when `renewTime + leaseDuration` has passed, or when this replica has seen it
 * unchanged for leaseDuration (client-go's rule, immune to a holder whose clock runs ahead).
 * `run` resolves once leadership has ended, like client-go's Run: the process should then exit.
 */
export class LeaseElector {
  private readonly leases: LeaseClient;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private callbacks: LeaderCallbacks | undefined;
  private running: Promise<void> | undefined;
  /** The Lease as last read or written, with its resourceVersion. */
  private lease: Lease | undefined;
  /** Local time at which `lease` was first seen in its current version. */
  private observedAt = 0;
  private reportedLeader = '';
  private leadership: Leadership | undefined;
  private lastWork: Promise<void> = Promise.resolve();
  private stopRequested = false;
  private releaseOnStop = true;
  private wake: (() => void) | undefined;

  constructor(private readonly options: LeaseElectorOptions) {
    this.leases = options.leases;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
    if (this.leaseDurationMs <= this.renewDeadlineMs)
      throw new Error('leaseDuration must be greater than renewDeadline');
    if (this.renewDeadlineMs <= this.retryPeriodMs * (1 + JITTER)) {
      throw new Error(`renewDeadline must be greater than retryPeriod*${1 + JITTER}`);
    }
    if (this.leaseDurationMs < 1000)
      throw new Error('leaseDuration must be at least 1 s (the Lease counts whole seconds)');
    if (!options.identity) throw new Error('identity must not be empty');
  }

  get isLeader(): boolean {
    return this.leadership !== undefined;
  }

  /** The holder of the Lease as last observed, if any. */
  get leader(): string | undefined {
    return this.lease?.spec?.holderIdentity || undefined;
  }

  /** Campaigns, leads, and resolves once leadership has ended or the elector was stopped. Call once. */
  run(callbacks: LeaderCallbacks): Promise<void> {
    if (this.running) throw new Error('LeaseElector.run may be called only once');
    this.callbacks = callbacks;
    this.running = this.campaign();
    return this.running;
  }

  /**
   * Stops: aborts the leading signal at once, waits for the work onStartedLeading returned, then releases
   * the Lease (holderIdentity emptied) so a follower takes over without waiting for it to expire.
   * `release: false` stops renewing without releasing, as a crashed replica would.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.releaseOnStop = options.release ?? true;
    this.stopRequested = true;
    this.endLeadership('the elector was stopped');
    this.wake?.();
    await this.running;
  }

  private async campaign(): Promise<void> {
    let acquiredAt: number | undefined;
    while (!this.stopRequested && acquiredAt === undefined) {
      const startedAt = this.clock.now();
      if (await this.tryAcquireOrRenew()) acquiredAt = startedAt;
      else if (!this.stopRequested) await this.sleep(this.retryPeriodMs * (1 + this.random() * JITTER));
    }
    if (acquiredAt !== undefined && !this.stopRequested) await this.lead(acquiredAt);
    await this.windDown();
  }

  private async lead(acquiredAt: number): Promise<void> {
    this.startLeading(acquiredAt);
    while (this.leadership && !this.stopRequested) {
      await this.sleep(this.retryPeriodMs);
      if (!this.leadership || this.stopRequested) break;
      const startedAt = this.clock.now();
      const renewed = await this.tryAcquireOrRenew();
      if (!this.leadership) break;
      if (renewed) this.armDeadline(startedAt);
      else if (this.heldByOther()) this.endLeadership(`the Lease is held by ${this.leader}`);
    }
  }

  private async windDown(): Promise<void> {
    const holdsLease = this.lease?.spec?.holderIdentity === this.options.identity;
    if (!holdsLease || (this.stopRequested && !this.releaseOnStop)) return;
    // Let the controllers stop before a successor starts, but not past the time the Lease would expire anyway.
    let timer: TimerHandle | undefined;
    await Promise.race([
      this.lastWork,
      new Promise<void>((resolve) => (timer = this.clock.setTimeout(resolve, this.leaseDurationMs))),
    ]);
    this.clock.clearTimeout(timer);
    await this.release();
  }

  private startLeading(renewStartedAt: number): void {
    const controller = new AbortController();
    const leadership: Leadership = { controller, work: Promise.resolve(), deadline: undefined };
    this.leadership = leadership;
    this.armDeadline(renewStartedAt);
    try {
      const work = this.callbacks?.onStartedLeading(controller.signal);
      leadership.work = Promise.resolve(work).catch((error: unknown) => this.report(error));
    } catch (error) {
      this.report(error);
    }
  }

  /** Leadership ends `renewDeadline` after the start of the last successful renewal, unless renewed again. */
  private armDeadline(renewStartedAt: number): void {
    const leadership = this.leadership;
    if (!leadership) return;
    if (leadership.deadline !== undefined) this.clock.clearTimeout(leadership.deadline);
    const delay = Math.max(0, renewStartedAt + this.renewDeadlineMs - this.clock.now());
    leadership.deadline = this.clock.setTimeout(
      () => this.endLeadership(`the Lease could not be renewed within ${this.renewDeadlineMs} ms`),
      delay,
    );
  }

  private endLeadership(reason: string): void {
    const leadership = this.leadership;
    if (!leadership) return;
    this.leadership = undefined;
    this.lastWork = leadership.work;
    if (leadership.deadline !== undefined) this.clock.clearTimeout(leadership.deadline);
    leadership.controller.abort(new LeadershipLostError(reason));
    try {
      this.callbacks?.onStoppedLeading?.();
    } catch (error) {
      this.report(error);
    }
    this.wake?.();
  }

  /** One round of client-go's tryAcquireOrRenew; true when this replica holds the Lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.clock.now();
    const { identity, namespace, name } = this.options;
    // Fast path: the leader renews the Lease it last wrote without reading it first.
    if (this.leadership && this.lease?.spec?.holderIdentity === identity) {
      if (await this.write(() => this.leases.replace(this.claim(this.lease!, now)))) return true;
    }
    let current: Lease | undefined;
    try {
      current = await this.leases.get(namespace, name);
    } catch (error) {
      this.report(error);
      return false;
    }
    if (!current) {
      return this.write(() => this.leases.create(this.claim({ metadata: { name, namespace } }, now)));
    }
    this.observe(current);
    const holder = current.spec?.holderIdentity;
    if (holder && holder !== identity && !this.isExpired(this.clock.now())) return false;
    return this.write(() => this.leases.replace(this.claim(current, now)));
  }

  private async write(call: () => Promise<Lease>): Promise<boolean> {
    try {
      this.observe(await call());
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof AlreadyExistsError)) this.report(error);
      return false;
    }
  }

  /** The Lease claimed by this replica: a renewal keeps acquireTime and transitions, a takeover counts one. */
  private claim(lease: Lease, now: number): Lease {
    const time = formatMicroTime(now);
    const spec = lease.spec ?? {};
    const transitions = spec.leaseTransitions ?? 0;
    const renewal = spec.holderIdentity === this.options.identity;
    const created = lease.metadata.resourceVersion === undefined;
    return {
      ...lease,
      spec: {
        ...spec,
        holderIdentity: this.options.identity,
        leaseDurationSeconds: Math.ceil(this.leaseDurationMs / 1000),
        acquireTime: renewal && spec.acquireTime ? spec.acquireTime : time,
        renewTime: time,
        leaseTransitions: renewal || created ? transitions : transitions + 1,
      },
    };
  }

  private async release(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const lease = this.lease;
      if (lease?.spec?.holderIdentity !== this.options.identity) return;
      const time = formatMicroTime(this.clock.now());
      const released: Lease = {
        ...lease,
        spec: {
          ...lease.spec,
          holderIdentity: '',
          leaseDurationSeconds: 1,
          acquireTime: time,
          renewTime: time,
        },
      };
      try {
        this.observe(await this.leases.replace(released));
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) {
          this.report(error);
          return;
        }
      }
      try {
        const current = await this.leases.get(this.options.namespace, this.options.name);
        if (!current) return;
        this.observe(current);
      } catch (error) {
        this.report(error);
        return;
      }
    }
  }

  private observe(lease: Lease): void {
    if (lease.metadata.resourceVersion !== this.lease?.metadata.resourceVersion)
      this.observedAt = this.clock.now();
    this.lease = lease;
    const holder = lease.spec?.holderIdentity ?? '';
    if (holder === this.reportedLeader) return;
    this.reportedLeader = holder;
    if (!holder) return;
    try {
      this.callbacks?.onNewLeader?.(holder);
    } catch (error) {
      this.report(error);
    }
  }

  private isExpired(now: number): boolean {
    const spec = this.lease?.spec;
    const durationMs = (spec?.leaseDurationSeconds ?? 0) * 1000;
    const renewedAt = parseTime(spec?.renewTime);
    return (renewedAt !== undefined && renewedAt + durationMs < now) || this.observedAt + durationMs < now;
  }

  private heldByOther(): boolean {
    const holder = this.lease?.spec?.holderIdentity;
    return !!holder && holder !== this.options.identity && !this.isExpired(this.clock.now());
  }

  /** Waits `ms`, or less if stop() or the loss of leadership wakes the loop. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.clock.clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // Reporting must not break the election loop.
    }
  }
}
